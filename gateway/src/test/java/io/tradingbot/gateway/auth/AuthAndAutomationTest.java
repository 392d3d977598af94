package io.tradingbot.gateway.auth;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.smallrye.jwt.build.Jwt;
import io.tradingbot.events.Topics;
import io.tradingbot.kafka.testkit.EmbeddedKafkaBroker;
import io.tradingbot.kafka.testkit.InjectKafkaBroker;
import io.tradingbot.kafka.testkit.KafkaBrokerResource;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/** Tokens as users get and use them, and automated trading started and stopped through them, over a real broker. */
@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerResource.class, restrictToAnnotatedClass = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuthAndAutomationTest {
    @InjectKafkaBroker
    EmbeddedKafkaBroker broker;

    @Test
    @Order(1)
    void aTraderStartsAndStopsAutomatedTradingAndEveryServiceCanSeeIt() {
        String trader = token("tom", "trader-password");
        RestAssured.given().auth().oauth2(trader).contentType(ContentType.JSON).body("{\"strategy\":\"macd\"}")
                .post("/api/v2/trading/tBTCUSD/automation").then().statusCode(200)
                .body("symbol", equalTo("tBTCUSD")).body("active", equalTo(true))
                .body("strategy", equalTo("macd")).body("changed_by", equalTo("tom"));
        RestAssured.given().auth().oauth2(trader).contentType(ContentType.JSON).body("{}")
                .post("/api/v2/trading/tETHUSD/automation").then().statusCode(200).body("strategy", equalTo("rsi-ema"));
        RestAssured.given().auth().oauth2(trader).get("/api/v2/trading/automation").then().statusCode(200)
                .body("symbol", hasItem("tBTCUSD")).body("symbol", hasItem("tETHUSD"));

        RestAssured.given().auth().oauth2(trader).delete("/api/v2/trading/tETHUSD/automation").then().statusCode(200)
                .body("active", equalTo(false)).body("reason", equalTo("stopped"));
        RestAssured.given().auth().oauth2(trader).delete("/api/v2/trading/tETHUSD/automation").then().statusCode(404);
        RestAssured.given().auth().oauth2(trader).post("/api/v2/trading/automation/stop-all").then().statusCode(200)
                .body("symbol", equalTo(List.of("tBTCUSD")));
        RestAssured.given().auth().oauth2(trader).get("/api/v2/trading/automation").then().statusCode(200)
                .body("size()", equalTo(0));

        // Two starts, a stop and a stop-all: one record each on the compacted topic, keyed by symbol.
        List<String> records = sessionRecords(4);
        assertThat(records).hasSize(4);
        assertThat(records).anySatisfy(r -> assertThat(r).contains("\"symbol\":\"tBTCUSD\"", "\"active\":true",
                "\"changed_by\":\"tom\""));
        assertThat(records).anySatisfy(r -> assertThat(r).contains("\"symbol\":\"tBTCUSD\"", "\"active\":false",
                "\"reason\":\"stop-all\""));

        RestAssured.given().auth().oauth2(trader).contentType(ContentType.JSON).body("{}")
                .post("/api/v2/trading/BTC-USD/automation").then().statusCode(400)
                .body("error", containsString("not a Bitfinex trading symbol"));
        RestAssured.given().auth().oauth2(trader).contentType(ContentType.JSON).body("{\"strategy\":\"astrology\"}")
                .post("/api/v2/trading/tBTCUSD/automation").then().statusCode(400)
                .body("error", containsString("Unknown strategy 'astrology'"));
    }

    @Test
    @Order(2)
    void aViewerReadsButCannotTrade() {
        String viewer = token("vera", "viewer-password");
        RestAssured.given().auth().oauth2(viewer).get("/api/v2/trading/automation").then().statusCode(200);
        RestAssured.given().auth().oauth2(viewer).contentType(ContentType.JSON).body("{}")
                .post("/api/v2/trading/tBTCUSD/automation").then().statusCode(403);
        RestAssured.given().auth().oauth2(viewer).post("/api/v2/trading/automation/stop-all").then().statusCode(403);
        // Everything that trades or changes the account is the trader's; refused before any service is asked.
        RestAssured.given().auth().oauth2(viewer).post("/api/v2/trading/initialize").then().statusCode(403);
        RestAssured.given().auth().oauth2(viewer).contentType(ContentType.JSON)
                .body(Map.of("symbol", "tBTCUSD", "verdict_id", "verdict:sig-1"))
                .post("/api/v2/trading/tBTCUSD/execute").then().statusCode(403);
        RestAssured.given().auth().oauth2(viewer).contentType(ContentType.JSON).body(Map.of("verdict_id", "verdict:1"))
                .post("/api/v2/orders").then().statusCode(403);
        RestAssured.given().auth().oauth2(viewer).contentType(ContentType.JSON).body(Map.of("price", "1"))
                .put("/api/v2/orders/42").then().statusCode(403);
        RestAssured.given().auth().oauth2(viewer).delete("/api/v2/orders/42").then().statusCode(403);
        RestAssured.given().auth().oauth2(viewer).post("/api/v2/risk/kill-switch/reset").then().statusCode(403);
        RestAssured.given().contentType(ContentType.JSON).body(Map.of("verdict_id", "verdict:sig-1"))
                .post("/api/v2/trading/tBTCUSD/execute").then().statusCode(401);
        RestAssured.get("/api/v2/account/summary").then().statusCode(401);
    }

    @Test
    @Order(3)
    void missingExpiredTamperedOrForeignTokensAreRefused() throws Exception {
        RestAssured.get("/api/v2/trading/automation").then().statusCode(401);
        RestAssured.given().auth().oauth2("not-a-jwt").get("/api/v2/trading/automation").then().statusCode(401);

        String expired = Jwt.issuer("tradingbot-gateway").subject("tom").groups(Set.of("trader", "viewer"))
                .issuedAt(Instant.now().minusSeconds(7200)).expiresAt(Instant.now().minusSeconds(3600)).sign();
        RestAssured.given().auth().oauth2(expired).get("/api/v2/trading/automation").then().statusCode(401);

        String valid = token("vera", "viewer-password");
        String[] parts = valid.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]));
        String elevated = Base64.getUrlEncoder().withoutPadding().encodeToString(
                payload.replace("\"viewer\"", "\"trader\"").getBytes());
        String tampered = parts[0] + "." + elevated + "." + parts[2];
        RestAssured.given().auth().oauth2(tampered).contentType(ContentType.JSON).body("{}")
                .post("/api/v2/trading/tBTCUSD/automation").then().statusCode(401);

        var foreignKey = KeyPairGenerator.getInstance("RSA");
        foreignKey.initialize(2048);
        String foreign = Jwt.issuer("tradingbot-gateway").subject("mallory").groups(Set.of("trader", "viewer"))
                .expiresIn(Duration.ofMinutes(5)).sign(foreignKey.generateKeyPair().getPrivate());
        RestAssured.given().auth().oauth2(foreign).get("/api/v2/trading/automation").then().statusCode(401);

        String otherIssuer = Jwt.issuer("someone-else").subject("tom").groups(Set.of("trader", "viewer"))
                .expiresIn(Duration.ofMinutes(5)).sign();
        RestAssured.given().auth().oauth2(otherIssuer).get("/api/v2/trading/automation").then().statusCode(401);
    }

    @Test
    @Order(4)
    void tokensCarryTheirTypeAndLifetime() {
        RestAssured.given().contentType(ContentType.JSON).body(Map.of("username", "tom", "password", "trader-password"))
                .post("/api/v2/auth/ws-token").then().statusCode(200)
                .body("token_type", equalTo("Bearer")).body("expires_in", equalTo(3600))
                .body("token", not(containsString("trader-password")));
        RestAssured.given().contentType(ContentType.JSON).body("{\"username\":")
                .post("/api/v2/auth/ws-token").then().statusCode(400);
    }

    @Test
    @Order(5)
    void repeatedFailuresFromOneClientAreThrottled() {
        for (int i = 0; i < 3; i++) {
            RestAssured.given().contentType(ContentType.JSON).body(Map.of("username", "tom", "password", "guess" + i))
                    .post("/api/v2/auth/ws-token").then().statusCode(401)
                    .body("error", equalTo("unknown user or wrong password"));
        }
        RestAssured.given().contentType(ContentType.JSON).body(Map.of("username", "tom", "password", "trader-password"))
                .post("/api/v2/auth/ws-token").then().statusCode(429)
                .header("Retry-After", org.hamcrest.Matchers.notNullValue())
                .body("error", containsString("too many failed logins"));
    }

    private static String token(String user, String password) {
        return RestAssured.given().contentType(ContentType.JSON).body(Map.of("username", user, "password", password))
                .post("/api/v2/auth/ws-token").then().statusCode(200).extract().path("token");
    }

    private List<String> sessionRecords(int expected) {
        try (var consumer = new KafkaConsumer<String, String>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.TRADING_SESSIONS));
            List<String> values = new ArrayList<>();
            long deadline = System.currentTimeMillis() + 20_000;
            while (values.size() < expected && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(250)).forEach(r -> values.add(r.value()));
            }
            return values;
        }
    }
}
