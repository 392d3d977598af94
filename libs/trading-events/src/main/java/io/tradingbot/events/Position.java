package io.tradingbot.events;

import java.math.BigDecimal;

/** A margin position: amount positive when long, negative when short. Profit/loss figures are null until Bitfinex has calculated them. */
public record Position(long positionId, String symbol, String status, BigDecimal amount, BigDecimal basePrice,
        BigDecimal profitLoss, BigDecimal profitLossPercent, BigDecimal liquidationPrice, BigDecimal leverage) {

    public Position {
        Require.symbol(symbol);
        Require.text(status, "status");
        Require.present(amount, "amount");
        Require.present(basePrice, "base_price");
    }
}
