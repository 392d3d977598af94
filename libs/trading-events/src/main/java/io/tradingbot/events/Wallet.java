package io.tradingbot.events;

import java.math.BigDecimal;

/** One Bitfinex wallet: type ({@code exchange}, {@code margin}, {@code funding}) and currency. balanceAvailable is null until Bitfinex has calculated it. */
public record Wallet(String type, String currency, BigDecimal balance, BigDecimal unsettledInterest,
        BigDecimal balanceAvailable) {

    public Wallet {
        Require.text(type, "type");
        Require.text(currency, "currency");
        Require.present(balance, "balance");
    }
}
