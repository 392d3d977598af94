package io.tradingbot.simulator.engine;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** Bitfinex's number rules: prices have 5 significant digits, amounts 8 decimals. */
public final class Prices {

    public static final int AMOUNT_SCALE = 8;

    private Prices() {
    }

    /** Rounds a price to 5 significant digits (Bitfinex truncates longer prices). */
    public static BigDecimal price(BigDecimal value, RoundingMode mode) {
        if (value.signum() == 0) {
            return BigDecimal.ZERO;
        }
        return strip(value.round(new MathContext(5, mode)));
    }

    public static BigDecimal price(double value, RoundingMode mode) {
        return price(BigDecimal.valueOf(value), mode);
    }

    public static BigDecimal amount(BigDecimal value) {
        return strip(value.setScale(AMOUNT_SCALE, RoundingMode.HALF_EVEN));
    }

    /** Strips trailing zeros, keeping integers in plain form. */
    public static BigDecimal strip(BigDecimal value) {
        if (value.signum() == 0) {
            return BigDecimal.ZERO;
        }
        BigDecimal s = value.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }

    /** The smallest step of a 5-significant-digit price around the given price. */
    public static BigDecimal tick(BigDecimal price) {
        int digits = price.precision() - price.scale();
        return BigDecimal.ONE.scaleByPowerOfTen(digits - 5);
    }

    /** Money-style text, e.g. 43000 or 0.12 (used in notification texts and status strings). */
    public static String text(BigDecimal value) {
        return strip(value).toPlainString();
    }
}
