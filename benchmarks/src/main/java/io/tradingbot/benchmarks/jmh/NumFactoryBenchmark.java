package io.tradingbot.benchmarks.jmh;

import io.tradingbot.events.Candle;
import io.tradingbot.strategy.engine.Evaluation;
import io.tradingbot.strategy.engine.SignalStrategy;
import io.tradingbot.strategy.engine.StrategyCatalog;
import io.tradingbot.strategy.engine.StrategyDefinition;
import io.tradingbot.strategy.engine.StrategyParameters;
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
import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseBarSeriesBuilder;
import org.ta4j.core.num.DecimalNumFactory;
import org.ta4j.core.num.DoubleNumFactory;
import org.ta4j.core.num.NumFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The experiment behind strategy-service's move to doubles for its indicators (2026-11-25): the same strategy classes
 * (bound through their public {@link StrategyDefinition#bind}) on a series built like its {@code CandleSeries}, with
 * the number type as the only variable: {@code decimal32} is what it used before ({@code DecimalNumFactory.getInstance()},
 * 32 significant digits), {@code decimal16} 16 digits, {@code double} ta4j's DoubleNum, what it uses now.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class NumFactoryBenchmark {
    private static final Duration MINUTE = Duration.ofMinutes(1);

    @Param({"rsi-ema", "macd", "bollinger"})
    public String strategy;

    @Param({"decimal32", "decimal16", "double"})
    public String num;

    private PricePath path;
    private BarSeries series;
    private SignalStrategy bound;
    private long next;

    @Setup(Level.Trial)
    public void warmSeries() {
        NumFactory factory = switch (num) {
            case "decimal32" -> DecimalNumFactory.getInstance();
            case "decimal16" -> DecimalNumFactory.getInstance(16);
            case "double" -> DoubleNumFactory.getInstance();
            default -> throw new IllegalArgumentException(num);
        };
        path = new PricePath(1 << 14, 42);
        series = new BaseBarSeriesBuilder().withName("tBTCUSD:1m").withNumFactory(factory).withMaxBarCount(1000).build();
        for (next = 0; next < 1000; next++) {
            append(path.candle("tBTCUSD", next));
        }
        StrategyDefinition definition = StrategyCatalog.builtIn().require(strategy);
        bound = definition.bind(series, StrategyParameters.of(strategy, definition.defaults(), Map.of()));
        bound.evaluate(series.getEndIndex());
    }

    private void append(Candle candle) {
        Instant begin = Instant.ofEpochMilli(candle.mts());
        series.barBuilder().timePeriod(MINUTE).beginTime(begin).endTime(begin.plus(MINUTE))
                .openPrice(candle.open()).highPrice(candle.high()).lowPrice(candle.low()).closePrice(candle.close())
                .volume(candle.volume()).add();
    }

    @Benchmark
    public Evaluation appendAndEvaluate() {
        append(path.candle("tBTCUSD", next++));
        return bound.evaluate(series.getEndIndex());
    }
}
