package io.tradingbot.gateway.rest;

/** Optional body of starting automated trading: the strategy to run (default: the strategy-service's default). */
public record AutomationRequest(String strategy) {
}
