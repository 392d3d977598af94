package io.tradingbot.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.tradingbot.simulator.support.Bfx;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static io.restassured.RestAssured.get;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** Orders over raw signed REST, with prices moved through the admin API. Book: ±1 bp spread, 0.5 BTC per level. */
@QuarkusTest
class OrderFlowTest {

    @BeforeEach
    void price() {
        Bfx.setPrice("tBTCUSD", "40000");
    }

    private static BigDecimal dec(JsonNode n) {
        return new BigDecimal(n.asText());
    }

    private static JsonNode history(Bfx.Creds c) {
        return Bfx.ok(c, "auth/r/orders/hist", "{}");
    }

    private static void assertError(Response r, int code, String textPart) {
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(500);
        JsonNode j = Bfx.parse(r.asString());
        assertThat(j.get(0).asText()).isEqualTo("error");
        assertThat(j.get(1).asInt()).isEqualTo(code);
        assertThat(j.get(2).asText()).contains(textPart);
    }

    @Test
    void marketBuyFillsAndMovesWallets() {
        Bfx.Creds c = Bfx.trader("exchange:USD:10000");
        JsonNode n = Bfx.ok(c, "auth/w/order/submit", Bfx.order("EXCHANGE MARKET", "tBTCUSD", "0.1", null, null));
        assertThat(n.get(1).asText()).isEqualTo("on-req");
        assertThat(n.get(6).asText()).isEqualTo("SUCCESS");
        assertThat(n.get(7).asText()).isEqualTo("Submitting 1 orders.");
        long id = n.get(4).get(0).get(0).asLong();

        assertThat(dec(Bfx.wallet(c, "exchange", "USD").get("balance"))).isEqualByComparingTo("5999.6");
        // Taker fee 0.2 % in the bought currency.
        assertThat(dec(Bfx.wallet(c, "exchange", "BTC").get("balance"))).isEqualByComparingTo("0.0998");
        JsonNode order = history(c).get(0);
        assertThat(order.get(0).asLong()).isEqualTo(id);
        assertThat(order.get(13).asText()).isEqualTo("EXECUTED @ 40004(0.1)");
        JsonNode trade = Bfx.ok(c, "auth/r/trades/hist", "{}").get(0);
        assertThat(trade.get(3).asLong()).isEqualTo(id);
        assertThat(dec(trade.get(5))).isEqualByComparingTo("40004");
        assertThat(dec(trade.get(9))).isEqualByComparingTo("-0.0002");
        assertThat(trade.get(10).asText()).isEqualTo("BTC");
        assertThat(trade.get(8).asInt()).isEqualTo(-1);
    }

    @Test
    void limitRestsThenFillsAsMakerWhenThePriceJumpsThroughIt() {
        Bfx.Creds c = Bfx.trader("exchange:USD:10000");
        Bfx.ok(c, "auth/w/order/submit", Bfx.order("EXCHANGE LIMIT", "tBTCUSD", "0.1", "39000", null));
        assertThat(Bfx.ok(c, "auth/r/orders", "{}").size()).isEqualTo(1);
        assertThat(dec(Bfx.wallet(c, "exchange", "USD").get("available"))).isEqualByComparingTo("6100");

        Bfx.setPrice("tBTCUSD", "38900");
        assertThat(Bfx.ok(c, "auth/r/orders", "{}").size()).isZero();
        assertThat(history(c).get(0).get(13).asText()).startsWith("EXECUTED @ 39000");
        assertThat(dec(Bfx.wallet(c, "exchange", "USD").get("balance"))).isEqualByComparingTo("6100");
        // Maker fee 0.1 %.
        assertThat(dec(Bfx.wallet(c, "exchange", "BTC").get("balance"))).isEqualByComparingTo("0.0999");
        assertThat(Bfx.ok(c, "auth/r/trades/hist", "{}").get(0).get(8).asInt()).isEqualTo(1);
    }

    @Test
    void aBigLimitFillsPartiallyAgainstFiniteLiquidity() {
        Bfx.Creds c = Bfx.trader("exchange:BTC:5");
        Bfx.ok(c, "auth/w/order/submit", Bfx.order("EXCHANGE LIMIT", "tBTCUSD", "-2", "40100", null));
        Bfx.setPrice("tBTCUSD", "40120");
        JsonNode active = Bfx.ok(c, "auth/r/orders", "{}").get(0);
        assertThat(active.get(13).asText()).startsWith("PARTIALLY FILLED @ 40100");
        assertThat(dec(active.get(6))).isEqualByComparingTo("-1");
        assertThat(dec(active.get(7))).isEqualByComparingTo("-2");
    }

