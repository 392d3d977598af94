package io.tradingbot.deploy.model;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a deployable module says about itself: its HTTP port, the environment variables it reads, the topics it uses.
 *
 * @param name           the module's directory, also its image and service name
 * @param dir            where it is
 * @param port           the default of {@code quarkus.http.port} (the value of {@code ${HTTP_PORT:...}})
 * @param envDefaults    every {@code ${VAR:default}} of its application.properties (an empty default when it has none)
 * @param knownEnv       every environment variable that changes its configuration: the ones above, the upper-snake form
 *                       of its properties and of its {@code @ConfigMapping} interfaces, and the ones its
 *                       application.properties names in comments
 * @param topics         the Kafka topics its channels and dead-letter queues name
 * @param signsRequests  whether it needs a Bitfinex API key of its own
 * @param usesWebSocket  whether it opens the exchange's WebSocket
 * @param exposedPort    the port its Dockerfile.jvm exposes, if it has one
 */
public record ServiceModule(String name, Path dir, int port, Map<String, String> envDefaults, Set<String> knownEnv,
        Set<String> topics, boolean signsRequests, boolean usesWebSocket, Optional<Integer> exposedPort) {

    public boolean knows(String env) {
        return knownEnv.contains(env) || Suite.PLATFORM_ENV.contains(env);
    }
}
