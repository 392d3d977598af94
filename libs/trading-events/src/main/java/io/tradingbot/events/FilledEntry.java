package io.tradingbot.events;

import java.math.BigDecimal;

/**
 * An entry order of the bot that filled and whose exit is not on the exchange ({@code account.snapshots.v1}): the trade
 * holds what the entry bought (or sold) and no take-profit / stop-loss order rests for it. order-service is placing that
 * exit (it tries again while the exchange is busy, and at every resync for a fill it did not see); until the exit is on
 * the exchange, or when it was refused for good, risk-service counts the trade as open by this record.
 *
 * @param id the entry's order id
 * @param amount what the entry filled, signed: + bought, - sold
 * @param price the entry's average fill price, null when the exchange did not say
 * @param mts when it filled (the order's last update), epoch milliseconds
 */
public record FilledEntry(long id, String symbol, String verdictId, BigDecimal amount, BigDecimal price, long mts) {

    public FilledEntry {
        Require.symbol(symbol);
        Require.text(verdictId, "verdict_id");
        Require.present(amount, "amount");
    }

    /** The direction of the trade the entry opened. */
    public Side tradeSide() {
        return amount.signum() > 0 ? Side.BUY : Side.SELL;
    }
}
