package io.tradingbot.events;

import java.math.BigDecimal;

/**
 * An order still open on the exchange (active or partially filled), as account-service knows it. {@code role} and
 * {@code verdictId} come from the order's meta: order-service marks the orders it places for a verdict ({@code entry},
 * or {@code exit} for the take-profit / stop-loss OCO of a filled entry); orders placed elsewhere have neither. Risk
 * counts the bot's open spot trades by them, since spot holdings are not positions on Bitfinex.
 *
 * @param amount what remains, signed: + buy, - sell
 */
public record ActiveOrder(long id, Long cid, String symbol, String type, BigDecimal amount, BigDecimal amountOrig,
        BigDecimal price, String role, String verdictId) {

    public static final String ENTRY = "entry";
    public static final String EXIT = "exit";
    /** The market sale that closes a spot trade; it never rests, so it is never part of an open trade. */
    public static final String CLOSE = "close";
    /** The keys of the order's meta that carry {@code role} and {@code verdictId}. */
    public static final String META_ROLE = "role";
    public static final String META_VERDICT_ID = "verdict_id";
    /** An entry's meta: the exit it is owed once it fills. */
    public static final String META_TAKE_PROFIT = "take_profit";
    public static final String META_STOP_LOSS = "stop_loss";
    /** A close's meta: the verdict of the trade it sells. */
    public static final String META_CLOSES = "closes";

    public ActiveOrder {
        Require.symbol(symbol);
        Require.text(type, "type");
        Require.present(amount, "amount");
    }

    /** Placed by order-service for a verdict: an entry not filled yet, or the exit of one that filled. */
    public boolean partOfATrade() {
        return ENTRY.equals(role) || EXIT.equals(role);
    }

    /** The direction of the trade it belongs to: an entry's own, the opposite of an exit's (a long trade's exit sells). */
    public Side tradeSide() {
        boolean buys = amount.signum() > 0;
        return buys == ENTRY.equals(role) ? Side.BUY : Side.SELL;
    }
}
