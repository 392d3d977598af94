package io.tradingbot.deploy.check;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradingbot.deploy.model.Network;
import io.tradingbot.deploy.model.ServiceModule;
import io.tradingbot.deploy.model.Suite;
import io.tradingbot.deploy.model.Workload;
import io.tradingbot.deploy.model.Workload.EnvValue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * docker-compose.yml against the modules: every module built from its Dockerfile.jvm, health-checked on its port,
 * started after what it needs is healthy, wired by the variables it reads; only the gateway published; the topics of
 * {@code Topics.ALL} created.
 */
public final class ComposeCheck {
    public static final String ORIGIN = "docker-compose.yml";
    private static final String DOCKERFILE = "src/main/docker/Dockerfile.jvm";
    private static final Pattern CREATE = Pattern.compile("(?m)^\\s*create\\s+(\\S+)\\s+(\\d+)(?:\\s+(\\w+))?\\s*$");
    private static final Pattern LISTENER = Pattern.compile("PLAINTEXT://([^:,]+):(\\d+)");
    private static final Set<String> CONDITIONS = Set.of("service_healthy", "service_completed_successfully");

    private ComposeCheck() {
    }

    public static Problems check(JsonNode compose, Suite suite) {
        Problems problems = new Problems();
        JsonNode services = compose.path("services");
        Map<String, ServiceModule> byService = new LinkedHashMap<>();
        services.fields().forEachRemaining(entry -> moduleOf(entry.getValue(), suite)
                .ifPresent(module -> byService.put(entry.getKey(), module)));

        for (ServiceModule module : suite.modules().values()) {
            if (!byService.containsValue(module)) {
                problems.add("%s has no service built from ./%s/%s", ORIGIN, module.name(), DOCKERFILE);
            }
            if (module.exposedPort().isEmpty()) {
                problems.add("%s has no %s", module.name(), DOCKERFILE);
            } else if (module.exposedPort().get() != module.port()) {
                problems.add("%s/%s exposes %d but the module listens on %d", module.name(), DOCKERFILE,
                        module.exposedPort().get(), module.port());
            }
        }

        Network network = network(services, byService);
        Map<String, String> keySources = new HashMap<>();
        byService.forEach((name, module) -> {
            JsonNode service = services.path(name);
            Workload workload = new Workload(ORIGIN, name, module, environment(service.path("environment")));
            WorkloadCheck.check(workload, network, suite, problems);
            checkHealth(name, module, service, problems);
            if (module.signsRequests()) {
                WorkloadCheck.keySource(workload, false).ifPresent(source -> {
                    String other = keySources.putIfAbsent(source, name);
                    if (other != null) {
                        problems.add("%s: %s and %s sign with the same Bitfinex key (%s); each needs its own", ORIGIN,
                                other, name, source);
                    }
                });
            }
        });

        services.fields().forEachRemaining(entry -> {
            String name = entry.getKey();
            JsonNode service = entry.getValue();
            boolean gateway = "gateway".equals(Optional.ofNullable(byService.get(name)).map(ServiceModule::name).orElse(""));
            if (service.has("ports") && !gateway) {
                problems.add("%s publishes ports of %s; only the gateway is reachable from outside", ORIGIN, name);
            }
            if (gateway) {
                int port = byService.get(name).port();
                boolean published = false;
                for (JsonNode mapping : service.path("ports")) {
                    published |= mapping.asText().endsWith(":" + port) || mapping.path("target").asInt() == port;
                }
                if (!published) {
                    problems.add("%s does not publish the gateway's port %d", ORIGIN, port);
                }
            }
            JsonNode dependsOn = service.path("depends_on");
            if (dependsOn.isArray()) {
                problems.add("%s: %s lists depends_on without conditions; start it once they are healthy", ORIGIN, name);
            }
            dependsOn.fields().forEachRemaining(dependency -> {
                String condition = dependency.getValue().path("condition").asText();
                if (!CONDITIONS.contains(condition)) {
                    problems.add("%s: %s depends on %s with condition '%s'; use service_healthy (or "
                            + "service_completed_successfully for a one-shot)", ORIGIN, name, dependency.getKey(), condition);
                } else if (condition.equals("service_healthy") && !services.path(dependency.getKey()).has("healthcheck")) {
                    problems.add("%s: %s waits for %s to be healthy, which has no healthcheck", ORIGIN, name,
                            dependency.getKey());
                }
                if (!services.has(dependency.getKey())) {
                    problems.add("%s: %s depends on %s, which is no service", ORIGIN, name, dependency.getKey());
                }
            });
        });

        TopicCheck.check(ORIGIN + " (kafka-init)", createdTopics(services), problems);
        return problems;
    }

