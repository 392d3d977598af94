package io.tradingbot.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.tradingbot.simulator.support.Bfx;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.get;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** Admin API contract, configuration endpoints, health, metrics, OpenAPI, reset determinism. */
@QuarkusTest
class AdminAndOpsTest {

    @Test
    void accountsAreCreatedAndShown() {
        Bfx.Creds c = Bfx.trader("exchange:USD:250.5", "exchange:BTC:0.5");
        JsonNode view = Bfx.view(c);
        assertThat(view.get("name").asText()).isEqualTo(c.name());
        assertThat(view.get("wallets").get(0).get("balance").asText()).isEqualTo("250.5");
        assertThat(view.get("wallets").get(0).get("available").isTextual()).isTrue();
        assertThat(view.get("orders").isArray()).isTrue();
        assertThat(view.get("positions").isArray()).isTrue();
        assertThat(view.get("trades").isArray()).isTrue();
        given().contentType("application/json").body("{\"name\":\"" + c.name() + "\"}").post("/sim/accounts")
                .then().statusCode(409);
        given().contentType("application/json").body("{\"name\":\"\"}").post("/sim/accounts").then().statusCode(400);
        assertThat(get("/sim/accounts/paper").statusCode()).isEqualTo(200);
    }

    @Test
    void anAccountGetsMoreKeysEachWithItsOwnPermissionsAndNonces() {
        Bfx.Creds owner = Bfx.trader("exchange:USD:5000");
        Bfx.Creds trader = addKey(owner.name(), "[\"read\",\"write\"]");
        Bfx.Creds reader = addKey(owner.name(), "[\"read\"]");
        assertThat(trader.key()).isNotEqualTo(owner.key()).isNotEqualTo(reader.key());

        // The trading key places an order on the shared account; the read key sees it, and cannot trade itself.
        Bfx.ok(trader, "auth/w/order/submit", Bfx.order("EXCHANGE LIMIT", "tBTCUSD", "0.01", "1000", null));
        assertThat(Bfx.ok(reader, "auth/r/orders", "{}").size()).isEqualTo(1);
        assertThat(Bfx.ok(owner, "auth/r/orders", "{}").size()).isEqualTo(1);
        assertThat(Bfx.view(owner).get("orders").size()).isEqualTo(1);
        Response refused = Bfx.auth(reader, "auth/w/order/submit",
                Bfx.order("EXCHANGE MARKET", "tBTCUSD", "0.01", null, null));
        assertThat(refused.statusCode()).isEqualTo(500);
        assertThat(refused.asString()).contains("10100", "apikey: invalid permission");
        JsonNode readerPermissions = Bfx.ok(reader, "auth/r/permissions", "{}");
        assertThat(readerPermissions.get(2).get(0).asText()).isEqualTo("orders");
        assertThat(readerPermissions.get(2).get(2).asInt()).isZero();

        // Nonces grow per key: a nonce far below the other keys' last one is fine on a key that never signed.
        Bfx.Creds fresh = addKey(owner.name(), "[\"read\"]");
        String sig = Bfx.hmac(fresh.secret(), "/api/v2/auth/r/wallets" + 1 + "{}");
        given().contentType("application/json").header("bfx-nonce", "1").header("bfx-apikey", fresh.key())
                .header("bfx-signature", sig).body("{}").post("/v2/auth/r/wallets").then().statusCode(200);

        given().contentType("application/json").body("{\"permissions\":[\"read\"]}").post("/sim/accounts/nobody/keys")
                .then().statusCode(404);
        given().contentType("application/json").body("{\"permissions\":[\"admin\"]}")
                .post("/sim/accounts/" + owner.name() + "/keys").then().statusCode(400);
        given().contentType("application/json").body("{\"permissions\":[]}")
                .post("/sim/accounts/" + owner.name() + "/keys").then().statusCode(400);
    }

    private static Bfx.Creds addKey(String account, String permissions) {
        Response r = given().contentType("application/json").body("{\"permissions\":" + permissions + "}")
                .post("/sim/accounts/" + account + "/keys");
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(201);
        JsonNode j = Bfx.parse(r.asString());
        assertThat(j.get("name").asText()).isEqualTo(account);
        return new Bfx.Creds(account, j.get("api_key").asText(), j.get("api_secret").asText());
    }

