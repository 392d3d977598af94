package io.tradingbot.risk.service;

import io.tradingbot.events.RiskLevel;
import io.tradingbot.events.Side;

import java.math.BigDecimal;
import java.util.List;

/**
 * The risk-service's judgement of one trade: the level, whether it may happen, every reason that counted, and when it may,
 * the size and exits. {@code amount}, {@code stopLoss} and {@code takeProfit} are null when it may not. {@code closes} is
 * the verdict id of the bot's spot trade a SELL closes (it has no exits of its own), else null.
 */
public record Assessment(String symbol, Side side, BigDecimal price, RiskLevel riskLevel, boolean canTrade,
        List<String> reasons, BigDecimal amount, String orderType, BigDecimal leverage, BigDecimal stopLoss,
        BigDecimal takeProfit, String closes) {

    public Assessment {
        reasons = List.copyOf(reasons);
    }
}
