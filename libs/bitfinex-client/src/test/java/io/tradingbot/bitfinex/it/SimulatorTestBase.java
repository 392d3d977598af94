package io.tradingbot.bitfinex.it;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

import io.tradingbot.bitfinex.config.BitfinexClientConfig;
import io.tradingbot.simulator.testkit.SimulatorProcess;
import io.tradingbot.simulator.testkit.SimulatorProcess.Credentials;
import io.tradingbot.simulator.testkit.SimulatorProcess.WalletSpec;

/** One real simulator process per test class; each test works on accounts of its own. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SimulatorTestBase {

    private static final AtomicInteger ACCOUNTS = new AtomicInteger();

    protected SimulatorProcess sim;

    @BeforeAll
    void startSimulator() {
        sim = SimulatorProcess.start();
    }

    @AfterAll
    void stopSimulator() {
        if (sim != null) {
            sim.close();
        }
    }

    /** A fresh trading account: 100 000 USD + 2 BTC on the exchange wallet, 10 000 USD on margin. */
    protected Credentials newAccount(List<String> permissions) {
        String name = "it" + ACCOUNTS.incrementAndGet() + "x" + System.nanoTime() % 100_000;
        return sim.createAccount(name, permissions, List.of(
                new WalletSpec("exchange", "USD", "100000"),
                new WalletSpec("exchange", "BTC", "2"),
                new WalletSpec("margin", "USD", "10000")));
    }

    protected Credentials newAccount() {
        return newAccount(List.of("read", "write"));
    }

    protected BitfinexClientConfig.Builder config() {
        return BitfinexClientConfig.builder().baseUrl(sim.baseUrl())
                .requestTimeout(Duration.ofSeconds(10))
                .retryBackoff(Duration.ofMillis(50))
                .pingInterval(Duration.ofSeconds(2))
                .deadAfter(Duration.ofSeconds(8))
                .reconnectBackoff(Duration.ofMillis(100), Duration.ofSeconds(2));
    }

    protected BitfinexClientConfig config(Credentials account) {
        return config().credentials(account.apiKey(), account.apiSecret()).build();
    }
}
