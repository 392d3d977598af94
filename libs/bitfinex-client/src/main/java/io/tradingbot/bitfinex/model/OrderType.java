package io.tradingbot.bitfinex.model;

/** The 14 order types, with their wire names. {@code EXCHANGE_*} trade the exchange wallet (spot). */
public enum OrderType {
    LIMIT("LIMIT"), EXCHANGE_LIMIT("EXCHANGE LIMIT"), MARKET("MARKET"), EXCHANGE_MARKET("EXCHANGE MARKET"),
    STOP("STOP"), EXCHANGE_STOP("EXCHANGE STOP"), STOP_LIMIT("STOP LIMIT"), EXCHANGE_STOP_LIMIT("EXCHANGE STOP LIMIT"),
    TRAILING_STOP("TRAILING STOP"), EXCHANGE_TRAILING_STOP("EXCHANGE TRAILING STOP"), FOK("FOK"),
    EXCHANGE_FOK("EXCHANGE FOK"), IOC("IOC"), EXCHANGE_IOC("EXCHANGE IOC");

    private final String wireName;

    OrderType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public boolean isMarket() {
        return this == MARKET || this == EXCHANGE_MARKET;
    }

    /** Whether an order of this type can wait on the book: market, IOC and FOK orders fill or end at once. */
    public boolean restsOnBook() {
        return !isMarket() && this != IOC && this != EXCHANGE_IOC && this != FOK && this != EXCHANGE_FOK;
    }

    public static OrderType fromWire(String name) {
        for (OrderType t : values()) {
            if (t.wireName.equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown order type: " + name);
    }
}
