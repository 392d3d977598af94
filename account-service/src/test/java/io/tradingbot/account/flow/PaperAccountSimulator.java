package io.tradingbot.account.flow;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.tradingbot.simulator.testkit.InjectSimulator;
import io.tradingbot.simulator.testkit.SimulatorProcess;

import java.util.List;
import java.util.Map;

/**
 * The exchange simulator as a process of its own, with the application signing as its default {@code paper} account
 * (SimulatorResource sets only the URL). The clock is frozen: prices move only when a test moves them.
 */
public class PaperAccountSimulator implements QuarkusTestResourceLifecycleManager {
    private SimulatorProcess simulator;

    @Override
    public Map<String, String> start() {
        simulator = SimulatorProcess.start(List.of("-Dsim.seed=42", "-Dsim.clock.speed=0"));
        return Map.of("bitfinex.base-url", simulator.baseUrl(),
                "bitfinex.api-key", simulator.apiKey(),
                "bitfinex.api-secret", simulator.apiSecret());
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(simulator,
                new TestInjector.AnnotatedAndMatchesType(InjectSimulator.class, SimulatorProcess.class));
    }

    @Override
    public void stop() {
        if (simulator != null) {
            simulator.close();
            simulator = null;
        }
    }
}
