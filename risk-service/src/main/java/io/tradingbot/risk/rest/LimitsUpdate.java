package io.tradingbot.risk.rest;

import io.tradingbot.events.RiskLimits;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/** The body of {@code PUT /risk/limits}: every limit, replacing the ones in force. */
public record LimitsUpdate(BigDecimal maxPositionSize, Map<String, BigDecimal> maxPositionSizeBySymbol,
        BigDecimal maxLeverage, Integer maxOpenPositions, BigDecimal maxDrawdownPercent, BigDecimal stopLossPercent,
        BigDecimal takeProfitPercent) {

    /** The limits this update asks for; invalid values are refused with the field's name. */
    public RiskLimits toLimits(Instant at, String by) {
        if (maxOpenPositions == null) {
            throw new IllegalArgumentException("missing required field 'max_open_positions'");
        }
        return new RiskLimits(maxPositionSize, maxPositionSizeBySymbol, maxLeverage, maxOpenPositions,
                maxDrawdownPercent, stopLossPercent, takeProfitPercent, at, by);
    }
}
