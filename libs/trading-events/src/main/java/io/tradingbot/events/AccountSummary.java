package io.tradingbot.events;

import java.math.BigDecimal;

/** The seed's account summary: every wallet valued in USD, margin figures, and the open positions' exposure. */
public record AccountSummary(BigDecimal totalBalanceUsd, BigDecimal marginBalance, BigDecimal unrealizedPl,
        BigDecimal leverage, BigDecimal marginLevel, String marginStatus, int openPositions,
        BigDecimal totalPositionValue) {

    public AccountSummary {
        Require.present(totalBalanceUsd, "total_balance_usd");
        Require.text(marginStatus, "margin_status");
        if (openPositions < 0) {
            throw new IllegalArgumentException("field 'open_positions' must not be negative, was " + openPositions);
        }
    }
}