    @Test
    void stopTriggersIntoAMarketOrder() {
        Bfx.Creds c = Bfx.trader("exchange:BTC:1");
        Bfx.ok(c, "auth/w/order/submit", Bfx.order("EXCHANGE STOP", "tBTCUSD", "-0.1", "39000", null));
        Bfx.setPrice("tBTCUSD", "39500");
        assertThat(Bfx.ok(c, "auth/r/orders", "{}").size()).isEqualTo(1);
        Bfx.setPrice("tBTCUSD", "38900");
        JsonNode o = history(c).get(0);
        assertThat(o.get(9).asText()).isEqualTo("EXCHANGE STOP");
        assertThat(o.get(13).asText()).startsWith("EXECUTED");
        assertThat(dec(Bfx.wallet(c, "exchange", "USD").get("balance"))).isGreaterThan(new BigDecimal("3800"));
    }

    @Test
    void ocoLegFillsAndTheOtherIsCancelled() {
        Bfx.Creds c = Bfx.trader("exchange:BTC:1");
        JsonNode n = Bfx.ok(c, "auth/w/order/submit", Bfx.order("EXCHANGE LIMIT", "tBTCUSD", "-0.1", "41000",
                "\"flags\":16384,\"price_oco_stop\":\"39000\""));
        JsonNode orders = n.get(4);
        assertThat(orders.size()).isEqualTo(2);
        assertThat(orders.get(0).get(25).asLong()).isEqualTo(orders.get(1).get(0).asLong());
        assertThat(orders.get(1).get(8).asText()).isEqualTo("EXCHANGE STOP");

        Bfx.setPrice("tBTCUSD", "41100");
        assertThat(Bfx.ok(c, "auth/r/orders", "{}").size()).isZero();
        JsonNode hist = history(c);
        assertThat(hist.size()).isEqualTo(2);
        String limit = hist.get(0).get(8).asText().equals("EXCHANGE LIMIT") ? hist.get(0).get(13).asText()
                : hist.get(1).get(13).asText();
        String stop = hist.get(0).get(8).asText().equals("EXCHANGE STOP") ? hist.get(0).get(13).asText()
                : hist.get(1).get(13).asText();
        assertThat(limit).startsWith("EXECUTED @ 41000");
        assertThat(stop).isEqualTo("CANCELED");
    }

    @Test
    void postOnlyThatWouldTakeIsCancelled() {
        Bfx.Creds c = Bfx.trader("exchange:USD:10000");
        Bfx.ok(c, "auth/w/order/submit", Bfx.order("EXCHANGE LIMIT", "tBTCUSD", "0.1", "40100", "\"flags\":4096"));
        JsonNode o = history(c).get(0);
        assertThat(o.get(13).asText()).isEqualTo("POSTONLY CANCELED");
        assertThat(o.get(31).get("$F7").asInt()).isEqualTo(1);
        assertThat(Bfx.ok(c, "auth/r/trades/hist", "{}").size()).isZero();
        assertThat(dec(Bfx.wallet(c, "exchange", "USD").get("balance"))).isEqualByComparingTo("10000");
    }

    @Test
    void reduceOnlyCannotOpenNorGrowAPosition() {
        Bfx.Creds c = Bfx.trader("margin:USD:10000");
        assertError(Bfx.auth(c, "auth/w/order/submit", Bfx.order("MARKET", "tBTCUSD", "0.1", null, "\"flags\":1024")),
                10001, "reduce-only");
        Bfx.ok(c, "auth/w/order/submit", Bfx.order("MARKET", "tBTCUSD", "-0.1", null, null));
        assertThat(dec(Bfx.ok(c, "auth/r/positions", "{}").get(0).get(2))).isEqualByComparingTo("-0.1");
        // Selling more with reduce-only would grow the short: refused.
        assertError(Bfx.auth(c, "auth/w/order/submit", Bfx.order("MARKET", "tBTCUSD", "-0.1", null, "\"flags\":1024")),
                10001, "reduce-only");
        // Buying 0.2 reduce-only closes the 0.1 short and stops there.
        Bfx.ok(c, "auth/w/order/submit", Bfx.order("MARKET", "tBTCUSD", "0.2", null, "\"flags\":1024"));
        assertThat(Bfx.ok(c, "auth/r/positions", "{}").size()).isZero();
        JsonNode o = history(c).get(0);
        assertThat(dec(o.get(6))).isEqualByComparingTo("0.1");
        assertThat(o.get(13).asText()).startsWith("CANCELED was: PARTIALLY FILLED");
    }

