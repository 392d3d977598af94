package io.tradingbot.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradingbot.deploy.check.ComposeCheck;
import io.tradingbot.deploy.check.KubernetesCheck;
import io.tradingbot.deploy.check.Problems;
import io.tradingbot.deploy.model.Manifests;
import io.tradingbot.deploy.model.ServiceModule;
import io.tradingbot.deploy.model.Suite;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The checks can fail: each test breaks one thing in a copy of the real files (or of a module's model) and expects the
 * report to name it.
 */
class DeployCheckCatchesMistakesTest {

    // --- docker-compose.yml

    @Test
    void aUrlOnTheWrongPortIsCaught() {
        assertThat(compose(c -> env(c, "order-service").put("RISK_URL", "http://risk-service:8093")))
                .anyMatch(p -> p.contains("order-service sets RISK_URL=http://risk-service:8093, but risk-service serves on [8083]"));
    }

    @Test
    void aUrlToTheWrongServiceIsCaught() {
        assertThat(compose(c -> env(c, "strategy-service").put("MARKET_DATA_URL", "http://risk-service:8083")))
                .anyMatch(p -> p.contains("MARKET_DATA_URL is meant for market-data-service"));
    }

    @Test
    void aMissingVariableIsCaught() {
        assertThat(compose(c -> env(c, "strategy-service").remove("KAFKA_BOOTSTRAP_SERVERS")))
                .anyMatch(p -> p.contains("strategy-service does not set KAFKA_BOOTSTRAP_SERVERS"));
        assertThat(compose(c -> env(c, "gateway").remove("ACCOUNT_URL")))
                .anyMatch(p -> p.contains("gateway does not set ACCOUNT_URL"));
    }

    @Test
    void aVariableNoModuleReadsIsCaught() {
        assertThat(compose(c -> env(c, "risk-service").put("KAFKA_BOOTSTRAP_SERVER", "kafka:9092")))
                .anyMatch(p -> p.contains("risk-service sets KAFKA_BOOTSTRAP_SERVER, which risk-service does not read"));
    }

    @Test
    void aWrongPortOrHealthCheckIsCaught() {
        assertThat(compose(c -> env(c, "account-service").put("HTTP_PORT", "8086")))
                .anyMatch(p -> p.contains("sets HTTP_PORT=8086 but account-service listens on 8085"));
        assertThat(compose(c -> ((ObjectNode) service(c, "risk-service").path("healthcheck"))
                .set("test", c.arrayNode().add("CMD").add("true"))))
                .anyMatch(p -> p.contains("risk-service's healthcheck does not ask /q/health/ready on port 8083"));
    }

    @Test
    void aModuleWhosePortChangedNoLongerAgrees() {
        // The same compose file against a risk-service that moved to 9083 in its application.properties.
        Map<String, ServiceModule> modules = new LinkedHashMap<>(Repository.SUITE.modules());
        ServiceModule risk = modules.get("risk-service");
        modules.put("risk-service", new ServiceModule(risk.name(), risk.dir(), 9083, risk.envDefaults(), risk.knownEnv(),
                risk.topics(), risk.signsRequests(), risk.usesWebSocket(), risk.exposedPort()));
        Problems problems = ComposeCheck.check(realCompose(), new Suite(Repository.ROOT, modules));
        assertThat(problems.list())
                .anyMatch(p -> p.contains("risk-service sets HTTP_PORT=8083 but risk-service listens on 9083"))
                .anyMatch(p -> p.contains("risk-service/src/main/docker/Dockerfile.jvm exposes 8083 but the module listens on 9083"));
    }

    @Test
    void twoServicesOnOneKeyAreCaught() {
        assertThat(compose(c -> env(c, "account-service").put("QUARKUS_CONFIG_LOCATIONS", "file:/keys/order-service.properties")))
                .anyMatch(p -> p.contains("sign with the same Bitfinex key"));
        assertThat(compose(c -> env(c, "order-service").remove("QUARKUS_CONFIG_LOCATIONS")))
                .anyMatch(p -> p.contains("order-service signs Bitfinex requests but gets no key"));
    }

    @Test
    void aPublishedServiceOrAnUnconditionalDependencyIsCaught() {
        assertThat(compose(c -> ((ObjectNode) service(c, "risk-service")).set("ports", c.arrayNode().add("8083:8083"))))
                .anyMatch(p -> p.contains("publishes ports of risk-service"));
        assertThat(compose(c -> ((ObjectNode) service(c, "gateway")).set("depends_on",
                c.arrayNode().add("risk-service"))))
                .anyMatch(p -> p.contains("gateway lists depends_on without conditions"));
    }

    @Test
    void aTopicCreatedWrongIsCaught() {
        assertThat(compose(c -> {
            ArrayNode command = (ArrayNode) service(c, "kafka-init").path("command");
            command.set(0, c.textNode(command.get(0).asText()
                    .replace("create risk.limits.v1 1 compact", "create risk.limits.v1 1")
                    .replace("create market.candles.v1 3", "create market.candles.v1 6")
                    .replace("create orders.events.v1.dlq 1\n", "")));
        }))
                .anyMatch(p -> p.contains("creates risk.limits.v1 not compacted; Topics says it is compacted"))
                .anyMatch(p -> p.contains("creates market.candles.v1 with 6 partitions; Topics says 3"))
                .anyMatch(p -> p.contains("does not create topic orders.events.v1.dlq"));
    }

    // --- Kubernetes

    @Test
    void aWrongPortInAConfigMapOrProbeIsCaught() {
        assertThat(kubernetes(m -> data(m, "ConfigMap", "order-service").put("HTTP_PORT", "8080")))
                .anyMatch(p -> p.contains("order-service sets HTTP_PORT=8080 but order-service listens on 8084"));
        assertThat(kubernetes(m -> ((ObjectNode) container(m, "risk-service").path("readinessProbe").path("httpGet"))
                .put("path", "/health")))
                .anyMatch(p -> p.contains("risk-service's readinessProbe is not an HTTP GET of /q/health"));
    }

    @Test
    void aMissingVariableOrServiceIsCaught() {
        assertThat(kubernetes(m -> data(m, "ConfigMap", "gateway").remove("RISK_URL")))
                .anyMatch(p -> p.contains("gateway does not set RISK_URL"));
        assertThat(kubernetes(m -> m.removeIf(d -> d.path("kind").asText().equals("Service")
                && d.path("metadata").path("name").asText().equals("market-data-service"))))
                .anyMatch(p -> p.contains("no Service market-data-service on port 8081"))
                .anyMatch(p -> p.contains("MARKET_DATA_URL=http://market-data-service:8081, but there is no market-data-service"));
    }

    @Test
    void anUndocumentedSecretIsCaught() {
        assertThat(kubernetes(m -> {
            ObjectNode ref = (ObjectNode) ((ArrayNode) container(m, "order-service").path("env")).get(0)
                    .path("valueFrom").path("secretKeyRef");
            ref.put("name", "order-keys-nobody-described");
        })).anyMatch(p -> p.contains("references Secret order-keys-nobody-described, which k8s/README.md does not describe"));
    }

    @Test
    void aScaledSingleWriterIsCaught() {
        assertThat(kubernetes(m -> ((ObjectNode) find(m, "Deployment", "account-service").path("spec")).put("replicas", 2)))
                .anyMatch(p -> p.contains("account-service signs with one API key, so it must run as exactly one pod"));
    }

    @Test
    void anOpenServiceOrAMissingDefaultDenyIsCaught() {
        assertThat(kubernetes(m -> m.removeIf(d -> d.path("metadata").path("name").asText().equals("default-deny-ingress"))))
                .anyMatch(p -> p.contains("no NetworkPolicy that denies ingress by default"));
        assertThat(kubernetes(m -> ((ObjectNode) find(m, "NetworkPolicy", "gateway-public").path("spec").path("podSelector")
                .path("matchLabels")).put("app.kubernetes.io/name", "order-service")))
                .anyMatch(p -> p.contains("lets anyone reach pods other than the gateway's"));
    }

    @Test
    void aKafkaTopicDeclaredWrongIsCaught() {
        assertThat(kubernetes(m -> {
            ((ObjectNode) topic(m, "trading.sessions.v1").path("spec").path("config")).put("cleanup.policy", "delete");
            ((ObjectNode) topic(m, "risk.verdicts.v1").path("spec")).put("partitions", 1);
        }))
                .anyMatch(p -> p.contains("creates trading.sessions.v1 not compacted"))
                .anyMatch(p -> p.contains("creates risk.verdicts.v1 with 1 partitions; Topics says 3"));
    }

    // --- fixtures: copies of the real files, broken by the caller

    private static List<String> compose(Consumer<ObjectNode> breakIt) {
        ObjectNode compose = (ObjectNode) realCompose();
        assertThat(ComposeCheck.check(compose, Repository.SUITE).isEmpty()).as("the real file passes").isTrue();
        breakIt.accept(compose);
        return ComposeCheck.check(compose, Repository.SUITE).list();
    }

    private static JsonNode realCompose() {
        return Manifests.readOne(Repository.ROOT.resolve("docker-compose.yml"));
    }

    private static ObjectNode service(ObjectNode compose, String name) {
        return (ObjectNode) compose.path("services").path(name);
    }

    private static ObjectNode env(ObjectNode compose, String name) {
        return (ObjectNode) service(compose, name).path("environment");
    }

    private static List<String> kubernetes(Consumer<List<JsonNode>> breakIt) {
        try {
            // base + strimzi + the simulator, as the files of the local overlay list them
            List<JsonNode> manifests = new ArrayList<>(Manifests.readDirectly(Repository.ROOT.resolve("k8s/overlays/local")));
            String readme = Repository.read("k8s/README.md");
            assertThat(KubernetesCheck.check("fixture", manifests, Repository.SUITE, readme).isEmpty())
                    .as("the real files pass").isTrue();
            breakIt.accept(manifests);
            return KubernetesCheck.check("fixture", manifests, Repository.SUITE, readme).list();
        }
        catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode find(List<JsonNode> manifests, String kind, String name) {
        return manifests.stream().filter(m -> m.path("kind").asText().equals(kind)
                && m.path("metadata").path("name").asText().equals(name)).findFirst().orElseThrow();
    }

    private static ObjectNode data(List<JsonNode> manifests, String kind, String name) {
        return (ObjectNode) find(manifests, kind, name).path("data");
    }

    private static JsonNode container(List<JsonNode> manifests, String deployment) {
        return find(manifests, "Deployment", deployment).path("spec").path("template").path("spec").path("containers").path(0);
    }

    private static JsonNode topic(List<JsonNode> manifests, String name) {
        return manifests.stream().filter(m -> m.path("kind").asText().equals("KafkaTopic")
                && m.path("spec").path("topicName").asText().equals(name)).findFirst().orElseThrow();
    }
}
