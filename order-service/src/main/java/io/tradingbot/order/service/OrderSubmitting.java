package io.tradingbot.order.service;

/**
 * Fired (synchronously) just before an entry order's submit leaves for the exchange, after the cid look-up found
 * nothing: the moment a lost answer matters. Observers must be quick; they run on the submitting thread.
 */
public record OrderSubmitting(long cid, String verdictId) {
}
