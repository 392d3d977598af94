package io.tradingbot.benchmarks.jmh;

import io.tradingbot.events.Candle;
import io.tradingbot.strategy.engine.StrategyCatalog;
import io.tradingbot.strategy.engine.StrategyDefinition;
import io.tradingbot.strategy.engine.StrategyParameters;
import io.tradingbot.strategy.service.CandleSeries;
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

import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Strategy evaluation per new bar, exactly as strategy-service does it for a closed candle ({@code SignalService.onCandle}):
 * {@link CandleSeries#append} adds the bar to the bounded ta4j series, then {@link CandleSeries#evaluateNewest} evaluates the
 * strategy bound to that series for the last index. The series is warm and full ({@code strategy.max-bars} bars, so every
 * new bar also evicts the oldest), the strategy bound once beforehand: the steady state of a running service, incremental.
 * Target: 20 µs per new bar.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class StrategyEvaluationBenchmark {
    private static final String SYMBOL = "tBTCUSD";

    @Param({"rsi-ema", "ema-crossover", "macd", "bollinger"})
    public String strategy;

    /** strategy-service's default {@code strategy.max-bars}. */
    @Param({"1000"})
    public int maxBars;

    private PricePath path;
    private CandleSeries series;
    private StrategyDefinition definition;
    private StrategyParameters parameters;
    private long next;

    @Setup(Level.Trial)
    public void warmSeries() {
        path = new PricePath(1 << 14, 42);
        definition = StrategyCatalog.builtIn().require(strategy);
        parameters = StrategyParameters.of(strategy, definition.defaults(), Map.of());
        series = new CandleSeries(SYMBOL, "1m", maxBars);
        for (next = 0; next < maxBars; next++) {
            series.append(path.candle(SYMBOL, next));
        }
        // Binds the strategy and fills every indicator cache up to the newest bar, as the first live candle would.
        series.evaluateNewest(definition, parameters);
    }

    /** One closed candle in, one evaluation out: what a new bar costs. */
    @Benchmark
    public CandleSeries.Evaluated appendAndEvaluate() {
        series.append(path.candle(SYMBOL, next++));
        return series.evaluateNewest(definition, parameters);
    }

    /** The candle record alone (built by the deserializer in the service), to subtract from the figure above. */
    @Benchmark
    public Candle candleOnly() {
        return path.candle(SYMBOL, next++);
    }
}
