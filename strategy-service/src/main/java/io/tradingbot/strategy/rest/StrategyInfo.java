package io.tradingbot.strategy.rest;

import java.util.Map;

/** A built-in strategy as the API lists it. */
public record StrategyInfo(String name, String description, Map<String, String> defaults) {
}
