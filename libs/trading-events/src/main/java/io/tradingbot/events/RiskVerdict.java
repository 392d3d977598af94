package io.tradingbot.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * The risk-service's judgement of a signal ({@code risk.verdicts.v1}): an approved order intent, or a rejection with every
 * reason that counted. An approved verdict always carries a positive amount; that invariant is enforced here so that no
 * consumer can be handed an order of zero or negative size.
 */
public record RiskVerdict(String id, String signalId, String symbol, Side side, boolean approved, RiskLevel riskLevel,
        List<String> reasons, BigDecimal amount, String orderType, BigDecimal price, BigDecimal leverage,
        BigDecimal stopLoss, BigDecimal takeProfit, Instant createdAt) {

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
    }
}
