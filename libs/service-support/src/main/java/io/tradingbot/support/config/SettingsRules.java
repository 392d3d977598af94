package io.tradingbot.support.config;

import io.smallrye.config.ConfigValidationException;
import io.smallrye.config.ConfigValidator;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.SmallRyeConfigBuilderCustomizer;

import java.util.List;
import java.util.function.BiConsumer;

/**
 * A service's config mapping checked by its own rules when the configuration is built, before any bean exists: a
 * value out of range stops the start with a {@link ConfigValidationException} naming the keys. A service registers
 * its subclass in {@code META-INF/services/io.smallrye.config.SmallRyeConfigBuilderCustomizer}; tests pass
 * {@link #validator()} to their own {@link SmallRyeConfigBuilder}.
 */
public abstract class SettingsRules<T> implements SmallRyeConfigBuilderCustomizer {
    private final Class<T> mapping;
    private final BiConsumer<T, SettingsCheck> rules;

    protected SettingsRules(Class<T> mapping, BiConsumer<T, SettingsCheck> rules) {
        this.mapping = mapping;
        this.rules = rules;
    }

    @Override
    public void configBuilder(SmallRyeConfigBuilder builder) {
        builder.withValidator(validator());
    }

    public ConfigValidator validator() {
        return (type, prefix, value) -> {
            if (type != mapping) {
                return;
            }
            SettingsCheck check = new SettingsCheck(prefix);
            rules.accept(mapping.cast(value), check);
            List<String> problems = check.problems();
            if (!problems.isEmpty()) {
                throw new ConfigValidationException(problems.stream()
                        .map(ConfigValidationException.Problem::new)
                        .toArray(ConfigValidationException.Problem[]::new));
            }
        };
    }
}
