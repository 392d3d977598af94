package io.tradingbot.gateway.rest;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.tradingbot.kafka.testkit.KafkaBrokerResource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** A service that does not answer is a 503 that names it, promptly, not a hang or a 500. */
@QuarkusTest
@TestProfile(UnavailableServiceTest.NothingListening.class)
@QuarkusTestResource(value = KafkaBrokerResource.class, restrictToAnnotatedClass = true)
class UnavailableServiceTest {

    public static class NothingListening implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try (ServerSocket socket = new ServerSocket(0)) {
                String nowhere = "http://127.0.0.1:" + socket.getLocalPort();
                return Map.of("gateway.services.risk", nowhere, "gateway.services.strategy", nowhere,
                        "gateway.services.order", nowhere, "gateway.services.account", nowhere,
                        "gateway.services.market-data", nowhere, "gateway.auth.required", "false");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Test
    void anUnreachableServiceIsA503NamingIt() {
        RestAssured.get("/api/v2/risk/limits").then().statusCode(503)
                .body("error", containsString("risk-service is unavailable"));
        RestAssured.given().contentType(ContentType.JSON).body("{}").post("/api/v2/trading/tBTCUSD/evaluate").then()
                .statusCode(503).body("error", containsString("strategy-service is unavailable"));
        RestAssured.post("/api/v2/trading/initialize").then().statusCode(503)
                .body("error", containsString("account-service is unavailable"));
        RestAssured.get("/api/v2/account/summary").then().statusCode(503)
                .body("error", containsString("account-service is unavailable"));
        RestAssured.get("/api/v2/account/orders").then().statusCode(503)
                .body("error", containsString("account-service is unavailable"));
        RestAssured.get("/api/v2/account/filled-entries").then().statusCode(503)
                .body("error", containsString("account-service is unavailable"));
        RestAssured.post("/api/v2/account/margin/refresh").then().statusCode(503)
                .body("error", containsString("account-service is unavailable"));
        RestAssured.get("/api/v2/market/tBTCUSD/candles?timeframe=1m&limit=5").then().statusCode(503)
                .body("error", containsString("market-data-service is unavailable"));
        RestAssured.get("/api/v2/orders").then().statusCode(503)
                .body("error", containsString("order-service is unavailable"));
        RestAssured.given().contentType(ContentType.JSON).body(Map.of("symbol", "tBTCUSD", "signal", "BUY",
                        "can_trade", true, "verdict_id", "verdict:sig-1"))
                .post("/api/v2/trading/tBTCUSD/execute").then().statusCode(503)
                .body("error", containsString("order-service is unavailable"));
    }

    /** Refused before any service is asked: order-service does not even listen here, so a call would be a 503. */
    @Test
    void executeRefusesWhatCannotBeTradedWithoutPlacingAnything() {
        RestAssured.given().contentType(ContentType.JSON).body(Map.of("symbol", "tBTCUSD", "signal", "HOLD",
                        "can_trade", false))
                .post("/api/v2/trading/tBTCUSD/execute").then().statusCode(422)
                .body("success", equalTo(false)).body("message", containsString("HOLD"));
        RestAssured.given().contentType(ContentType.JSON).body(Map.of("symbol", "tBTCUSD", "signal", "BUY",
                        "can_trade", false, "verdict_id", "verdict:sig-2"))
                .post("/api/v2/trading/tBTCUSD/execute").then().statusCode(422)
                .body("success", equalTo(false)).body("message", containsString("risk did not allow"));
        RestAssured.given().contentType(ContentType.JSON).body(Map.of("symbol", "tETHUSD", "verdict_id", "verdict:x"))
                .post("/api/v2/trading/tBTCUSD/execute").then().statusCode(400)
                .body("error", containsString("the path says tBTCUSD"));
        RestAssured.given().contentType(ContentType.JSON).body(Map.of("symbol", "tBTCUSD", "signal", "BUY"))
                .post("/api/v2/trading/tBTCUSD/execute").then().statusCode(400)
                .body("error", containsString("verdict_id"));
        RestAssured.given().contentType(ContentType.JSON).body("[1, 2]")
                .post("/api/v2/trading/tBTCUSD/execute").then().statusCode(400);
        RestAssured.given().contentType(ContentType.JSON).body("{\"verdict_id\": ")
                .post("/api/v2/trading/tBTCUSD/execute").then().statusCode(400);
        RestAssured.given().contentType(ContentType.JSON).body(Map.of("verdict_id", 42))
                .post("/api/v2/orders").then().statusCode(400).body("error", containsString("verdict_id"));
        RestAssured.given().contentType(ContentType.JSON).body("{}")
                .post("/api/v2/trading/BTC-USD/evaluate").then().statusCode(400)
                .body("error", containsString("not a Bitfinex trading symbol"));
        RestAssured.get("/api/v2/market/btcusd/ticker").then().statusCode(400);
    }
}
