package io.tradingbot.kafka.testkit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Starts a real Kafka broker for a {@code @QuarkusTest} and points the application at it through
 * {@code kafka.bootstrap.servers}. Fields of type {@link EmbeddedKafkaBroker} annotated with {@link InjectKafkaBroker} in the
 * test receive the broker, so a test can stop and start it.
 */
public class KafkaBrokerResource implements QuarkusTestResourceLifecycleManager {
    private EmbeddedKafkaBroker broker;

    @Override
    public Map<String, String> start() {
        broker = EmbeddedKafkaBroker.builder().start();
        return Map.of(
                "kafka.bootstrap.servers", broker.bootstrapServers(),
                "quarkus.kafka.devservices.enabled", "false");
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(broker, new TestInjector.AnnotatedAndMatchesType(InjectKafkaBroker.class,
                EmbeddedKafkaBroker.class));
    }

    /** The running broker, for subclasses that put records on it before the application starts. */
    protected EmbeddedKafkaBroker broker() {
        return broker;
    }

    @Override
    public void stop() {
        if (broker != null) {
            broker.close();
        }
    }
}
