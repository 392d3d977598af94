package io.tradingbot.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * The risk-service's judgement of a signal ({@code risk.verdicts.v1}): an approved order intent, or a rejection with every
 * reason that counted. An approved verdict always carries a positive amount; that invariant is enforced here so that no
 * consumer can be handed an order of zero or negative size.
 *
 * @param closes on spot, the verdict id of the bot's open trade that this verdict closes: its take-profit / stop-loss
 *               exit is cancelled and what it held is sold, at most {@code amount}. Null for a verdict that opens a trade.
 */
public record RiskVerdict(String id, String signalId, String symbol, Side side, boolean approved, RiskLevel riskLevel,
        List<String> reasons, BigDecimal amount, String orderType, BigDecimal price, BigDecimal leverage,
        BigDecimal stopLoss, BigDecimal takeProfit, Instant createdAt, String closes) {

    public RiskVerdict {
        Require.text(id, "id");
        Require.text(signalId, "signal_id");
        Require.symbol(symbol);
        Require.present(side, "side");
        Require.present(riskLevel, "risk_level");
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
        Require.present(createdAt, "created_at");
        if (approved) {
            Require.positive(amount, "amount");
            Require.text(orderType, "order_type");
            Require.positive(leverage, "leverage");
        }
        Require.notNegative(price, "price");
        Require.notNegative(stopLoss, "stop_loss");
        Require.notNegative(takeProfit, "take_profit");
        if (closes != null) {
            Require.text(closes, "closes");
            if (stopLoss != null || takeProfit != null) {
                throw new IllegalArgumentException("a verdict that closes a trade has no stop loss or take profit of its own");
            }
        }
    }

    /** A verdict that opens a trade, or refuses to. */
    public RiskVerdict(String id, String signalId, String symbol, Side side, boolean approved, RiskLevel riskLevel,
            List<String> reasons, BigDecimal amount, String orderType, BigDecimal price, BigDecimal leverage,
            BigDecimal stopLoss, BigDecimal takeProfit, Instant createdAt) {
        this(id, signalId, symbol, side, approved, riskLevel, reasons, amount, orderType, price, leverage, stopLoss,
                takeProfit, createdAt, null);
    }

    /** Whether it closes one of the bot's open trades rather than opening one. */
    public boolean closesATrade() {
        return closes != null;
    }
}
