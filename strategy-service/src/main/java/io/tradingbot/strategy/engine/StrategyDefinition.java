package io.tradingbot.strategy.engine;

import org.ta4j.core.BarSeries;

import java.util.Map;

/** A named trading strategy: its parameters with their defaults, and how to build it on a series. */
public interface StrategyDefinition {

    /** The name used in config, sessions and signals, e.g. {@code rsi-ema}. */
    String name();

    /** One line for people: the rules, with the default parameters. */
    String description();

    /** Every parameter the strategy takes, with its default. */
    Map<String, String> defaults();

    /** Builds the strategy's indicators and rules on {@code series}; fails on an invalid parameter. */
    SignalStrategy bind(BarSeries series, StrategyParameters parameters);
}
