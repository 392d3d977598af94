package io.tradingbot.gateway.rest;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.tradingbot.kafka.testkit.KafkaBrokerResource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;

import static org.hamcrest.Matchers.containsString;

/** A service that does not answer is a 503 that names it, promptly, not a hang or a 500. */
@QuarkusTest
@TestProfile(UnavailableServiceTest.NothingListening.class)
@QuarkusTestResource(value = KafkaBrokerResource.class, restrictToAnnotatedClass = true)
class UnavailableServiceTest {

    public static class NothingListening implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try (ServerSocket socket = new ServerSocket(0)) {
                return Map.of("gateway.services.risk", "http://127.0.0.1:" + socket.getLocalPort(),
                        "gateway.auth.required", "false");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Test
    void anUnreachableRiskServiceIsA503NamingIt() {
        RestAssured.get("/api/v2/risk/limits").then().statusCode(503)
                .body("error", containsString("risk-service is unavailable"));
    }
}
