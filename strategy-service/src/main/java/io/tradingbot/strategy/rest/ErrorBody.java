package io.tradingbot.strategy.rest;

/** Every error this API answers with: the HTTP status and what was wrong, in words. */
public record ErrorBody(int status, String error) {
}
