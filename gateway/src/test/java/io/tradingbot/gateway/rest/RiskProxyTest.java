package io.tradingbot.gateway.rest;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** The risk limits through the gateway, against the real risk-service process: roles, pass-through errors, the user. */
@QuarkusTest
@QuarkusTestResource(value = RiskServiceBehindGateway.class, restrictToAnnotatedClass = true)
class RiskProxyTest {
    private static final String LIMITS = "{\"max_position_size\":\"0.02\",\"max_leverage\":\"2\",\"max_open_positions\":2,"
            + "\"max_drawdown_percent\":\"4\",\"stop_loss_percent\":\"1.5\",\"take_profit_percent\":\"3\"}";

    @Test
    void viewersReadTheLimitsTradersSetThemAndRiskServiceJudgesTheValues() {
        String viewer = token("vera", "viewer-password");
        String trader = token("tom", "trader-password");

        RestAssured.given().auth().oauth2(viewer).get("/api/v2/risk/limits").then().statusCode(200)
                .body("max_leverage", equalTo("3.0")).body("updated_by", equalTo("defaults"));
        RestAssured.given().auth().oauth2(viewer).contentType(ContentType.JSON).body(LIMITS)
                .put("/api/v2/risk/limits").then().statusCode(403);

        RestAssured.given().auth().oauth2(trader).contentType(ContentType.JSON).body(LIMITS)
                .put("/api/v2/risk/limits").then().statusCode(200)
                .body("max_leverage", equalTo("2")).body("updated_by", equalTo("tom"));
        RestAssured.given().auth().oauth2(viewer).get("/api/v2/risk/limits").then().statusCode(200)
                .body("max_position_size", equalTo("0.02"));

        // risk-service's own 400, naming the field, reaches the user unchanged.
        RestAssured.given().auth().oauth2(trader).contentType(ContentType.JSON)
                .body(LIMITS.replace("\"max_leverage\":\"2\"", "\"max_leverage\":\"0.5\""))
                .put("/api/v2/risk/limits").then().statusCode(400)
                .body("error", containsString("max_leverage"));
    }

    private static String token(String user, String password) {
        return RestAssured.given().contentType(ContentType.JSON).body(Map.of("username", user, "password", password))
                .post("/api/v2/auth/ws-token").then().statusCode(200).extract().path("token");
    }
}