    private static Optional<ServiceModule> moduleOf(JsonNode service, Suite suite) {
        JsonNode build = service.path("build");
        String context = build.isTextual() ? build.asText() : build.path("context").asText(null);
        if (context == null) {
            return Optional.empty();
        }
        String module = context.replaceFirst("^\\./", "").replaceAll("/$", "");
        return suite.module(module).filter(m -> build.isTextual() || DOCKERFILE.equals(build.path("dockerfile").asText()));
    }

    private static Network network(JsonNode services, Map<String, ServiceModule> byService) {
        Map<String, Set<Integer>> hosts = new HashMap<>();
        Set<String> kafka = new HashSet<>();
        services.fields().forEachRemaining(entry -> {
            ServiceModule module = byService.get(entry.getKey());
            hosts.put(entry.getKey(), module == null ? Set.of() : Set.of(module.port()));
            EnvValue listeners = environment(entry.getValue().path("environment")).get("KAFKA_ADVERTISED_LISTENERS");
            if (listeners != null && listeners.literal() != null) {
                Matcher listener = LISTENER.matcher(listeners.literal());
                while (listener.find()) {
                    kafka.add(listener.group(1) + ":" + listener.group(2));
                    hosts.put(listener.group(1), Set.of(Integer.parseInt(listener.group(2))));
                }
            }
        });
        return new Network(hosts, kafka);
    }

    private static void checkHealth(String name, ServiceModule module, JsonNode service, Problems problems) {
        String test = String.join(" ", textList(service.path("healthcheck").path("test")));
        if (!test.contains("/q/health/ready") || !test.contains(String.valueOf(module.port()))) {
            problems.add("%s: %s's healthcheck does not ask /q/health/ready on port %d: %s", ORIGIN, name, module.port(),
                    test.isEmpty() ? "none" : test);
        }
    }

    static Map<String, EnvValue> environment(JsonNode environment) {
        Map<String, EnvValue> env = new LinkedHashMap<>();
        if (environment.isArray()) {
            for (JsonNode item : environment) {
                String[] pair = item.asText().split("=", 2);
                env.put(pair[0], EnvValue.of(pair.length > 1 ? pair[1] : ""));
            }
        } else {
            environment.fields().forEachRemaining(e -> env.put(e.getKey(), EnvValue.of(e.getValue().asText())));
        }
        return env;
    }

    private static Map<String, TopicCheck.Declared> createdTopics(JsonNode services) {
        Map<String, TopicCheck.Declared> topics = new LinkedHashMap<>();
        String script = String.join("\n", textList(services.path("kafka-init").path("command")))
                + "\n" + String.join("\n", textList(services.path("kafka-init").path("entrypoint")));
        Matcher create = CREATE.matcher(script);
        while (create.find()) {
            topics.put(create.group(1), new TopicCheck.Declared(Integer.parseInt(create.group(2)),
                    "compact".equals(create.group(3))));
        }
        return topics;
    }

    private static List<String> textList(JsonNode node) {
        if (node.isTextual()) {
            return List.of(node.asText());
        }
        List<String> out = new java.util.ArrayList<>();
        node.forEach(n -> out.add(n.asText()));
        return out;
    }
}
