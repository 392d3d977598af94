package io.tradingbot.order.support;

import io.tradingbot.simulator.testkit.SimulatorResource;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The simulator, with the default {@code paper} account's key chosen here and handed to the application as its own
 * {@code bitfinex.api-key}/{@code api-secret} (SimulatorResource sets only the base URL).
 */
public class OrderSimulator extends SimulatorResource {
    private final String key = "order-it-" + UUID.randomUUID();
    private final String secret = "order-it-secret-" + UUID.randomUUID();

    @Override
    public void init(Map<String, String> initArgs) {
        Map<String, String> args = new HashMap<>(initArgs);
        // System properties win over the SIM_API_KEY the testkit puts in the environment.
        args.put("sim.api-key", key);
        args.put("sim.api-secret", secret);
        super.init(args);
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        config.put("bitfinex.api-key", key);
        config.put("bitfinex.api-secret", secret);
        return config;
    }
}
