package io.tradingbot.simulator.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;

/** A wallet of an account: (type, currency) with a balance. */
public final class Wallet {
    final String type;
    final String currency;
    BigDecimal balance;
    String lastChange;
    ObjectNode lastMeta;

    Wallet(String type, String currency, BigDecimal balance) {
        this.type = type;
        this.currency = currency;
        this.balance = balance;
    }

    public String type() {
        return type;
    }

    public String currency() {
        return currency;
    }

    public BigDecimal balance() {
        return balance;
    }
}
