package io.tradingbot.kafka.testkit;

import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * What every TradingBot service promises operators, checked against the running application and a real broker: readiness
 * follows the broker, liveness does not, and metrics and the OpenAPI document are served. A service's test extends it with
 * {@code @QuarkusTest @QuarkusTestResource(KafkaBrokerResource.class)}.
 */
public abstract class ServiceContract {
    private static final Duration HEALTH_CHANGE = Duration.ofSeconds(45);

    @InjectKafkaBroker
    protected EmbeddedKafkaBroker broker;

    @Test
    void readinessIsUpWhileTheBrokerRuns() {
        await().atMost(HEALTH_CHANGE).untilAsserted(() -> RestAssured.get("/q/health/ready").then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("Kafka broker")));
    }

    @Test
    void readinessIsDownWhileTheBrokerIsGoneAndComesBackWithIt() {
        broker.stop();
        try {
            await().atMost(HEALTH_CHANGE).untilAsserted(() -> RestAssured.get("/q/health/ready").then()
                    .statusCode(503)
                    .body("status", equalTo("DOWN")));
            // Liveness is about the process: restarting it would not bring the broker back.
            RestAssured.get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        } finally {
            broker.start();
        }
        await().atMost(HEALTH_CHANGE).untilAsserted(() -> RestAssured.get("/q/health/ready").then()
                .statusCode(200)
                .body("status", equalTo("UP")));
    }

    @Test
    void servesPrometheusMetrics() {
        RestAssured.get("/q/metrics").then()
                .statusCode(200)
                .body(containsString("jvm_memory_used_bytes"))
                .body(containsString("http_server"));
    }

    @Test
    void servesItsOpenApiDocumentAndSwaggerUi() {
        RestAssured.given().accept("application/json").get("/q/openapi").then()
                .statusCode(200)
                .body("openapi", containsString("3."));
        RestAssured.get("/q/swagger-ui/").then().statusCode(200);
    }
}