    @Test
    void fillOrKillAndImmediateOrCancel() {
        Bfx.Creds c = Bfx.trader("exchange:USD:1000000");
        Bfx.ok(c, "auth/w/order/submit", Bfx.order("EXCHANGE FOK", "tBTCUSD", "20", "40100", null));
        assertThat(history(c).get(0).get(13).asText()).isEqualTo("FILLORKILL CANCELED");
        assertThat(Bfx.ok(c, "auth/r/trades/hist", "{}").size()).isZero();

        Bfx.ok(c, "auth/w/order/submit", Bfx.order("EXCHANGE FOK", "tBTCUSD", "1", "40100", null));
        assertThat(history(c).get(0).get(13).asText()).startsWith("EXECUTED");

        Bfx.ok(c, "auth/w/order/submit", Bfx.order("EXCHANGE IOC", "tBTCUSD", "20", "40100", null));
        JsonNode ioc = history(c).get(0);
        assertThat(ioc.get(13).asText()).startsWith("IOC CANCELED was: PARTIALLY FILLED");
        BigDecimal filled = dec(ioc.get(7)).subtract(dec(ioc.get(6)));
        assertThat(filled).isGreaterThan(BigDecimal.ZERO).isLessThan(new BigDecimal("20"));
    }

    @Test
    void marginOrderOpensAPositionWithBasePricePlAndLiquidationPrice() {
        Bfx.Creds c = Bfx.trader("margin:USD:10000");
        Bfx.ok(c, "auth/w/order/submit", Bfx.order("MARKET", "tBTCUSD", "0.5", null, null));
        JsonNode p = Bfx.ok(c, "auth/r/positions", "{}").get(0);
        assertThat(p.get(0).asText()).isEqualTo("tBTCUSD");
        assertThat(p.get(1).asText()).isEqualTo("ACTIVE");
        assertThat(dec(p.get(2))).isEqualByComparingTo("0.5");
        assertThat(dec(p.get(3))).isEqualByComparingTo("40004");
        // Equity 9959.996 against 0.5 BTC at 40004 with a 10 % maintenance ratio: (20002 - 9959.996) / 0.45.
        assertThat(dec(p.get(8))).isEqualByComparingTo("22316");
        // Fee 0.2 % of 20002 from the margin wallet; the trade itself does not move it.
        assertThat(dec(Bfx.wallet(c, "margin", "USD").get("balance"))).isEqualByComparingTo("9959.996");

        Bfx.setPrice("tBTCUSD", "41000");
        p = Bfx.ok(c, "auth/r/positions", "{}").get(0);
        assertThat(dec(p.get(6))).isEqualByComparingTo("498");
        assertThat(dec(p.get(9))).isGreaterThan(BigDecimal.ONE);
        JsonNode base = Bfx.ok(c, "auth/r/info/margin/base", "{}");
        assertThat(dec(base.get(1).get(0))).isEqualByComparingTo("498");

        // Closing sells at the bid (40995): realised P/L 495.5 lands in the margin wallet, minus the 40.995 fee.
        Bfx.ok(c, "auth/w/order/submit", Bfx.order("MARKET", "tBTCUSD", "-0.5", null, null));
        assertThat(Bfx.ok(c, "auth/r/positions", "{}").size()).isZero();
        assertThat(dec(Bfx.wallet(c, "margin", "USD").get("balance"))).isEqualByComparingTo("10414.501");
    }

    @Test
    void aMarginPositionIsLiquidatedWhenThePriceCrossesItsLiquidationPrice() {
        Bfx.Creds c = Bfx.trader("margin:USD:10000");
        Bfx.ok(c, "auth/w/order/submit", Bfx.order("MARKET", "tBTCUSD", "1", null, null));
        Bfx.setPrice("tBTCUSD", "33000");
        assertThat(Bfx.ok(c, "auth/r/positions", "{}").size()).isZero();
        assertThat(dec(Bfx.wallet(c, "margin", "USD").get("balance"))).isLessThan(new BigDecimal("3500"));
    }

