package io.tradingbot.events;

import java.math.BigDecimal;

/** Checks the invariants of an event when it is built, so a bad record fails at the producer or at deserialization, never deep inside a consumer. */
final class Require {
    private Require() {
    }

    static <T> T present(T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException("missing required field '" + field + "'");
        }
        return value;
    }

    static String text(String value, String field) {
        if (present(value, field).isBlank()) {
            throw new IllegalArgumentException("field '" + field + "' must not be blank");
        }
        return value;
    }

    static BigDecimal positive(BigDecimal value, String field) {
        if (present(value, field).signum() <= 0) {
            throw new IllegalArgumentException("field '" + field + "' must be greater than zero, was " + value.toPlainString());
        }
        return value;
    }

    static BigDecimal notNegative(BigDecimal value, String field) {
        if (value != null && value.signum() < 0) {
            throw new IllegalArgumentException("field '" + field + "' must not be negative, was " + value.toPlainString());
        }
        return value;
    }

    static String symbol(String value) {
        text(value, "symbol");
        if (!Symbols.isValid(value)) {
            throw new IllegalArgumentException("field 'symbol' must be a Bitfinex trading symbol such as tBTCUSD or tTESTBTC:TESTUSD, was '" + value + "'");
        }
        return value;
    }
}
