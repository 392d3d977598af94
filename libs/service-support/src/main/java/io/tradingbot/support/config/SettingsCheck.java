package io.tradingbot.support.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The rules of one {@code @ConfigMapping}, checked at start: every value that makes no sense is named by its full key
 * (e.g. {@code risk.defaults.max-leverage must be at least 1, is 0.5}), all of them at once, and the service does not
 * start. Keys are given relative to the mapping's prefix, as they are written under it in application.properties.
 * <p>
 * Plain checks instead of Bean Validation constraints: one constraint on a mapping makes Quarkus build a Hibernate
 * Validator factory over every config class of the application (about 120, Quarkus' own included) at each start, 0.45 s
 * of the main thread's CPU before anything else can happen (docs/benchmarks.md).
 */
public final class SettingsCheck {
    private final String prefix;
    private final List<String> problems = new ArrayList<>();

    SettingsCheck(String prefix) {
        this.prefix = prefix;
    }

    public SettingsCheck atLeast(String key, long value, long min) {
        return require(value >= min, key, "must be at least " + min + ", is " + value);
    }

    public SettingsCheck between(String key, long value, long min, long max) {
        return require(value >= min && value <= max, key, "must be between " + min + " and " + max + ", is " + value);
    }

    public SettingsCheck positive(String key, BigDecimal value) {
        return require(value.signum() > 0, key, "must be greater than 0, is " + value.toPlainString());
    }

    public SettingsCheck atLeast(String key, BigDecimal value, String min) {
        return require(value.compareTo(new BigDecimal(min)) >= 0, key,
                "must be at least " + min + ", is " + value.toPlainString());
    }

    public SettingsCheck atMost(String key, BigDecimal value, String max) {
        return require(value.compareTo(new BigDecimal(max)) <= 0, key,
                "must be at most " + max + ", is " + value.toPlainString());
    }

    public SettingsCheck positive(String key, Duration value) {
        return require(value.isPositive(), key, "must be longer than zero, is " + value);
    }

    public SettingsCheck notNegative(String key, Duration value) {
        return require(!value.isNegative(), key, "must not be negative, is " + value);
    }

    /** {@code shorter} is shorter than {@code longer}. */
    public SettingsCheck shorter(String key, Duration shorter, String longerKey, Duration longer) {
        return require(shorter.compareTo(longer) < 0, key, "must be shorter than " + prefix + "." + longerKey + " ("
                + longer + "), is " + shorter);
    }

    public SettingsCheck notBlank(String key, String value) {
        return require(!value.isBlank(), key, "must not be blank");
    }

    public SettingsCheck notEmpty(String key, Collection<?> values) {
        return require(!values.isEmpty(), key, "must not be empty");
    }

    /** Each element of a list matches {@code pattern}; {@code what} says what an element that does not is not. */
    public SettingsCheck eachMatches(String key, List<String> values, Pattern pattern, String what) {
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i);
            require(pattern.matcher(value).matches(), key + "[" + i + "]", "'" + value + "' " + what);
        }
        return this;
    }

    private SettingsCheck require(boolean holds, String key, String problem) {
        if (!holds) {
            problems.add(prefix + "." + key + " " + problem);
        }
        return this;
    }

    List<String> problems() {
        return problems;
    }
}
