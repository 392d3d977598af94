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

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    public RiskLimits {
        Require.positive(maxPositionSize, "max_position_size");
        maxPositionSizeBySymbol = maxPositionSizeBySymbol == null ? Map.of() : Map.copyOf(maxPositionSizeBySymbol);
        maxPositionSizeBySymbol.forEach((symbol, size) -> {
            if (!Symbols.isValid(symbol)) {
                throw new IllegalArgumentException("field 'max_position_size_by_symbol' names '" + symbol
                        + "', which is not a Bitfinex trading symbol such as tBTCUSD");
            }
            Require.positive(size, "max_position_size_by_symbol." + symbol);
        });
        Require.present(maxLeverage, "max_leverage");
        if (maxLeverage.compareTo(BigDecimal.ONE) < 0) {
            throw new IllegalArgumentException("field 'max_leverage' must be at least 1, was " + maxLeverage.toPlainString());
        }
        if (maxOpenPositions < 1) {
            throw new IllegalArgumentException("field 'max_open_positions' must be at least 1, was " + maxOpenPositions);
        }
        percent(maxDrawdownPercent, "max_drawdown_percent");
        percent(stopLossPercent, "stop_loss_percent");
        percent(takeProfitPercent, "take_profit_percent");
        Require.present(updatedAt, "updated_at");
    }

    /** The largest position allowed in {@code symbol}, in its base currency. */
    public BigDecimal maxPositionSizeFor(String symbol) {
        return maxPositionSizeBySymbol.getOrDefault(symbol, maxPositionSize);
    }

    private static void percent(BigDecimal value, String field) {
        Require.positive(value, field);
        if (value.compareTo(HUNDRED) > 0) {
            throw new IllegalArgumentException("field '" + field + "' is a percent and must not be over 100, was "
                    + value.toPlainString());
        }
    }

    /** The seed's defaults. */
    public static RiskLimits defaults(Instant now) {
        return new RiskLimits(new BigDecimal("0.01"), Map.of(), new BigDecimal("3.0"), 3, new BigDecimal("5.0"),
                new BigDecimal("2.0"), new BigDecimal("5.0"), now, "defaults");
    }
}
