package io.tradingbot.strategy.engine;

import org.ta4j.core.num.Num;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/** How indicator values appear in signals: exact decimals on the wire, rounded and grouped in the reasons people read. */
final class Numbers {
    private static final ThreadLocal<DecimalFormat> PRICE = ThreadLocal.withInitial(
            () -> new DecimalFormat("#,##0.########", DecimalFormatSymbols.getInstance(Locale.ROOT)));

    private Numbers() {
    }

    /** An indicator value for the record: 8 decimals are more than any price Bitfinex quotes. */
    static BigDecimal value(Num num) {
        if (num == null || num.isNaN()) {
            return null;
        }
        return new BigDecimal(num.getDelegate().toString()).setScale(8, RoundingMode.HALF_EVEN).stripTrailingZeros();
    }

    /**
     * A price or price-like indicator level for a reason: grouped, two decimals from 1 up (64,210.5), six significant
     * digits below (0.000123457), so an EMA reads like a quote rather than a 32-digit decimal.
     */
    static String price(Num num) {
        BigDecimal value = new BigDecimal(num.getDelegate().toString());
        BigDecimal rounded = value.abs().compareTo(BigDecimal.ONE) >= 0
                ? value.setScale(2, RoundingMode.HALF_EVEN)
                : value.round(new java.math.MathContext(6, RoundingMode.HALF_EVEN));
        return PRICE.get().format(rounded);
    }

    /** An oscillator value for a reason, to one decimal (RSI 27.4). */
    static String oscillator(Num num) {
        return new BigDecimal(num.getDelegate().toString()).setScale(1, RoundingMode.HALF_EVEN).toPlainString();
    }

    /** A MACD-like value, to four significant decimals. */
    static String small(Num num) {
        return new BigDecimal(num.getDelegate().toString()).setScale(4, RoundingMode.HALF_EVEN).stripTrailingZeros()
                .toPlainString();
    }
}
