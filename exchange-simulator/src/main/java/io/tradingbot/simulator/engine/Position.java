package io.tradingbot.simulator.engine;

import java.math.BigDecimal;

/** A margin position of an account on one symbol. */
public final class Position {
    final long id;
    final String symbol;
    final long mtsCreate;
    long mtsUpdate;
    BigDecimal amount = BigDecimal.ZERO;
    BigDecimal basePrice = BigDecimal.ZERO;
    String status = "ACTIVE";
    long lastOrderId;
    /** META of the last change, e.g. {reason:"TRADE", order_id, trade_price, trade_amount}. */
    com.fasterxml.jackson.databind.node.ObjectNode meta;

    Position(long id, String symbol, long mts) {
        this.id = id;
        this.symbol = symbol;
        this.mtsCreate = mts;
        this.mtsUpdate = mts;
    }

    public long id() {
        return id;
    }

    public String symbol() {
        return symbol;
    }

    public BigDecimal amount() {
        return amount;
    }

    public BigDecimal basePrice() {
        return basePrice;
    }

    public String status() {
        return status;
    }
}
