package io.tradingbot.simulator.engine;

import java.math.BigDecimal;

/** A trade on the public tape: amount > 0 when the taker bought. */
public record PublicTrade(long id, long mts, BigDecimal amount, BigDecimal price) {
}
