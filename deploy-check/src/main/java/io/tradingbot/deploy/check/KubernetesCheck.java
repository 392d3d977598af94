package io.tradingbot.deploy.check;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradingbot.deploy.model.Network;
import io.tradingbot.deploy.model.ServiceModule;
import io.tradingbot.deploy.model.Suite;
import io.tradingbot.deploy.model.Workload;
import io.tradingbot.deploy.model.Workload.EnvValue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A set of Kubernetes manifests (rendered by kustomize, or read from the files) against the modules: a Deployment,
 * Service, ConfigMap and PodDisruptionBudget per service, probes on /q/health, resources, the wiring each module reads,
 * Secrets only referenced and each one described in k8s/README.md, single writers never scaled, only the gateway
 * reachable from outside, and a KafkaTopic per topic of {@code Topics.ALL}.
 */
public final class KubernetesCheck {
    private static final String SIMULATOR = "exchange-simulator";
    private static final String GATEWAY = "gateway";

    private KubernetesCheck() {
    }

    public static Problems check(String origin, List<JsonNode> manifests, Suite suite, String readme) {
        Problems problems = new Problems();
        Map<String, List<JsonNode>> byKind = new LinkedHashMap<>();
        for (JsonNode manifest : manifests) {
            if (manifest != null && manifest.has("kind")) {
                byKind.computeIfAbsent(manifest.path("kind").asText(), k -> new ArrayList<>()).add(manifest);
            }
        }
        Map<String, JsonNode> configMaps = named(byKind.get("ConfigMap"));
        Map<String, JsonNode> deployments = named(byKind.get("Deployment"));

        if (byKind.containsKey("Secret")) {
            problems.add("%s defines Secrets (%s); reference them and describe them in k8s/README.md instead", origin,
                    named(byKind.get("Secret")).keySet());
        }
        Network network = network(byKind);

        Map<String, ServiceModule> modules = new LinkedHashMap<>();
        deployments.forEach((name, deployment) -> {
            JsonNode container = deployment.path("spec").path("template").path("spec").path("containers").path(0);
            String image = container.path("image").asText();
            String module = image.replaceAll(":[^/]*$", "").replaceAll(".*/", "");
            suite.module(module).ifPresentOrElse(m -> modules.put(name, m), () -> problems.add(
                    "%s: Deployment %s runs image %s, which is no module of the suite", origin, name, image));
        });
        for (ServiceModule module : suite.modules().values()) {
            if (!module.name().equals(SIMULATOR) && !modules.containsValue(module)) {
                problems.add("%s has no Deployment of %s", origin, module.name());
            }
        }

        Set<String> secrets = new LinkedHashSet<>();
        Map<String, String> keySources = new HashMap<>();
        modules.forEach((name, module) -> {
            JsonNode deployment = deployments.get(name);
            JsonNode pod = deployment.path("spec").path("template").path("spec");
            JsonNode container = pod.path("containers").path(0);
            Workload workload = new Workload(origin, name, module, environment(origin, name, container, configMaps,
                    secrets, problems));
            WorkloadCheck.check(workload, network, suite, problems);
            checkContainer(origin, name, module, container, problems);
            checkService(origin, name, module, deployment, network, problems);
            checkDisruptionBudget(origin, name, deployment, byKind.get("PodDisruptionBudget"), problems);
            pod.path("volumes").forEach(v -> {
                if (v.has("secret")) {
                    secrets.add(v.path("secret").path("secretName").asText());
                }
            });
            pod.path("initContainers").forEach(init -> environment(origin, name, init, configMaps, secrets, problems));
            if (module.signsRequests()) {
                WorkloadCheck.keySource(workload, true).ifPresent(source -> {
                    String other = keySources.putIfAbsent(source, name);
                    if (other != null) {
                        problems.add("%s: %s and %s sign with the same Bitfinex key (%s); each needs its own Secret",
                                origin, other, name, source);
                    }
                });
                if (deployment.path("spec").path("replicas").asInt(1) != 1
                        || !"Recreate".equals(deployment.path("spec").path("strategy").path("type").asText())) {
                    problems.add("%s: %s signs with one API key, so it must run as exactly one pod (replicas 1, strategy "
                            + "Recreate): two would refuse each other's nonces", origin, name);
                }
            }
        });

        for (JsonNode hpa : list(byKind.get("HorizontalPodAutoscaler"))) {
            String target = hpa.path("spec").path("scaleTargetRef").path("name").asText();
            ServiceModule module = modules.get(target);
            if (module == null) {
                problems.add("%s: HorizontalPodAutoscaler %s scales %s, which is no Deployment", origin,
                        hpa.path("metadata").path("name").asText(), target);
            } else if (module.signsRequests()) {
                problems.add("%s: HorizontalPodAutoscaler scales %s, a single writer per API key", origin, target);
            }
        }

        for (JsonNode ingress : list(byKind.get("Ingress"))) {
            ingress.path("spec").path("rules").forEach(rule -> rule.path("http").path("paths").forEach(path -> {
                String backend = path.path("backend").path("service").path("name").asText();
                if (!GATEWAY.equals(Optional.ofNullable(modules.get(backend)).map(ServiceModule::name).orElse(""))) {
                    problems.add("%s: Ingress %s routes to %s; only the gateway is reachable from outside", origin,
                            ingress.path("metadata").path("name").asText(), backend);
                }
            }));
            ingress.path("spec").path("tls").forEach(tls -> secrets.add(tls.path("secretName").asText()));
        }
        checkNetworkPolicies(origin, list(byKind.get("NetworkPolicy")), problems);

        for (String secret : secrets) {
            if (!readme.contains("`" + secret + "`")) {
                problems.add("%s references Secret %s, which k8s/README.md does not describe", origin, secret);
            }
        }

        if (byKind.containsKey("KafkaTopic") || byKind.containsKey("Kafka")) {
            Map<String, TopicCheck.Declared> topics = new LinkedHashMap<>();
            Set<String> clusters = named(byKind.get("Kafka")).keySet();
            for (JsonNode topic : list(byKind.get("KafkaTopic"))) {
                String name = topic.path("spec").path("topicName").asText(topic.path("metadata").path("name").asText());
                topics.put(name, new TopicCheck.Declared(topic.path("spec").path("partitions").asInt(),
                        "compact".equals(topic.path("spec").path("config").path("cleanup.policy").asText())));
                String cluster = topic.path("metadata").path("labels").path("strimzi.io/cluster").asText();
                if (!clusters.contains(cluster)) {
                    problems.add("%s: KafkaTopic %s belongs to cluster '%s', but the Kafka clusters are %s", origin, name,
                            cluster, clusters);
                }
            }
            TopicCheck.check(origin + " (KafkaTopics)", topics, problems);
        }
        return problems;
    }

