package io.tradingbot.deploy.check;

import io.tradingbot.deploy.model.Network;
import io.tradingbot.deploy.model.ServiceModule;
import io.tradingbot.deploy.model.Suite;
import io.tradingbot.deploy.model.Workload;
import io.tradingbot.deploy.model.Workload.EnvValue;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What compose and Kubernetes must both get right for every workload: each variable it sets is one its module reads, the
 * port is the module's, every address whose default is {@code localhost} is set (a container's localhost is itself),
 * every URL names a host of the deployment on that host's port and the module the variable is meant for, Kafka is a
 * broker the deployment has, and a module that signs requests gets a Bitfinex key.
 */
public final class WorkloadCheck {
    private static final Pattern URL = Pattern.compile("^[a-z][a-z0-9+.-]*://([^/:]+)(?::(\\d+))?");
    static final String HTTP_PORT = "HTTP_PORT";
    static final String KAFKA = "KAFKA_BOOTSTRAP_SERVERS";
    static final String API_KEY = "BITFINEX_API_KEY";
    static final String API_SECRET = "BITFINEX_API_SECRET";
    static final String CONFIG_LOCATIONS = "QUARKUS_CONFIG_LOCATIONS";

    private WorkloadCheck() {
    }

    public static void check(Workload workload, Network network, Suite suite, Problems problems) {
        ServiceModule module = workload.module();
        Map<String, EnvValue> env = workload.env();
        for (String name : env.keySet()) {
            if (!module.knows(name)) {
                problems.add("%s sets %s, which %s does not read (neither its application.properties nor its "
                        + "@ConfigMapping name it)", workload.label(), name, module.name());
            }
        }
        literal(env, HTTP_PORT).ifPresent(port -> {
            if (!port.equals(String.valueOf(module.port()))) {
                problems.add("%s sets HTTP_PORT=%s but %s listens on %d (quarkus.http.port)", workload.label(), port,
                        module.name(), module.port());
            }
        });
        module.envDefaults().forEach((name, fallback) -> {
            if (fallback.contains("localhost") && !env.containsKey(name) && !replaced(name, env, module)) {
                problems.add("%s does not set %s, so %s would use its default %s, which inside a container is itself",
                        workload.label(), name, module.name(), fallback);
            }
        });
        env.forEach((name, value) -> {
            if (value.literal() != null) {
                checkAddress(workload, name, value.literal(), network, suite, problems);
            }
        });
        literal(env, KAFKA).ifPresent(servers -> Arrays.stream(servers.split(",")).map(String::trim).forEach(address -> {
            if (!network.kafkaBootstrap().contains(address)) {
                problems.add("%s sets KAFKA_BOOTSTRAP_SERVERS=%s, but the deployment's Kafka is at %s", workload.label(),
                        address, network.kafkaBootstrap());
            }
        }));
        if (module.signsRequests() && !(env.containsKey(API_KEY) && env.containsKey(API_SECRET))
                && !env.containsKey(CONFIG_LOCATIONS)) {
            problems.add("%s signs Bitfinex requests but gets no key: set BITFINEX_API_KEY and BITFINEX_API_SECRET (from a "
                    + "Secret), or QUARKUS_CONFIG_LOCATIONS pointing at a file with bitfinex.api-key", workload.label());
        }
    }

    /**
     * Where a workload's Bitfinex key comes from, to tell two workloads sharing one (Bitfinex requires nonces to grow per
     * key, so they would refuse each other's requests). A file is private to a pod in Kubernetes, shared in compose.
     */
    public static Optional<String> keySource(Workload workload, boolean filesArePerWorkload) {
        EnvValue key = workload.env().get(API_KEY);
        if (key != null) {
            return Optional.of(key.toString());
        }
        return literal(workload.env(), CONFIG_LOCATIONS)
                .map(location -> filesArePerWorkload ? workload.name() + " " + location : location);
    }

    // Bitfinex itself is given as rest-url (+ ws-url for the socket, + auth-rest-url to sign) instead of one base URL.
    private static boolean replaced(String name, Map<String, EnvValue> env, ServiceModule module) {
        if (!name.equals("BITFINEX_BASE_URL") || !env.containsKey("BITFINEX_REST_URL")) {
            return false;
        }
        return (!module.usesWebSocket() || env.containsKey("BITFINEX_WS_URL"))
                && (!module.signsRequests() || env.containsKey("BITFINEX_AUTH_REST_URL"));
    }

    private static void checkAddress(Workload workload, String name, String value, Network network, Suite suite,
            Problems problems) {
        Matcher url = URL.matcher(value);
        if (!url.find()) {
            return;
        }
        String host = url.group(1);
        Integer port = url.group(2) == null ? null : Integer.valueOf(url.group(2));
        if (network.hosts().containsKey(host)) {
            if (port == null || !network.hosts().get(host).contains(port)) {
                problems.add("%s sets %s=%s, but %s serves on %s", workload.label(), name, value, host,
                        network.hosts().get(host));
            }
        } else if (!host.contains(".")) {
            problems.add("%s sets %s=%s, but there is no %s in the deployment", workload.label(), name, value, host);
        }
        // The variable's default names the module it is meant for (RISK_URL → http://localhost:8083 → risk-service).
        String fallback = workload.module().envDefaults().get(name);
        if (fallback != null && fallback.contains("localhost")) {
            Matcher meant = URL.matcher(fallback);
            if (meant.find() && meant.group(2) != null) {
                suite.byPort(Integer.parseInt(meant.group(2))).ifPresent(target -> {
                    if (!host.contains(".") && !host.equals(target.name())) {
                        problems.add("%s sets %s=%s, but %s is meant for %s (its default is %s)", workload.label(), name,
                                value, name, target.name(), fallback);
                    }
                });
            }
        }
    }

    private static Optional<String> literal(Map<String, EnvValue> env, String name) {
        return Optional.ofNullable(env.get(name)).map(EnvValue::literal);
    }
}
