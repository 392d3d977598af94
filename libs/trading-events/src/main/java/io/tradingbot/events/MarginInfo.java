package io.tradingbot.events;

import java.math.BigDecimal;

/** The account's base margin info as Bitfinex reports it ({@code auth/r/info/margin/base}). */
public record MarginInfo(BigDecimal userProfitLoss, BigDecimal userSwaps, BigDecimal marginBalance, BigDecimal marginNet,
        BigDecimal marginMin) {

    public MarginInfo {
        Require.present(marginBalance, "margin_balance");
        Require.present(marginNet, "margin_net");
    }
}