    @Test
    void readOnlyKeyCannotTrade() {
        Bfx.Creds c = Bfx.account(List.of("read"), "exchange:USD:10000");
        assertThat(Bfx.ok(c, "auth/r/wallets", "{}").size()).isEqualTo(1);
        assertError(Bfx.auth(c, "auth/w/order/submit", Bfx.order("EXCHANGE MARKET", "tBTCUSD", "0.1", null, null)),
                10100, "permission");
        assertThat(Bfx.ok(c, "auth/r/trades/hist", "{}").size()).isZero();
    }

    @Test
    void staleNonceIsRefused() {
        Bfx.Creds c = Bfx.trader("exchange:USD:10");
        long nonce = Bfx.nonce();
        String sig = Bfx.hmac(c.secret(), "/api/v2/auth/r/wallets" + nonce + "{}");
        Response first = given().contentType("application/json").header("bfx-nonce", "" + nonce)
                .header("bfx-apikey", c.key()).header("bfx-signature", sig).body("{}").post("/v2/auth/r/wallets");
        assertThat(first.statusCode()).isEqualTo(200);
        Response again = given().contentType("application/json").header("bfx-nonce", "" + nonce)
                .header("bfx-apikey", c.key()).header("bfx-signature", sig).body("{}").post("/v2/auth/r/wallets");
        assertError(again, 10114, "nonce: small");
        long older = nonce - 5;
        Response lower = given().contentType("application/json").header("bfx-nonce", "" + older)
                .header("bfx-apikey", c.key())
                .header("bfx-signature", Bfx.hmac(c.secret(), "/api/v2/auth/r/wallets" + older + "{}"))
                .body("{}").post("/v2/auth/r/wallets");
        assertError(lower, 10114, "nonce: small");
    }

    @Test
    void maintenanceRefusesTrading() {
        Bfx.Creds c = Bfx.trader("exchange:USD:10000");
        given().contentType("application/json").body("{\"active\":true}").post("/sim/maintenance").then().statusCode(204);
        try {
            assertThat(get("/v2/platform/status").asString()).isEqualTo("[0]");
            assertError(Bfx.auth(c, "auth/w/order/submit", Bfx.order("EXCHANGE MARKET", "tBTCUSD", "0.1", null, null)),
                    20060, "maintenance");
        } finally {
            given().contentType("application/json").body("{\"active\":false}").post("/sim/maintenance").then()
                    .statusCode(204);
        }
        assertThat(get("/v2/platform/status").asString()).isEqualTo("[1]");
        Bfx.ok(c, "auth/w/order/submit", Bfx.order("EXCHANGE MARKET", "tBTCUSD", "0.1", null, null));
    }

    @Test
    void badInputGetsBitfinexErrorsNeverAnErrorPage() {
        Bfx.Creds c = Bfx.trader("exchange:USD:10000");
        assertError(Bfx.auth(c, "auth/w/order/submit", "{\"type\":"), 10020, "invalid");
        assertError(Bfx.auth(c, "auth/w/order/submit", Bfx.order("EXCHANGE MARKET", "tNOPE", "0.1", null, null)),
                10020, "symbol: invalid");
        assertError(Bfx.auth(c, "auth/w/order/submit", Bfx.order("EXCHANGE MARKET", "tBTCUSD", "0", null, null)),
                10001, "minimum size");
        assertError(Bfx.auth(c, "auth/w/order/submit", Bfx.order("EXCHANGE MARKET", "tBTCUSD", "NaN", null, null)),
                10020, "amount: invalid");
        assertError(Bfx.auth(c, "auth/w/order/submit", Bfx.order("EXCHANGE LIMIT", "tBTCUSD", "0.1", null, null)),
                10020, "price: invalid");
        assertError(Bfx.auth(c, "auth/w/order/submit", Bfx.order("EXCHANGE LIMIT", "tBTCUSD", "0.1", "-5", null)),
                10001, "Invalid price");
        assertError(Bfx.auth(c, "auth/w/order/submit", Bfx.order("EXCHANGE MAGIC", "tBTCUSD", "0.1", "1", null)),
                10020, "type: invalid");
        assertError(Bfx.auth(c, "auth/w/order/submit", Bfx.order("EXCHANGE MARKET", "tBTCUSD", "5", null, null)),
                10001, "not enough exchange balance");
        assertError(Bfx.auth(c, "auth/w/order/cancel", "{\"id\":1}"), 10001, "Order not found.");
        assertError(get("/v2/ticker/tNOPE"), 10020, "symbol: invalid");
        assertError(get("/v2/candles/trade:7m:tBTCUSD/hist"), 10020, "invalid");
        assertError(get("/v2/candles/trade:1m:tBTCUSD/hist?limit=20000"), 10020, "limit: invalid");
        assertError(get("/v2/book/tBTCUSD/P9"), 10020, "prec: invalid");
        assertThat(get("/v2/nope").statusCode()).isEqualTo(404);
        assertThat(Bfx.auth(c, "auth/r/nope", "{}").statusCode()).isEqualTo(404);
        assertThat(get("/v2/auth/r/wallets").statusCode()).isEqualTo(404);
        Response badSig = given().contentType("application/json").header("bfx-nonce", "" + Bfx.nonce())
                .header("bfx-apikey", c.key()).header("bfx-signature", "00").body("{}").post("/v2/auth/r/wallets");
        assertError(badSig, 10100, "apikey: digest invalid");
        assertThat(Bfx.ok(c, "auth/r/orders", "{}").size()).isZero();
    }

