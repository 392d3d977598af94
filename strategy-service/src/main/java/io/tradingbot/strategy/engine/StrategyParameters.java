package io.tradingbot.strategy.engine;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The parameters of one strategy for one symbol: the strategy's defaults overlaid with what configuration sets. Unknown
 * names and values out of range are refused with the parameter's name, so a typo in config cannot silently fall back to a
 * default.
 */
public final class StrategyParameters {
    private final String strategy;
    private final Map<String, String> values;

    private StrategyParameters(String strategy, Map<String, String> values) {
        this.strategy = strategy;
        this.values = Map.copyOf(values);
    }

    /** The defaults, overridden by {@code overrides}; every override must name a parameter the defaults declare. */
    public static StrategyParameters of(String strategy, Map<String, String> defaults, Map<String, String> overrides) {
        Map<String, String> merged = new HashMap<>(defaults);
        Set<String> unknown = new TreeSet<>(overrides.keySet());
        unknown.removeAll(defaults.keySet());
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("Strategy " + strategy + " has no parameter " + unknown
                    + "; it takes " + new TreeSet<>(defaults.keySet()));
        }
        merged.putAll(overrides);
        return new StrategyParameters(strategy, merged);
    }

    /** A whole number of bars, at least {@code min}. */
    public int period(String name, int min) {
        String raw = raw(name);
        try {
            int value = Integer.parseInt(raw.trim());
            if (value < min) {
                throw invalid(name, raw, "at least " + min);
            }
            return value;
        } catch (NumberFormatException e) {
            throw invalid(name, raw, "a whole number");
        }
    }

    /** A decimal within [min, max]. */
    public BigDecimal decimal(String name, BigDecimal min, BigDecimal max) {
        String raw = raw(name);
        try {
            BigDecimal value = new BigDecimal(raw.trim());
            if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
                throw invalid(name, raw, "between " + min.toPlainString() + " and " + max.toPlainString());
            }
            return value;
        } catch (NumberFormatException e) {
            throw invalid(name, raw, "a decimal number");
        }
    }

    public Map<String, String> asMap() {
        return values;
    }

    private String raw(String name) {
        String raw = values.get(name);
        if (raw == null) {
            throw new IllegalArgumentException("Strategy " + strategy + " has no parameter " + name);
        }
        return raw;
    }

    private IllegalArgumentException invalid(String name, String raw, String expected) {
        return new IllegalArgumentException("Strategy " + strategy + ": parameter " + name + " must be " + expected
                + ", was '" + raw + "'");
    }
}
