package io.tradingbot.simulator.testkit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts the packaged exchange simulator as a process of its own for a {@code @QuarkusTest} and points the application
 * at it: its base URL, and {@code bitfinex.api-key} / {@code bitfinex.api-secret} of the simulator's funded
 * {@code paper} account. A field of type {@link SimulatorProcess} annotated with {@link InjectSimulator} receives the running simulator
 * (its port, its admin API).
 * <p>
 * Init args ({@code @ResourceArg}):
 * <ul>
 * <li>{@code url-property}: the application's config key that gets the simulator's base URL
 * ({@code http://127.0.0.1:<port>}); default {@value #DEFAULT_URL_PROPERTY}.</li>
 * <li>every other arg is passed to the simulator JVM as {@code -Dname=value}, e.g. {@code sim.clock.speed=0} for a
 * clock that only {@code POST /sim/clock/advance} moves. {@code sim.seed} defaults to 42.</li>
 * </ul>
 * The jar comes from the system property {@code simulator.jar}, which the using module's surefire configuration sets
 * (see this module's README).
 */
public class SimulatorResource implements QuarkusTestResourceLifecycleManager {

    public static final String URL_PROPERTY_ARG = "url-property";
    public static final String DEFAULT_URL_PROPERTY = "bitfinex.base-url";

    private final Map<String, String> simulatorProperties = new HashMap<>();
    private String urlProperty = DEFAULT_URL_PROPERTY;
    private SimulatorProcess simulator;

    @Override
    public void init(Map<String, String> initArgs) {
        simulatorProperties.put("sim.seed", "42");
        initArgs.forEach((name, value) -> {
            if (URL_PROPERTY_ARG.equals(name)) {
                urlProperty = value;
            } else {
                simulatorProperties.put(name, value);
            }
        });
    }

    @Override
    public Map<String, String> start() {
        if (simulatorProperties.isEmpty()) {
            simulatorProperties.put("sim.seed", "42"); // init is skipped when the resource has no args
        }
        List<String> args = new ArrayList<>();
        simulatorProperties.forEach((name, value) -> args.add("-D" + name + "=" + value));
        simulator = SimulatorProcess.start(args);
        // The application signs as the simulator's funded paper account, with a key no other process uses.
        return Map.of(urlProperty, simulator.baseUrl(),
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
