package io.tradingbot.risk.service;

import io.tradingbot.bitfinex.config.BitfinexClientConfig;
import io.tradingbot.bitfinex.model.PairInfo;
import io.tradingbot.bitfinex.rest.BitfinexRestClient;
import io.tradingbot.simulator.testkit.SimulatorProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Pair minimums come from the exchange's own configuration, read over REST from the real simulator. */
class PairCatalogTest {
    private static SimulatorProcess simulator;
    private static BitfinexRestClient bitfinex;

    @BeforeAll
    static void start() {
        simulator = SimulatorProcess.start(List.of());
        bitfinex = new BitfinexRestClient(BitfinexClientConfig.builder().baseUrl(simulator.baseUrl()).build());
    }

    @AfterAll
    static void stop() {
        bitfinex.close();
        simulator.close();
    }

    @Test
    void minimumsAreTheExchangesAndConfigurationCanTightenThem() {
        List<PairInfo> published = bitfinex.pairInfo();
        PairInfo btc = published.stream().filter(p -> p.symbol().equals("tBTCUSD")).findFirst().orElseThrow();
        PairCatalog catalog = new PairCatalog(Map.of("tETHUSD",
                new PairRules("tETHUSD", "ETH", "USD", new BigDecimal("0.5"), 4)), bitfinex::pairInfo, Clock.systemUTC());

        assertThat(catalog.rules("tBTCUSD")).hasValueSatisfying(rules -> {
            assertThat(rules.minOrderSize()).isEqualByComparingTo(btc.minOrderSize());
            assertThat(rules.base()).isEqualTo("BTC");
            assertThat(rules.quote()).isEqualTo("USD");
            assertThat(rules.amountDecimals()).isEqualTo(8);
        });
        assertThat(catalog.rules("tTESTBTC:TESTUSD")).hasValueSatisfying(rules -> {
            assertThat(rules.base()).isEqualTo("TESTBTC");
            assertThat(rules.quote()).isEqualTo("TESTUSD");
        });
        assertThat(catalog.rules("tETHUSD")).hasValueSatisfying(rules ->
                assertThat(rules.minOrderSize()).isEqualByComparingTo("0.5"));
        assertThat(catalog.rules("tDOGEUSD")).isEmpty();
    }

    @Test
    void anUnreachableExchangeLeavesTheConfiguredRules() {
        PairCatalog catalog = new PairCatalog(Map.of("tBTCUSD",
                new PairRules("tBTCUSD", "BTC", "USD", new BigDecimal("0.0001"), 8)), () -> {
                    throw new IllegalStateException("connection refused");
                }, Clock.systemUTC());
        assertThat(catalog.rules("tBTCUSD")).hasValueSatisfying(r -> assertThat(r.minOrderSize()).isEqualByComparingTo("0.0001"));
        assertThat(catalog.rules("tETHUSD")).isEmpty();
    }
}
