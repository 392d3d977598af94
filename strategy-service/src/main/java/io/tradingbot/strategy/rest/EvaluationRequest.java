package io.tradingbot.strategy.rest;

/** Optional choices for an on-demand evaluation; both default to the symbol's configured ones. */
public record EvaluationRequest(String strategy, String timeframe) {
}
