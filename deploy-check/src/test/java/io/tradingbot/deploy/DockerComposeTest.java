package io.tradingbot.deploy;

import io.tradingbot.deploy.check.ComposeCheck;
import io.tradingbot.deploy.check.Problems;
import io.tradingbot.deploy.check.TopicCheck;
import io.tradingbot.deploy.model.Manifests;
import io.tradingbot.deploy.model.ServiceModule;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** docker-compose.yml runs every module as the module expects to be run. */
class DockerComposeTest {

    @Test
    void theSuiteIsTheSimulatorAndTheSixServicesOnTheirPorts() {
        assertThat(Repository.SUITE.modules().values()).extracting(ServiceModule::name, ServiceModule::port)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("exchange-simulator", 8090),
                        org.assertj.core.groups.Tuple.tuple("market-data-service", 8081),
                        org.assertj.core.groups.Tuple.tuple("strategy-service", 8082),
                        org.assertj.core.groups.Tuple.tuple("risk-service", 8083),
                        org.assertj.core.groups.Tuple.tuple("order-service", 8084),
                        org.assertj.core.groups.Tuple.tuple("account-service", 8085),
                        org.assertj.core.groups.Tuple.tuple("gateway", 8080));
        // What the checker reads from the modules, so that an empty report means something.
        assertThat(Repository.SUITE.module("order-service").orElseThrow().signsRequests()).isTrue();
        assertThat(Repository.SUITE.module("account-service").orElseThrow().signsRequests()).isTrue();
        assertThat(Repository.SUITE.module("market-data-service").orElseThrow().signsRequests()).isFalse();
        assertThat(Repository.SUITE.module("order-service").orElseThrow().envDefaults())
                .containsEntry("RISK_URL", "http://localhost:8083")
                .containsEntry("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092");
        assertThat(Repository.SUITE.module("account-service").orElseThrow().knownEnv())
                .contains("BITFINEX_API_KEY", "BITFINEX_WS_URL", "ACCOUNT_NAME")
                .doesNotContain("SIM_API_KEY", "RISK_URL");
        // @ConfigMapping groups, read from the sources
        assertThat(Repository.SUITE.module("exchange-simulator").orElseThrow().knownEnv())
                .contains("SIM_API_KEY", "SIM_CLOCK_SPEED", "SIM_PAPER_WALLETS");
        assertThat(Repository.SUITE.module("gateway").orElseThrow().knownEnv())
                .contains("GATEWAY_SERVICES_RISK", "GATEWAY_AUTH_ADMIN_PASSWORD", "AUTH_REQUIRED",
                        "SMALLRYE_JWT_SIGN_KEY_LOCATION");
    }

    @Test
    void dockerComposeAgreesWithTheModules() {
        Problems problems = ComposeCheck.check(Manifests.readOne(Repository.ROOT.resolve("docker-compose.yml")),
                Repository.SUITE);
        assertThat(problems.list()).as(problems.toString()).isEmpty();
    }

    @Test
    void everyTopicAModuleNamesIsATopicOfTheContracts() {
        for (ServiceModule module : Repository.SUITE.modules().values()) {
            assertThat(TopicCheck.expected().keySet()).as("topics of %s's application.properties", module.name())
                    .containsAll(module.topics());
        }
    }
}