    @Test
    void cancelAndUpdateAnActiveOrder() {
        Bfx.Creds c = Bfx.trader("exchange:USD:10000");
        JsonNode n = Bfx.ok(c, "auth/w/order/submit", Bfx.order("EXCHANGE LIMIT", "tBTCUSD", "0.1", "30000",
                "\"cid\":12345"));
        long id = n.get(4).get(0).get(0).asLong();
        JsonNode u = Bfx.ok(c, "auth/w/order/update", "{\"id\":" + id + ",\"price\":\"31000\",\"amount\":\"0.2\"}");
        assertThat(u.get(1).asText()).isEqualTo("ou-req");
        JsonNode active = Bfx.ok(c, "auth/r/orders", "{}").get(0);
        assertThat(dec(active.get(16))).isEqualByComparingTo("31000");
        assertThat(dec(active.get(6))).isEqualByComparingTo("0.2");
        JsonNode cn = Bfx.ok(c, "auth/w/order/cancel", "{\"id\":" + id + "}");
        assertThat(cn.get(1).asText()).isEqualTo("oc-req");
        assertThat(cn.get(4).get(0).asLong()).isEqualTo(id);
        assertThat(history(c).get(0).get(13).asText()).isEqualTo("CANCELED");

        Bfx.ok(c, "auth/w/order/submit", Bfx.order("EXCHANGE LIMIT", "tBTCUSD", "0.01", "30000", "\"gid\":7"));
        Bfx.ok(c, "auth/w/order/submit", Bfx.order("EXCHANGE LIMIT", "tBTCUSD", "0.01", "30001", "\"gid\":7"));
        JsonNode multi = Bfx.ok(c, "auth/w/order/cancel/multi", "{\"gid\":[7]}");
        assertThat(multi.get(1).asText()).isEqualTo("oc_multi-req");
        assertThat(multi.get(4).size()).isEqualTo(2);
        assertThat(Bfx.ok(c, "auth/r/orders", "{}").size()).isZero();
        // The admin view keeps what left the book: the three orders, cancelled, in the order they closed.
        Response view = get("/sim/accounts/" + c.name());
        assertThat(view.jsonPath().getList("orders")).isEmpty();
        assertThat(view.jsonPath().getList("closed_orders.price", String.class)).containsExactly("31000", "30000", "30001");
        assertThat(view.jsonPath().getList("closed_orders.status", String.class)).allMatch(st -> st.startsWith("CANCELED"));
    }

    @Test
    void httpFaultsAndLatency() {
        given().contentType("application/json").body("{\"status\":429,\"count\":1,\"path_prefix\":\"/v2/ticker\"}")
                .post("/sim/faults/http").then().statusCode(204);
        Response limited = get("/v2/ticker/tBTCUSD");
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.asString()).isEqualTo("[\"error\",11010,\"ratelimit: error\"]");
        assertThat(get("/v2/ticker/tBTCUSD").statusCode()).isEqualTo(200);

