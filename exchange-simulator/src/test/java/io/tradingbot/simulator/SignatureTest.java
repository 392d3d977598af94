package io.tradingbot.simulator;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signatures computed independently of the simulator's code, with openssl, for the test profile's paper account
 * (key "test-key", secret "secret"), e.g.
 * {@code printf '%s' '/api/v2/auth/r/wallets1718000000000000{}' | openssl dgst -sha384 -hmac 'secret'}.
 */
@QuarkusTest
class SignatureTest {
    private static final String WALLETS_SIG =
            "06d65526ad157750ee38d186979a1ce7dda6491a5ae6d712005967fb216dd6c699f39fbed0f1d9708264273f7281c655";
    private static final String POSITIONS_SIG =
            "dde18bdd9655fd2cc34a755993e7af4a27588c850fec0c87ece81483a327457f27b55a8decd743eb662840d666d7ebfc";
    private static final String SUBMIT_BODY = "{\"type\":\"EXCHANGE MARKET\",\"symbol\":\"tBTCUSD\",\"amount\":\"0.001\"}";
    private static final String SUBMIT_SIG =
            "eb3ee52082ce0f6562281e5aaa42c0cbac8e86181b56a229c0bde2c9cd5e469b2e9e3381edbf925388187c395f64d2ae";

    private static Response post(String path, String nonce, String signature, String body) {
        return given().contentType("application/json").header("bfx-nonce", nonce).header("bfx-apikey", "test-key")
                .header("bfx-signature", signature).body(body).post("/v2/" + path);
    }

    @Test
    void opensslVectorsAreAcceptedAndOneByteChangesRefused() {
        // A fresh exchange: the paper key's nonce counter starts again (other tests use larger nonces).
        given().contentType("application/json").body("{}").post("/sim/reset").then().statusCode(204);

        Response tampered = post("auth/r/wallets", "1718000000000000", WALLETS_SIG, "{ }");
        assertThat(tampered.statusCode()).isEqualTo(500);
        assertThat(tampered.asString()).isEqualTo("[\"error\",10100,\"apikey: digest invalid\"]");

        String flipped = WALLETS_SIG.substring(0, 95) + (WALLETS_SIG.endsWith("5") ? "6" : "5");
        assertThat(post("auth/r/wallets", "1718000000000000", flipped, "{}").asString())
                .isEqualTo("[\"error\",10100,\"apikey: digest invalid\"]");

        Response ok = post("auth/r/wallets", "1718000000000000", WALLETS_SIG, "{}");
        assertThat(ok.statusCode()).as(ok.asString()).isEqualTo(200);
        assertThat(ok.asString()).startsWith("[[\"exchange\"");

        Response replay = post("auth/r/wallets", "1718000000000000", WALLETS_SIG, "{}");
        assertThat(replay.statusCode()).isEqualTo(500);
        assertThat(replay.asString()).isEqualTo("[\"error\",10114,\"nonce: small\"]");

        Response upperCase = post("auth/r/positions", "1718000000000001", POSITIONS_SIG.toUpperCase(), "{}");
        assertThat(upperCase.statusCode()).as(upperCase.asString()).isEqualTo(200);

        Response submit = post("auth/w/order/submit", "1718000000000003", SUBMIT_SIG, SUBMIT_BODY);
        assertThat(submit.statusCode()).as(submit.asString()).isEqualTo(200);
        assertThat(submit.asString()).contains("\"on-req\"", "\"SUCCESS\"");

        Response unknownKey = given().contentType("application/json").header("bfx-nonce", "1718000000000009")
                .header("bfx-apikey", "nobody").header("bfx-signature", WALLETS_SIG).body("{}")
                .post("/v2/auth/r/wallets");
        assertThat(unknownKey.asString()).isEqualTo("[\"error\",10100,\"apikey: invalid\"]");
    }
}