    private static Map<String, EnvValue> environment(String origin, String workload, JsonNode container,
            Map<String, JsonNode> configMaps, Set<String> secrets, Problems problems) {
        Map<String, EnvValue> env = new LinkedHashMap<>();
        for (JsonNode from : container.path("envFrom")) {
            if (from.has("configMapRef")) {
                String name = from.path("configMapRef").path("name").asText();
                JsonNode configMap = configMaps.get(name);
                if (configMap == null) {
                    problems.add("%s: %s reads ConfigMap %s, which is not there", origin, workload, name);
                } else {
                    configMap.path("data").fields().forEachRemaining(e -> env.put(e.getKey(), EnvValue.of(e.getValue().asText())));
                }
            }
            if (from.has("secretRef")) {
                secrets.add(from.path("secretRef").path("name").asText());
            }
        }
        for (JsonNode variable : container.path("env")) {
            String name = variable.path("name").asText();
            JsonNode secretRef = variable.path("valueFrom").path("secretKeyRef");
            JsonNode configMapRef = variable.path("valueFrom").path("configMapKeyRef");
            if (!secretRef.isMissingNode()) {
                secrets.add(secretRef.path("name").asText());
                env.put(name, EnvValue.fromSecret(secretRef.path("name").asText(), secretRef.path("key").asText()));
            } else if (!configMapRef.isMissingNode()) {
                JsonNode configMap = configMaps.get(configMapRef.path("name").asText());
                env.put(name, EnvValue.of(configMap == null ? "" : configMap.path("data").path(configMapRef.path("key").asText()).asText()));
            } else {
                env.put(name, EnvValue.of(variable.path("value").asText()));
            }
        }
        return env;
    }