        given().contentType("application/json").body("{\"millis\":300}").post("/sim/faults/latency").then().statusCode(204);
        long t0 = System.nanoTime();
        get("/v2/platform/status").then().statusCode(200);
        assertThat((System.nanoTime() - t0) / 1_000_000).isGreaterThanOrEqualTo(290);
        given().delete("/sim/faults").then().statusCode(204);
        given().contentType("application/json").body("{\"status\":500,\"count\":2,\"path_prefix\":\"/v2/auth\"}")
                .post("/sim/faults/http").then().statusCode(204);
        given().delete("/sim/faults").then().statusCode(204);
        given().contentType("application/json").body("{\"status\":500,\"code\":10100,\"count\":1,\"path_prefix\":\"/v2/ticker\"}")
                .post("/sim/faults/http").then().statusCode(204);
        Response refused = get("/v2/ticker/tBTCUSD");
        assertThat(refused.statusCode()).isEqualTo(500);
        assertThat(refused.asString()).isEqualTo("[\"error\",10100,\"apikey: invalid permission\"]");
        given().contentType("application/json").body("{\"status\":429,\"code\":10100,\"count\":1}")
                .post("/sim/faults/http").then().statusCode(400);
        assertThat(get("/sim/accounts/nobody").statusCode()).isEqualTo(404);
    }

    @Test
    void stopLimitBecomesALimitAndTrailingStopFollowsThePrice() {
        Bfx.Creds c = Bfx.trader("exchange:BTC:1", "exchange:USD:100000");
        // Buy stop at 40500 with a limit at 40400: after the trigger the limit is below the ask, so it rests.
        Bfx.ok(c, "auth/w/order/submit", Bfx.order("EXCHANGE STOP LIMIT", "tBTCUSD", "0.1", "40500",
                "\"price_aux_limit\":\"40400\""));
        Bfx.setPrice("tBTCUSD", "40600");
        JsonNode o = Bfx.ok(c, "auth/r/orders", "{}").get(0);
        assertThat(o.get(8).asText()).isEqualTo("EXCHANGE LIMIT");
        assertThat(o.get(9).asText()).isEqualTo("EXCHANGE STOP LIMIT");
        assertThat(dec(o.get(16))).isEqualByComparingTo("40400");
        Bfx.setPrice("tBTCUSD", "40300");
        assertThat(history(c).get(0).get(13).asText()).startsWith("EXECUTED @ 40400");

        // Sell trailing stop 500 below the best price since placement.
        Bfx.setPrice("tBTCUSD", "40000");
        Bfx.ok(c, "auth/w/order/submit", Bfx.order("EXCHANGE TRAILING STOP", "tBTCUSD", "-0.1", null,
                "\"price_trailing\":\"500\""));
        Bfx.setPrice("tBTCUSD", "41000");
        Bfx.setPrice("tBTCUSD", "40600");
        JsonNode trailing = Bfx.ok(c, "auth/r/orders", "{}").get(0);
        assertThat(dec(trailing.get(16))).isEqualByComparingTo("40500");
        assertThat(dec(trailing.get(18))).isEqualByComparingTo("500");
        Bfx.setPrice("tBTCUSD", "40450");
        JsonNode done = history(c).get(0);
        assertThat(done.get(9).asText()).isEqualTo("EXCHANGE TRAILING STOP");
        assertThat(done.get(13).asText()).startsWith("EXECUTED");
    }

    @Test
    void cancelByCidAndTimeInForce() {
        Bfx.Creds c = Bfx.trader("exchange:USD:10000");
        long now = Bfx.parse(get("/sim/clock").asString()).get("now").asLong();
        String today = java.time.Instant.ofEpochMilli(now).atZone(java.time.ZoneOffset.UTC).toLocalDate().toString();
        Bfx.ok(c, "auth/w/order/submit", Bfx.order("EXCHANGE LIMIT", "tBTCUSD", "0.01", "30000", "\"cid\":555"));
        assertError(Bfx.auth(c, "auth/w/order/cancel", "{\"cid\":555,\"cid_date\":\"2001-01-01\"}"), 10001,
                "Order not found.");
        JsonNode n = Bfx.ok(c, "auth/w/order/cancel", "{\"cid\":555,\"cid_date\":\"" + today + "\"}");
        assertThat(n.get(4).get(2).asLong()).isEqualTo(555);

        String tif = java.time.Instant.ofEpochMilli(now + 60_000).atZone(java.time.ZoneOffset.UTC)
                .format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));
        Bfx.ok(c, "auth/w/order/submit", Bfx.order("EXCHANGE LIMIT", "tBTCUSD", "0.01", "30000",
                "\"tif\":\"" + tif + "\""));
        assertThat(Bfx.ok(c, "auth/r/orders", "{}").get(0).get(10).asLong()).isEqualTo((now + 60_000) / 1000 * 1000);
        Bfx.advance(120_000);
        assertThat(Bfx.ok(c, "auth/r/orders", "{}").size()).isZero();
        assertThat(history(c).get(0).get(13).asText()).isEqualTo("CANCELED");
    }
}
