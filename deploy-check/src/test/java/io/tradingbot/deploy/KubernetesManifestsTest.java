package io.tradingbot.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradingbot.deploy.check.KubernetesCheck;
import io.tradingbot.deploy.check.Problems;
import io.tradingbot.deploy.model.Manifests;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The Kubernetes manifests run every service as its module expects: read from the files (meaningful without kubectl)
 * and, where kubectl is on PATH, as {@code kubectl kustomize} renders each overlay with its patches.
 */
class KubernetesManifestsTest {
    private static final Path K8S = Repository.ROOT.resolve("k8s");

    // The base alone is not deployable (it points at an exchange that only an overlay brings): it is checked through them.
    @Test
    void theOverlaysResourcesAgreeWithTheModules() throws Exception {
        assertAgrees("k8s/overlays/local (files)", Manifests.readDirectly(K8S.resolve("overlays/local")));
        assertAgrees("k8s/overlays/production (files)", Manifests.readDirectly(K8S.resolve("overlays/production")));
    }

    @Test
    void theRenderedLocalOverlayTradesOnTheSimulatorWithAKeyPerService() throws Exception {
        Path kubectl = kubectl();
        List<JsonNode> local = Manifests.render(kubectl, K8S.resolve("overlays/local"));
        assertAgrees("kubectl kustomize k8s/overlays/local", local);
        assertThat(deployment(local, "exchange-simulator")).isPresent();
        for (String service : List.of("order-service", "account-service")) {
            JsonNode pod = deployment(local, service).orElseThrow().path("spec").path("template").path("spec");
            assertThat(pod.path("initContainers").path(0).path("args").path(0).asText())
                    .as("%s asks the simulator for a key of its own", service)
                    .contains("/sim/accounts/paper/keys");
            assertThat(env(pod, "QUARKUS_CONFIG_LOCATIONS")).isEqualTo("file:/keys/bitfinex.properties");
            assertThat(env(pod, "BITFINEX_API_KEY")).as("no Secret key locally").isNull();
        }
    }

    @Test
    void theRenderedProductionOverlayTradesOnBitfinexWithASecretKeyPerService() throws Exception {
        Path kubectl = kubectl();
        List<JsonNode> production = Manifests.render(kubectl, K8S.resolve("overlays/production"));
        assertAgrees("kubectl kustomize k8s/overlays/production", production);
        assertThat(deployment(production, "exchange-simulator")).isEmpty();
        String orderKey = secretOf(deployment(production, "order-service").orElseThrow(), "BITFINEX_API_KEY");
        String accountKey = secretOf(deployment(production, "account-service").orElseThrow(), "BITFINEX_API_KEY");
        assertThat(orderKey).isNotBlank().isNotEqualTo(accountKey);
        assertThat(accountKey).isNotBlank();
        assertThat(production).filteredOn(m -> m.path("kind").asText().equals("KafkaTopic"))
                .allSatisfy(topic -> assertThat(topic.path("spec").path("replicas").asInt()).isEqualTo(3));
    }

    private static void assertAgrees(String origin, List<JsonNode> manifests) throws Exception {
        Problems problems = KubernetesCheck.check(origin, manifests, Repository.SUITE, Repository.read("k8s/README.md"));
        assertThat(problems.list()).as(problems.toString()).isEmpty();
    }

    private static Path kubectl() {
        Optional<Path> kubectl = Manifests.kubectl();
        assumeTrue(kubectl.isPresent(), "kubectl is not on PATH: the rendered overlays are not checked here");
        return kubectl.get();
    }

    static Optional<JsonNode> deployment(List<JsonNode> manifests, String name) {
        return manifests.stream().filter(m -> m.path("kind").asText().equals("Deployment")
                && m.path("metadata").path("name").asText().equals(name)).findFirst();
    }

    private static String env(JsonNode pod, String name) {
        for (JsonNode variable : pod.path("containers").path(0).path("env")) {
            if (variable.path("name").asText().equals(name)) {
                return variable.path("value").asText();
            }
        }
        return null;
    }

    private static String secretOf(JsonNode deployment, String name) {
        for (JsonNode variable : deployment.path("spec").path("template").path("spec").path("containers").path(0).path("env")) {
            if (variable.path("name").asText().equals(name)) {
                return variable.path("valueFrom").path("secretKeyRef").path("name").asText();
            }
        }
        return null;
    }
}
