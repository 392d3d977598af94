package io.tradingbot.strategy.service;

import io.tradingbot.events.Candle;
import io.tradingbot.strategy.engine.Evaluation;
import io.tradingbot.strategy.engine.SignalStrategy;
import io.tradingbot.strategy.engine.StrategyDefinition;
import io.tradingbot.strategy.engine.StrategyParameters;
import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseBarSeriesBuilder;
import org.ta4j.core.num.DoubleNumFactory;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The closed candles of one (symbol, timeframe) as a bounded ta4j series, with the strategies bound to it. Candles are
 * appended in time order only: a candle at or before the newest bar is a duplicate or arrived late, and is ignored, so a
 * replayed topic or a warm-up that overlaps the live stream cannot corrupt the series. Strategies are bound once and keep
 * their indicator caches, so a new bar costs one computation per indicator.
 */
public final class CandleSeries {
    private final String symbol;
    private final String timeframe;
    private final Duration period;
    private final BarSeries series;
    private final Map<String, SignalStrategy> bound = new HashMap<>();
    private long newestMts = Long.MIN_VALUE;
    private BigDecimal newestClose;

    public CandleSeries(String symbol, String timeframe, int maxBars) {
        this.symbol = symbol;
        this.timeframe = timeframe;
        this.period = Timeframes.require(timeframe);
        this.series = new BaseBarSeriesBuilder()
                .withName(symbol + ":" + timeframe)
                // Indicators in doubles: 2-7x faster per bar than DecimalNum (docs/benchmarks.md) and they only decide
                // crossings; the price a signal carries is the candle's own BigDecimal close, never a double.
                .withNumFactory(DoubleNumFactory.getInstance())
                .withMaxBarCount(maxBars)
                .build();
    }

    /** Appends a closed candle; false when it is not newer than the newest bar. */
    public synchronized boolean append(Candle candle) {
        if (!candle.closed() || candle.mts() <= newestMts) {
            return false;
        }
        Instant begin = Instant.ofEpochMilli(candle.mts());
        series.barBuilder()
                .timePeriod(period)
                .beginTime(begin)
                .endTime(begin.plus(period))
                .openPrice(candle.open())
                .highPrice(candle.high())
                .lowPrice(candle.low())
                .closePrice(candle.close())
                .volume(candle.volume())
                .add();
        newestMts = candle.mts();
        newestClose = candle.close();
        return true;
    }

    /** Appends closed candles in time order, skipping those already there. */
    public synchronized int appendAll(List<Candle> candles) {
        return (int) candles.stream()
                .sorted(java.util.Comparator.comparingLong(Candle::mts))
                .filter(this::append)
                .count();
    }

    /** Evaluates the newest bar with the named strategy, binding it on first use. */
    public synchronized Evaluated evaluateNewest(StrategyDefinition definition, StrategyParameters parameters) {
        SignalStrategy strategy = bound.computeIfAbsent(definition.name() + new java.util.TreeMap<>(parameters.asMap()),
                key -> definition.bind(series, parameters));
        return new Evaluated(strategy.evaluate(series.getEndIndex()), newestMts, newestClose);
    }

    public synchronized int size() {
        return series.getBarCount();
    }

    public synchronized long newestMts() {
        return newestMts;
    }

    public String symbol() {
        return symbol;
    }

    public String timeframe() {
        return timeframe;
    }

    /** An evaluation and the candle (its mts) it was made on; mts is {@link Long#MIN_VALUE} for an empty series. */
    /** The strategy's evaluation of the newest bar, that bar's start and its exact close. */
    public record Evaluated(Evaluation evaluation, long candleMts, BigDecimal close) {
    }
}