    @Test
    void priceJumpAndClockAdvance() {
        given().contentType("application/json").body(Map.of("price", "1")).put("/sim/market/tNOPE/price").then()
                .statusCode(404);
        JsonNode jump = Bfx.parse(given().contentType("application/json").body(Map.of("price", "2500"))
                .put("/sim/market/tETHUSD/price").asString());
        assertThat(jump.get("price").asText()).isEqualTo("2500");
        assertThat(Bfx.parse(get("/v2/ticker/tETHUSD").asString()).get(6).asText()).isEqualTo("2500");

        long before = Bfx.parse(get("/sim/clock").asString()).get("now").asLong();
        long lastCandle = Bfx.parse(get("/v2/candles/trade:1m:tETHUSD/last").asString()).get(0).asLong();
        Bfx.advance(300_000);
        long after = Bfx.parse(get("/sim/clock").asString()).get("now").asLong();
        assertThat(after - before).isGreaterThanOrEqualTo(300_000);
        long newCandle = Bfx.parse(get("/v2/candles/trade:1m:tETHUSD/last").asString()).get(0).asLong();
        assertThat(newCandle - lastCandle).isGreaterThanOrEqualTo(300_000);
    }

    @Test
    void configurationEndpointsListTheMarkets() {
        JsonNode conf = Bfx.parse(get("/v2/conf/pub:list:pair:exchange,pub:list:pair:margin,pub:info:pair").asString());
        assertThat(conf.size()).isEqualTo(3);
        assertThat(conf.get(0).toString()).contains("\"BTCUSD\"", "\"ETHUSD\"", "\"TESTBTC:TESTUSD\"");
        // Bitfinex's layout: one array per key, holding the pair names themselves: [["BTCUSD", ...], ...].
        assertThat(conf.get(0).get(0).isTextual()).isTrue();
        assertThat(conf.get(1).get(0).isTextual()).isTrue();
        JsonNode info = conf.get(2).get(0);
        assertThat(info.get(1).size()).isEqualTo(10);
        assertThat(info.get(1).get(3).isTextual()).isTrue();
        assertThat(Bfx.parse(get("/v2/conf/pub:list:currency").asString()).get(0).toString()).contains("TESTUSD");
        assertThat(get("/v2/platform/status").asString()).isEqualTo("[1]");
        JsonNode book = Bfx.parse(get("/v2/book/tTESTBTC:TESTUSD/P0?len=1").asString());
        assertThat(book.size()).isEqualTo(2);
        assertThat(book.get(0).size()).isEqualTo(3);
    }

    @Test
    void healthMetricsAndOpenApi() {
        get("/q/health/ready").then().statusCode(200);
        Bfx.Creds c = Bfx.trader("exchange:USD:1000");
        Bfx.ok(c, "auth/w/order/submit", Bfx.order("EXCHANGE MARKET", "tBTCUSD", "0.001", null, null));
        String metrics = get("/q/metrics").asString();
        assertThat(metrics).contains("sim_fills_total", "sim_orders_accepted_total", "sim_ws_connections");
        // Authenticated requests by endpoint, the symbol a placeholder: how Bitfinex's rate limits count them.
        double historyReads = historyReads(metrics);
        Bfx.ok(c, "auth/r/orders/tBTCUSD/hist", "{}");
        Bfx.ok(c, "auth/r/orders/tETHUSD/hist", "{}");
        assertThat(historyReads(get("/q/metrics").asString())).isEqualTo(historyReads + 2);
        String openapi = get("/q/openapi").asString();
        assertThat(openapi).contains("/sim/accounts", "/sim/faults/http").doesNotContain("/v2/auth");
    }

    private static double historyReads(String metrics) {
        return metrics.lines().filter(line -> line.startsWith("sim_auth_requests_total{")
                        && line.contains("endpoint=\"r/orders/{symbol}/hist\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    @Test
    void resetWithTheSameSeedGivesTheSamePricePath() {
        given().contentType("application/json").body("{}").post("/sim/reset").then().statusCode(204);
        String first = get("/v2/candles/trade:1m:tBTCUSD/hist?limit=500").asString();
        given().contentType("application/json").body("{}").post("/sim/reset").then().statusCode(204);
        String second = get("/v2/candles/trade:1m:tBTCUSD/hist?limit=500").asString();
        assertThat(second).isEqualTo(first);
        given().contentType("application/json").body("{\"seed\":4242}").post("/sim/reset").then().statusCode(204);
        assertThat(get("/v2/candles/trade:1m:tBTCUSD/hist?limit=500").asString()).isNotEqualTo(first);
        given().contentType("application/json").body("{}").post("/sim/reset").then().statusCode(204);
    }
}
