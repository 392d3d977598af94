package io.tradingbot.risk.config;

import io.smallrye.config.ConfigValidationException;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The seed's limits are the defaults, and a limit that makes no sense stops the service with the key's name. */
class RiskConfigTest {
    @Test
    void defaultsAreTheSeedsLimits() {
        RiskConfig config = load(Map.of());
        assertThat(config.defaults().maxPositionSize()).isEqualByComparingTo("0.01");
        assertThat(config.defaults().maxLeverage()).isEqualByComparingTo("3.0");
        assertThat(config.defaults().maxOpenPositions()).isEqualTo(3);
        assertThat(config.defaults().maxDrawdownPercent()).isEqualByComparingTo("5.0");
        assertThat(config.defaults().stopLossPercent()).isEqualByComparingTo("2.0");
        assertThat(config.defaults().takeProfitPercent()).isEqualByComparingTo("5.0");
        assertThat(config.maxBalanceFraction()).isEqualTo(new BigDecimal("0.20"));
        assertThat(config.maxVerdictsInFlight()).isEqualTo(256);
        assertThat(config.maxSignalAge()).hasSeconds(60);
        assertThat(config.maxFeeRate()).isEqualByComparingTo("0.002");
    }

    @Test
    void aFeeRateBelowZeroOrAboveTenPercentIsRefusedByName() {
        assertThatThrownBy(() -> load(Map.of("risk.max-fee-rate", "-0.001")))
                .hasMessageContaining("risk.max-fee-rate");
        assertThatThrownBy(() -> load(Map.of("risk.max-fee-rate", "0.2")))
                .hasMessageContaining("risk.max-fee-rate");
    }

    @Test
    void aSignalAgeThatRefusesEverySignalIsRefusedByName() {
        assertThatThrownBy(() -> load(Map.of("risk.max-signal-age", "PT0S")))
                .hasMessageContaining("risk.max-signal-age must be longer than zero, is PT0S");
    }

    @Test
    void verdictsInFlightBeyondWhatTheChannelHoldsAreRefusedByName() {
        assertThatThrownBy(() -> load(Map.of("risk.max-verdicts-in-flight", "2048")))
                .hasMessageContaining("risk.max-verdicts-in-flight");
        assertThatThrownBy(() -> load(Map.of("risk.max-verdicts-in-flight", "0")))
                .hasMessageContaining("risk.max-verdicts-in-flight");
    }

    @Test
    void anApprovalMustSettleBeforeItsLongestHold() {
        assertThatThrownBy(() -> load(Map.of("risk.commitment-settle", "PT2M")))
                .hasMessageContaining("risk.commitment-settle must be shorter than risk.commitment-max-hold (PT1M), is PT2M");
        assertThatThrownBy(() -> load(Map.of("risk.commitment-settle", "-PT1S")))
                .hasMessageContaining("risk.commitment-settle must not be negative");
    }

    @Test
    void leverageBelowOneIsRefusedByName() {
        assertThatThrownBy(() -> load(Map.of("risk.defaults.max-leverage", "0.5")))
                .isInstanceOf(ConfigValidationException.class)
                .hasMessageContaining("risk.defaults.max-leverage");
    }

    @Test
    void aPercentOverHundredOrANegativeSizeIsRefusedByName() {
        assertThatThrownBy(() -> load(Map.of("risk.defaults.stop-loss-percent", "150")))
                .hasMessageContaining("risk.defaults.stop-loss-percent");
        assertThatThrownBy(() -> load(Map.of("risk.defaults.max-position-size", "-0.01")))
                .hasMessageContaining("risk.defaults.max-position-size");
        assertThatThrownBy(() -> load(Map.of("risk.max-balance-fraction", "1.5")))
                .hasMessageContaining("risk.max-balance-fraction");
    }

    @Test
    void everyLimitThatMakesNoSenseIsNamedAtOnceWithItsValue() {
        assertThatThrownBy(() -> load(Map.of("risk.defaults.max-open-positions", "0",
                "risk.pairs.tBTCUSD.min-order-size", "0", "risk.max-balance-fraction", "0")))
                .isInstanceOf(ConfigValidationException.class)
                .hasMessageContaining("risk.defaults.max-open-positions must be at least 1, is 0")
                .hasMessageContaining("risk.pairs.tBTCUSD.min-order-size must be greater than 0, is 0")
                .hasMessageContaining("risk.max-balance-fraction must be greater than 0, is 0");
    }

    @Test
    void aPairsOverridesAreReadAndKeptWhenTheyMakeSense() {
        RiskConfig config = load(Map.of("risk.pairs.tBTCUSD.min-order-size", "0.0002",
                "risk.pairs.tBTCUSD.amount-decimals", "4"));
        assertThat(config.pairs().get("tBTCUSD").minOrderSize()).isEqualByComparingTo("0.0002");
        assertThat(config.pairs().get("tBTCUSD").amountDecimals()).isEqualTo(4);
    }

    @Test
    void aValueThatIsNotANumberIsRefusedByName() {
        assertThatThrownBy(() -> load(Map.of("risk.defaults.max-drawdown-percent", "NaN")))
                .hasMessageContaining("risk.defaults.max-drawdown-percent");
    }

    private static RiskConfig load(Map<String, String> values) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(RiskConfig.class)
                .withDefaultValues(values)
                .withValidator(new RiskConfigRules().validator())
                .build();
        return config.getConfigMapping(RiskConfig.class);
    }
}