    private static void checkContainer(String origin, String name, ServiceModule module, JsonNode container,
            Problems problems) {
        boolean portDeclared = false;
        String portName = null;
        for (JsonNode port : container.path("ports")) {
            if (port.path("containerPort").asInt() == module.port()) {
                portDeclared = true;
                portName = port.path("name").asText(null);
            }
        }
        if (!portDeclared) {
            problems.add("%s: %s's container does not declare port %d, where %s listens", origin, name, module.port(),
                    module.name());
        }
        for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
            JsonNode get = container.path(probe).path("httpGet");
            String port = get.path("port").asText();
            if (!get.path("path").asText().startsWith("/q/health")
                    || !(port.equals(String.valueOf(module.port())) || port.equals(portName))) {
                problems.add("%s: %s's %s is not an HTTP GET of /q/health/... on port %d", origin, name, probe,
                        module.port());
            }
        }
        JsonNode resources = container.path("resources");
        for (String part : List.of("requests", "limits")) {
            if (!resources.path(part).has("memory")) {
                problems.add("%s: %s's container has no memory %s", origin, name, part);
            }
        }
        if (!resources.path("requests").has("cpu")) {
            problems.add("%s: %s's container has no cpu request", origin, name);
        }
    }

    private static void checkService(String origin, String name, ServiceModule module, JsonNode deployment,
            Network network, Problems problems) {
        if (!network.hosts().containsKey(name) || !network.hosts().get(name).contains(module.port())) {
            problems.add("%s: no Service %s on port %d for Deployment %s", origin, name, module.port(), name);
        }
    }

    private static void checkDisruptionBudget(String origin, String name, JsonNode deployment, List<JsonNode> budgets,
            Problems problems) {
        JsonNode podLabels = deployment.path("spec").path("template").path("metadata").path("labels");
        boolean covered = list(budgets).stream().anyMatch(pdb -> selects(pdb.path("spec").path("selector"), podLabels));
        if (!covered) {
            problems.add("%s: no PodDisruptionBudget selects the pods of %s", origin, name);
        }
    }

    private static void checkNetworkPolicies(String origin, List<JsonNode> policies, Problems problems) {
        boolean defaultDeny = false;
        for (JsonNode policy : policies) {
            JsonNode spec = policy.path("spec");
            boolean selectsAll = spec.path("podSelector").isEmpty();
            boolean ingressType = false;
            for (JsonNode type : spec.path("policyTypes")) {
                ingressType |= type.asText().equals("Ingress");
            }
            if (selectsAll && ingressType && spec.path("ingress").isEmpty()) {
                defaultDeny = true;
            }
            for (JsonNode rule : spec.path("ingress")) {
                if (!rule.has("from") || rule.path("from").isEmpty()) {
                    String selected = spec.path("podSelector").path("matchLabels").path("app.kubernetes.io/name").asText();
                    if (!GATEWAY.equals(selected)) {
                        problems.add("%s: NetworkPolicy %s lets anyone reach pods other than the gateway's (%s)", origin,
                                policy.path("metadata").path("name").asText(), spec.path("podSelector"));
                    }
                }
            }
        }
        if (!defaultDeny) {
            problems.add("%s has no NetworkPolicy that denies ingress by default (podSelector {}, policyTypes Ingress, "
                    + "no rules), so every service is reachable", origin);
        }
    }

    private static Network network(Map<String, List<JsonNode>> byKind) {
        Map<String, Set<Integer>> hosts = new HashMap<>();
        for (JsonNode service : list(byKind.get("Service"))) {
            Set<Integer> ports = new HashSet<>();
            service.path("spec").path("ports").forEach(p -> ports.add(p.path("port").asInt()));
            hosts.put(service.path("metadata").path("name").asText(), ports);
        }
        Set<String> kafka = new HashSet<>();
        for (JsonNode cluster : list(byKind.get("Kafka"))) {
            String bootstrap = cluster.path("metadata").path("name").asText() + "-kafka-bootstrap";
            Set<Integer> ports = new HashSet<>();
            cluster.path("spec").path("kafka").path("listeners").forEach(l -> {
                kafka.add(bootstrap + ":" + l.path("port").asInt());
                ports.add(l.path("port").asInt());
            });
            hosts.put(bootstrap, ports);
        }
        return new Network(hosts, kafka);
    }

    private static boolean selects(JsonNode selector, JsonNode labels) {
        JsonNode match = selector.path("matchLabels");
        if (match.isEmpty()) {
            return false;
        }
        boolean[] all = {true};
        match.fields().forEachRemaining(e -> all[0] &= e.getValue().asText().equals(labels.path(e.getKey()).asText()));
        return all[0];
    }

    private static Map<String, JsonNode> named(List<JsonNode> manifests) {
        Map<String, JsonNode> named = new LinkedHashMap<>();
        list(manifests).forEach(m -> named.put(m.path("metadata").path("name").asText(), m));
        return named;
    }

    private static List<JsonNode> list(List<JsonNode> manifests) {
        return manifests == null ? List.of() : manifests;
    }
}
