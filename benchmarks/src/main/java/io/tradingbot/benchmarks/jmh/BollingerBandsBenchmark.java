package io.tradingbot.benchmarks.jmh;

import io.tradingbot.events.Candle;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseBarSeriesBuilder;
import org.ta4j.core.Indicator;
import org.ta4j.core.Rule;
import org.ta4j.core.indicators.averages.SMAIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandFacade;
import org.ta4j.core.indicators.bollinger.BollingerBandsLowerIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsMiddleIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsUpperIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.indicators.statistics.StandardDeviationIndicator;
import org.ta4j.core.num.DecimalNumFactory;
import org.ta4j.core.num.Num;
import org.ta4j.core.rules.CrossedDownIndicatorRule;
import org.ta4j.core.rules.CrossedUpIndicatorRule;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * The experiment behind the fix proposed for the Bollinger strategy: what its {@code decide} reads per new bar (both
 * crossing rules, the middle band and one outer band) on bands built the way strategy-service builds them today
 * ({@code facade}: ta4j's {@link BollingerBandFacade}, whose bands are uncached numeric indicators, so every read
 * recomputes the standard deviation) against ta4j's cached band indicators over one cached standard deviation
 * ({@code cached}). Same series as the service (DecimalNum, 1000 bars, full).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class BollingerBandsBenchmark {
    private static final Duration MINUTE = Duration.ofMinutes(1);

    @Param({"facade", "cached"})
    public String bands;

    private PricePath path;
    private BarSeries series;
    private ClosePriceIndicator close;
    private Indicator<Num> lower;
    private Indicator<Num> middle;
    private Indicator<Num> upper;
    private Rule fallsBelowLower;
    private Rule risesAboveUpper;
    private long next;

    @Setup(Level.Trial)
    public void warmSeries() {
        path = new PricePath(1 << 14, 42);
        series = new BaseBarSeriesBuilder().withName("tBTCUSD:1m").withNumFactory(DecimalNumFactory.getInstance())
                .withMaxBarCount(1000).build();
        for (next = 0; next < 1000; next++) {
            append(path.candle("tBTCUSD", next));
        }
        close = new ClosePriceIndicator(series);
        Num k = series.numFactory().numOf(2);
        if (bands.equals("facade")) {
            BollingerBandFacade facade = new BollingerBandFacade(close, 20, 2);
            lower = facade.lower();
            middle = facade.middle();
            upper = facade.upper();
        } else {
            BollingerBandsMiddleIndicator mid = new BollingerBandsMiddleIndicator(new SMAIndicator(close, 20));
            StandardDeviationIndicator deviation = new StandardDeviationIndicator(close, 20);
            lower = new BollingerBandsLowerIndicator(mid, deviation, k);
            middle = mid;
            upper = new BollingerBandsUpperIndicator(mid, deviation, k);
        }
        fallsBelowLower = new CrossedDownIndicatorRule(close, lower);
        risesAboveUpper = new CrossedUpIndicatorRule(close, upper);
        read(series.getEndIndex(), null);
    }

    private void append(Candle candle) {
        Instant begin = Instant.ofEpochMilli(candle.mts());
        series.barBuilder().timePeriod(MINUTE).beginTime(begin).endTime(begin.plus(MINUTE))
                .openPrice(candle.open()).highPrice(candle.high()).lowPrice(candle.low()).closePrice(candle.close())
                .volume(candle.volume()).add();
    }

    void read(int index, Blackhole bh) {
        boolean buy = fallsBelowLower.isSatisfied(index);
        boolean sell = risesAboveUpper.isSatisfied(index);
        Num m = middle.getValue(index);
        Num l = lower.getValue(index);
        Num u = upper.getValue(index);
        if (bh != null) {
            bh.consume(buy);
            bh.consume(sell);
            bh.consume(m);
            bh.consume(l);
            bh.consume(u);
        }
    }

    @Benchmark
    public void appendAndReadBands(Blackhole bh) {
        append(path.candle("tBTCUSD", next++));
        read(series.getEndIndex(), bh);
    }
}
