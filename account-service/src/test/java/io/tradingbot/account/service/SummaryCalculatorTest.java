package io.tradingbot.account.service;

import io.tradingbot.events.AccountSummary;
import io.tradingbot.events.MarginInfo;
import io.tradingbot.events.Position;
import io.tradingbot.events.Wallet;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The summary's definitions, with numbers worked out by hand. */
class SummaryCalculatorTest {
    private static final UsdPrices.Board PRICES = new UsdPrices.Board(
            Map.of("USD", BigDecimal.ONE, "TESTUSD", BigDecimal.ONE, "BTC", new BigDecimal("40000"),
                    "TESTBTC", new BigDecimal("41000")),
            Map.of("tBTCUSD", new BigDecimal("40000"), "tTESTBTC:TESTUSD", new BigDecimal("41000")));
    private static final List<Wallet> WALLETS = List.of(
            wallet("exchange", "USD", "1000"), wallet("exchange", "BTC", "0.5"), wallet("margin", "USD", "1000"),
            wallet("exchange", "TESTBTC", "0.1"), wallet("exchange", "DOGE", "100"));

    private final SummaryCalculator calculator = new SummaryCalculator(new BigDecimal("2"), new BigDecimal("1.5"));

    @Test
    void withoutPositionsEveryWalletIsValuedAndNoMarginIsInUse() {
        AccountSummary summary = calculator.summarize(WALLETS, List.of(), margin("1000", "1000", "0"), PRICES);
        // 1000 + 0.5 × 40000 + 1000 + 0.1 × 41000; DOGE has no USD pair and is left out
        assertThat(summary.totalBalanceUsd()).isEqualByComparingTo("26100");
        assertThat(summary.openPositions()).isZero();
        assertThat(summary.marginLevel()).isNull();
        assertThat(summary.marginStatus()).isEqualTo("NONE");
        assertThat(summary.leverage()).isEqualByComparingTo("0");
        assertThat(summary.unrealizedPl()).isEqualByComparingTo("0");
        assertThat(summary.totalPositionValue()).isEqualByComparingTo("0");
    }

    @Test
    void aLongPositionAddsItsProfitAndExposure() {
        Position longBtc = new Position(7, "tBTCUSD", "ACTIVE", new BigDecimal("0.02"), new BigDecimal("39000"),
                new BigDecimal("20"), null, null, null);
        AccountSummary summary = calculator.summarize(WALLETS, List.of(longBtc), margin("1000", "1020", "80"), PRICES);
        assertThat(summary.unrealizedPl()).isEqualByComparingTo("20");
        assertThat(summary.totalBalanceUsd()).isEqualByComparingTo("26120");
        assertThat(summary.totalPositionValue()).isEqualByComparingTo("800"); // 0.02 × 40000
        assertThat(summary.leverage()).isEqualByComparingTo("0.7843"); // 800 / 1020
        assertThat(summary.marginLevel()).isEqualByComparingTo("12.75"); // 1020 / 80
        assertThat(summary.marginStatus()).isEqualTo("HEALTHY");
        assertThat(summary.openPositions()).isEqualTo(1);
        assertThat(summary.marginBalance()).isEqualByComparingTo("1000");
    }

    @Test
    void aProfitNotYetCalculatedByTheExchangeIsTakenFromTheLastPrice() {
        Position shortBtc = new Position(8, "tBTCUSD", "ACTIVE", new BigDecimal("-0.01"), new BigDecimal("41000"),
                null, null, null, null);
        AccountSummary summary = calculator.summarize(WALLETS, List.of(shortBtc), margin("1000", "1010", "40"), PRICES);
        assertThat(summary.unrealizedPl()).isEqualByComparingTo("10"); // (40000 − 41000) × −0.01
    }

    @Test
    void theMarginStatusFollowsTheDocumentedThresholds() {
        assertThat(calculator.status(new BigDecimal("2"))).isEqualTo("HEALTHY");
        assertThat(calculator.status(new BigDecimal("1.9999"))).isEqualTo("WARNING");
        assertThat(calculator.status(new BigDecimal("1.5"))).isEqualTo("WARNING");
        assertThat(calculator.status(new BigDecimal("1.4999"))).isEqualTo("DANGER");
        assertThat(calculator.status(null)).isEqualTo("NONE");
    }

    @Test
    void thresholdsInTheWrongOrderAreRefusedWithTheirNames() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new SummaryCalculator(new BigDecimal("1.5"),
                new BigDecimal("2"))).hasMessageContaining("account.margin.warning-level");
    }

    @Test
    void noEquityLeftLeavesTheLeverageUnknownAndTheLevelInDanger() {
        Position longBtc = new Position(9, "tBTCUSD", "ACTIVE", new BigDecimal("1"), new BigDecimal("45000"),
                new BigDecimal("-5000"), null, null, null);
        AccountSummary summary = calculator.summarize(WALLETS, List.of(longBtc), margin("1000", "-4000", "4000"), PRICES);
        assertThat(summary.leverage()).isNull();
        assertThat(summary.marginStatus()).isEqualTo("DANGER");
    }

    private static Wallet wallet(String type, String currency, String balance) {
        return new Wallet(type, currency, new BigDecimal(balance), BigDecimal.ZERO, new BigDecimal(balance));
    }

    private static MarginInfo margin(String balance, String net, String min) {
        return new MarginInfo(null, BigDecimal.ZERO, new BigDecimal(balance), new BigDecimal(net), new BigDecimal(min));
    }
}
