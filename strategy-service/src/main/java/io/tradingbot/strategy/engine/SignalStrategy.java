package io.tradingbot.strategy.engine;

/**
 * A strategy bound to one bar series. Its ta4j indicators cache their values per bar, so evaluating the newest bar computes
 * only that bar; keep one instance per series for as long as the series lives.
 */
public interface SignalStrategy {

    /** Evaluates the bar at {@code index} of the series this strategy was built on. */
    Evaluation evaluate(int index);

    /** Bars needed before the strategy's rules mean anything. */
    int requiredBars();
}
