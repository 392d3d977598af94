package io.tradingbot.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/**
 * The risk limits in force ({@code risk.limits.v1}, compacted, one key). maxPositionSize is in the base currency;
 * maxPositionSizeBySymbol overrides it per symbol.
 */
public record RiskLimits(BigDecimal maxPositionSize, Map<String, BigDecimal> maxPositionSizeBySymbol,
        BigDecimal maxLeverage, int maxOpenPositions, BigDecimal maxDrawdownPercent, BigDecimal stopLossPercent,
        BigDecimal takeProfitPercent, Instant updatedAt, String updatedBy) {

    public RiskLimits {
        Require.positive(maxPositionSize, "max_position_size");
        maxPositionSizeBySymbol = maxPositionSizeBySymbol == null ? Map.of() : Map.copyOf(maxPositionSizeBySymbol);
        Require.positive(maxLeverage, "max_leverage");
        Require.positive(maxDrawdownPercent, "max_drawdown_percent");
        Require.positive(stopLossPercent, "stop_loss_percent");
        Require.positive(takeProfitPercent, "take_profit_percent");
        Require.present(updatedAt, "updated_at");
    }

    /** The seed's defaults. */
    public static RiskLimits defaults(Instant now) {
        return new RiskLimits(new BigDecimal("0.01"), Map.of(), new BigDecimal("3.0"), 3, new BigDecimal("5.0"),
                new BigDecimal("2.0"), new BigDecimal("5.0"), now, "defaults");
    }
}
