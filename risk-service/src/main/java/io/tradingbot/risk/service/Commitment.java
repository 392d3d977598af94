package io.tradingbot.risk.service;

import io.tradingbot.events.Side;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * An approved verdict that no account snapshot shows yet. The signals judged after it count it as if it were already
 * traded: at 100 symbols a candle close brings a burst of signals at once, and each one judged against the same
 * snapshot would size itself from the same balance and see the same positions.
 *
 * @param spend what the order spends: {@code amount × price} of the quote currency, or for a spot sale {@code amount}
 *              of the base currency
 * @param currency the currency of {@code spend}
 * @param closes whether it closes one of the bot's spot trades (then it opens nothing)
 */
public record Commitment(String verdictId, String symbol, Side side, BigDecimal spend, String currency,
        Instant approvedAt, boolean closes) {
}
