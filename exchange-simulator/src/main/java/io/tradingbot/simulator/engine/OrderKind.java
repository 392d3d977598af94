package io.tradingbot.simulator.engine;

import java.util.Optional;

/** Order types without the EXCHANGE prefix; the prefix (spot, exchange wallet) is a separate flag. */
public enum OrderKind {
    MARKET("MARKET"),
    LIMIT("LIMIT"),
    STOP("STOP"),
    STOP_LIMIT("STOP LIMIT"),
    TRAILING_STOP("TRAILING STOP"),
    FOK("FOK"),
    IOC("IOC");

    private final String wire;

    OrderKind(String wire) {
        this.wire = wire;
    }

    public String wire(boolean exchange) {
        return exchange ? "EXCHANGE " + wire : wire;
    }

    public boolean needsPrice() {
        return this != MARKET && this != TRAILING_STOP;
    }

    public boolean isStop() {
        return this == STOP || this == STOP_LIMIT || this == TRAILING_STOP;
    }

    /** Parses a Bitfinex type string: LIMIT, EXCHANGE LIMIT, ... */
    public static Optional<Type> parse(String type) {
        if (type == null) {
            return Optional.empty();
        }
        boolean exchange = type.startsWith("EXCHANGE ");
        String rest = exchange ? type.substring("EXCHANGE ".length()) : type;
        for (OrderKind k : values()) {
            if (k.wire.equals(rest)) {
                return Optional.of(new Type(k, exchange));
            }
        }
        return Optional.empty();
    }

    public record Type(OrderKind kind, boolean exchange) {
        public String wire() {
            return kind.wire(exchange);
        }
    }
}
