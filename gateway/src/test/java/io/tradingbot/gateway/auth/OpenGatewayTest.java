package io.tradingbot.gateway.auth;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.tradingbot.kafka.testkit.KafkaBrokerResource;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.hamcrest.Matchers.equalTo;

/** AUTH_REQUIRED=false: everything is open to a caller without a token, and a token that is sent is still checked. */
@QuarkusTest
@TestProfile(OpenGatewayTest.AuthNotRequired.class)
@QuarkusTestResource(value = KafkaBrokerResource.class, restrictToAnnotatedClass = true)
class OpenGatewayTest {

    public static class AuthNotRequired implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.auth.required", "false");
        }
    }

    @Test
    void aCallerWithoutATokenMayTradeAsTheLocalUser() {
        RestAssured.get("/api/v2/trading/automation").then().statusCode(200);
        RestAssured.given().contentType(ContentType.JSON).body("{}").post("/api/v2/trading/tBTCUSD/automation").then()
                .statusCode(200).body("changed_by", equalTo("local"));
        RestAssured.given().auth().oauth2("tampered.token.here").get("/api/v2/trading/automation").then()
                .statusCode(401);
    }
}
