package io.tradingbot.support.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.ConfigValidationException;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.WithDefault;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A mapping's rules run when the configuration is built, and name every key whose value breaks one. */
class SettingsRulesTest {

    @ConfigMapping(prefix = "desk")
    public interface Desk {
        @WithDefault("paper")
        String name();

        @WithDefault("tBTCUSD")
        List<String> symbols();

        @WithDefault("0.5")
        BigDecimal fraction();

        @WithDefault("10")
        int lanes();

        static void check(Desk desk, SettingsCheck check) {
            check.notBlank("name", desk.name())
                    .notEmpty("symbols", desk.symbols())
                    .eachMatches("symbols", desk.symbols(), Pattern.compile("t[A-Z]+"), "is not a symbol")
                    .positive("fraction", desk.fraction())
                    .atMost("fraction", desk.fraction(), "1")
                    .between("lanes", desk.lanes(), 1, 64);
        }
    }

    static final class DeskRules extends SettingsRules<Desk> {
        DeskRules() {
            super(Desk.class, Desk::check);
        }
    }

    @Test
    void valuesWithinTheRulesAreReadAsTheyAre() {
        Desk desk = load(Map.of("desk.fraction", "1", "desk.lanes", "64"));
        assertThat(desk.fraction()).isEqualByComparingTo("1");
        assertThat(desk.lanes()).isEqualTo(64);
    }

    @Test
    void everyBrokenRuleIsNamedWithItsFullKeyAndValue() {
        assertThatThrownBy(() -> load(Map.of("desk.name", " ", "desk.symbols", "tBTCUSD,btc", "desk.fraction", "1.5",
                "desk.lanes", "0")))
                .isInstanceOfSatisfying(ConfigValidationException.class, e -> assertThat(e.getProblemCount()).isEqualTo(4))
                .hasMessageContaining("desk.name must not be blank")
                .hasMessageContaining("desk.symbols[1] 'btc' is not a symbol")
                .hasMessageContaining("desk.fraction must be at most 1, is 1.5")
                .hasMessageContaining("desk.lanes must be between 1 and 64, is 0");
    }

    @Test
    void zeroIsNotPositive() {
        assertThatThrownBy(() -> load(Map.of("desk.fraction", "0.000")))
                .hasMessageContaining("desk.fraction must be greater than 0, is 0.000");
    }

    private static Desk load(Map<String, String> values) {
        return new SmallRyeConfigBuilder()
                .withMapping(Desk.class)
                .withDefaultValues(values)
                .withValidator(new DeskRules().validator())
                .build()
                .getConfigMapping(Desk.class);
    }
}
