package io.tradingbot.bitfinex.model;

import java.math.BigDecimal;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An order (32 fields, decoded by index; older 26-field frames and longer future ones are tolerated).
 * {@code amount} is what remains (signed: + buy, - sell), {@code amountOrig} the original amount.
 * {@code status} is Bitfinex's text, e.g. {@code "EXECUTED @ 916.2(0.78): was PARTIALLY FILLED @ 915.9(0.22)"};
 * {@link #state()} gives its leading words.
 */
public record Order(Long id, Long gid, Long cid, String symbol, Long mtsCreate, Long mtsUpdate, BigDecimal amount,
                    BigDecimal amountOrig, String type, String typePrev, Long mtsTif, Integer flags, String status,
                    BigDecimal price, BigDecimal priceAvg, BigDecimal priceTrailing, BigDecimal priceAuxLimit,
                    boolean notifyOnFill, boolean hidden, Long placedId, String routing, JsonNode meta, JsonNode raw) {

    /** The leading state of an order's status text. */
    public enum State {
        ACTIVE, PARTIALLY_FILLED, EXECUTED, CANCELED, POSTONLY_CANCELED, IOC_CANCELED, FILLORKILL_CANCELED,
        INSUFFICIENT_MARGIN, INSUFFICIENT_BALANCE, RSN_DUST, RSN_PAUSE, UNKNOWN;

        public boolean isOpen() {
            return this == ACTIVE || this == PARTIALLY_FILLED;
        }
    }

    public static Order fromArray(JsonNode a) {
        Fields.requireArray(a, "order");
        return new Order(Fields.int64(a, 0), Fields.int64(a, 1), Fields.int64(a, 2), Fields.text(a, 3),
                Fields.int64(a, 4), Fields.int64(a, 5), Fields.decimal(a, 6), Fields.decimal(a, 7), Fields.text(a, 8),
                Fields.text(a, 9), Fields.int64(a, 10), Fields.int32(a, 12), Fields.text(a, 13), Fields.decimal(a, 16),
                Fields.decimal(a, 17), Fields.decimal(a, 18), Fields.decimal(a, 19), Fields.flag(a, 23),
                Fields.flag(a, 24), Fields.int64(a, 25), Fields.text(a, 28), Fields.at(a, 31), a);
    }

    public State state() {
        if (status == null) {
            return State.UNKNOWN;
        }
        String s = status.toUpperCase(Locale.ROOT).trim();
        if (s.startsWith("ACTIVE")) {
            return State.ACTIVE;
        }
        if (s.startsWith("PARTIALLY FILLED")) {
            return State.PARTIALLY_FILLED;
        }
        if (s.startsWith("EXECUTED")) {
            return State.EXECUTED;
        }
        if (s.startsWith("POSTONLY CANCELED")) {
            return State.POSTONLY_CANCELED;
        }
        if (s.startsWith("IOC CANCELED")) {
            return State.IOC_CANCELED;
        }
        if (s.startsWith("FILLORKILL CANCELED")) {
            return State.FILLORKILL_CANCELED;
        }
        if (s.startsWith("CANCELED")) {
            return State.CANCELED;
        }
        if (s.startsWith("INSUFFICIENT MARGIN")) {
            return State.INSUFFICIENT_MARGIN;
        }
        if (s.startsWith("INSUFFICIENT")) {
            return State.INSUFFICIENT_BALANCE;
        }
        if (s.startsWith("RSN_DUST")) {
            return State.RSN_DUST;
        }
        if (s.startsWith("RSN_PAUSE")) {
            return State.RSN_PAUSE;
        }
        return State.UNKNOWN;
    }

    /** The amount already executed, signed like the order (amountOrig - amount). */
    public BigDecimal filledAmount() {
        if (amountOrig == null || amount == null) {
            return null;
        }
        return amountOrig.subtract(amount);
    }

    /**
     * Whether the order is over and executed some of its amount: filled, or cancelled or refused after a partial fill
     * (a market order that emptied the book, an IOC, a resting limit cancelled by hand). What executed stays in the
     * account either way.
     */
    public boolean endedWithFill() {
        State state = state();
        BigDecimal filled = filledAmount();
        return !state.isOpen() && state != State.UNKNOWN && filled != null && filled.signum() != 0;
    }

    public boolean hasFlag(int flag) {
        return flags != null && (flags & flag) == flag;
    }
}
