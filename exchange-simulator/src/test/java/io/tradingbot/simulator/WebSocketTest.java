package io.tradingbot.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tradingbot.simulator.support.Bfx;
import io.tradingbot.simulator.support.WsClient;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static io.tradingbot.simulator.support.WsClient.chan0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** /ws/2 over a raw JDK WebSocket client. */
@QuarkusTest
class WebSocketTest {

    @TestHTTPResource("/ws/2")
    URI uri;

    private WsClient connect() {
        WsClient ws = new WsClient(URI.create(uri.toString().replace("http", "ws")));
        JsonNode info = ws.event("info");
        assertThat(info.get("version").asInt()).isEqualTo(2);
        assertThat(info.get("platform").get("status").asInt()).isEqualTo(1);
        assertThat(info.hasNonNull("serverId")).isTrue();
        return ws;
    }

    private static boolean data(JsonNode j, int chanId) {
        return j.isArray() && j.get(0).asInt() == chanId && !"hb".equals(j.get(1).asText());
    }

    @Test
    void infoPingAndConf() {
        try (WsClient ws = connect()) {
            ws.send("{\"event\":\"ping\",\"cid\":1234}");
            JsonNode pong = ws.event("pong");
            assertThat(pong.get("cid").asInt()).isEqualTo(1234);
            assertThat(pong.get("ts").isNumber()).isTrue();
            ws.send("not json");
            assertThat(ws.event("error").get("code").asInt()).isEqualTo(10000);
            ws.send("{\"event\":\"dance\"}");
            assertThat(ws.event("error").get("code").asInt()).isEqualTo(10000);
            ws.send("{\"event\":\"subscribe\",\"channel\":\"weather\",\"symbol\":\"tBTCUSD\"}");
            JsonNode unknown = ws.event("error");
            assertThat(unknown.get("code").asInt()).isEqualTo(10300);
            assertThat(unknown.get("channel").asText()).isEqualTo("weather");
            ws.send("{\"event\":\"conf\",\"flags\":32768}");
            JsonNode conf = ws.event("conf");
            assertThat(conf.get("status").asText()).isEqualTo("OK");
            assertThat(conf.get("flags").asInt()).isEqualTo(32768);
            // TIMESTAMP: data frames carry the event time (ms) as their last element.
            ws.send("{\"event\":\"subscribe\",\"channel\":\"ticker\",\"symbol\":\"tETHUSD\"}");
            int chan = ws.event("subscribed").get("chanId").asInt();
            JsonNode stamped = ws.await(j -> data(j, chan));
            assertThat(stamped.size()).isEqualTo(3);
            assertThat(stamped.get(2).asLong()).isGreaterThan(1_700_000_000_000L);

            given().contentType("application/json").body("{\"millis\":300}").post("/sim/faults/latency").then()
                    .statusCode(204);
            try {
                long t0 = System.nanoTime();
                ws.send("{\"event\":\"ping\",\"cid\":5}");
                ws.await(j -> "pong".equals(j.path("event").asText()) && j.path("cid").asInt() == 5);
                assertThat((System.nanoTime() - t0) / 1_000_000).isGreaterThanOrEqualTo(290);
            } finally {
                given().delete("/sim/faults").then().statusCode(204);
            }
        }
    }

    @Test
    void tickerTradesAndCandlesSnapshotThenUpdates() {
        Bfx.setPrice("tBTCUSD", "40000");
        try (WsClient ws = connect()) {
            ws.send("{\"event\":\"subscribe\",\"channel\":\"ticker\",\"symbol\":\"tBTCUSD\"}");
            JsonNode sub = ws.event("subscribed");
            assertThat(sub.get("pair").asText()).isEqualTo("BTCUSD");
            int ticker = sub.get("chanId").asInt();
            JsonNode snap = ws.await(j -> data(j, ticker));
            assertThat(snap.get(1).size()).isEqualTo(10);

            ws.send("{\"event\":\"subscribe\",\"channel\":\"trades\",\"symbol\":\"tBTCUSD\"}");
            int trades = ws.event("subscribed").get("chanId").asInt();
            JsonNode tradeSnap = ws.await(j -> data(j, trades));
            assertThat(tradeSnap.get(1).get(0).size()).isEqualTo(4);

            ws.send("{\"event\":\"subscribe\",\"channel\":\"candles\",\"key\":\"trade:1m:tBTCUSD\"}");
            JsonNode csub = ws.event("subscribed");
            assertThat(csub.get("key").asText()).isEqualTo("trade:1m:tBTCUSD");
            int candles = csub.get("chanId").asInt();
            JsonNode candleSnap = ws.await(j -> data(j, candles));
            assertThat(candleSnap.get(1).size()).isGreaterThan(100);
            assertThat(candleSnap.get(1).get(0).size()).isEqualTo(6);
            long lastMts = candleSnap.get(1).get(0).get(0).asLong();

            Bfx.setPrice("tBTCUSD", "41234");
            JsonNode tick = ws.await(j -> data(j, ticker));
            assertThat(tick.get(1).get(6).decimalValue()).isEqualByComparingTo("41234");
            JsonNode te = ws.await(j -> data(j, trades) && j.get(1).asText().equals("te"));
            assertThat(te.get(2).get(3).decimalValue()).isEqualByComparingTo("41234");
            ws.await(j -> data(j, trades) && j.get(1).asText().equals("tu"));

            Bfx.advance(120_000);
            JsonNode next = ws.await(j -> data(j, candles) && j.get(1).get(0).asLong() > lastMts);
            assertThat(next.get(1).size()).isEqualTo(6);

            ws.send("{\"event\":\"subscribe\",\"channel\":\"ticker\",\"symbol\":\"tBTCUSD\"}");
            JsonNode dup = ws.event("error");
            assertThat(dup.get("code").asInt()).isEqualTo(10301);
            assertThat(dup.get("chanId").asInt()).isEqualTo(ticker);

            ws.send("{\"event\":\"subscribe\",\"channel\":\"ticker\",\"symbol\":\"tNOPE\"}");
            assertThat(ws.event("error").get("code").asInt()).isEqualTo(10300);

            ws.send("{\"event\":\"unsubscribe\",\"chanId\":" + ticker + "}");
            assertThat(ws.event("unsubscribed").get("status").asText()).isEqualTo("OK");
        }
    }

    @Test
    void authOkAndFailed() {
        Bfx.Creds c = Bfx.trader("exchange:USD:1000");
        try (WsClient bad = connect()) {
            JsonNode failed = bad.auth(new Bfx.Creds(c.name(), c.key(), "wrong"), null);
            assertThat(failed.get("status").asText()).isEqualTo("FAILED");
            assertThat(failed.get("code").asInt()).isEqualTo(10100);
        }
        try (WsClient ws = connect()) {
            JsonNode ok = ws.auth(c, null);
            assertThat(ok.get("status").asText()).isEqualTo("OK");
            assertThat(ok.get("chanId").asInt()).isZero();
            assertThat(ok.get("caps").get("orders").get("write").asInt()).isEqualTo(1);
            List<String> order = new ArrayList<>();
            for (String t : List.of("ps", "ws", "os")) {
                JsonNode f = ws.await(j -> j.isArray() && j.get(0).asInt() == 0 && !"hb".equals(j.get(1).asText()));
                order.add(f.get(1).asText());
            }
            assertThat(order).containsExactly("ps", "ws", "os");
        }
        // A stale nonce on the socket is refused too.
        try (WsClient ws = connect()) {
            String payload = "AUTH1";
            ws.send("{\"event\":\"auth\",\"apiKey\":\"" + c.key() + "\",\"authSig\":\"" + Bfx.hmac(c.secret(), payload)
                    + "\",\"authNonce\":1,\"authPayload\":\"" + payload + "\"}");
            JsonNode stale = ws.event("auth");
            assertThat(stale.get("status").asText()).isEqualTo("FAILED");
            assertThat(stale.get("code").asInt()).isEqualTo(10114);
        }
    }

    @Test
    void marketFillEventsComeInBitfinexOrder() {
        Bfx.setPrice("tBTCUSD", "40000");
        Bfx.Creds c = Bfx.trader("exchange:USD:10000");
        try (WsClient ws = connect()) {
            assertThat(ws.auth(c, null).get("status").asText()).isEqualTo("OK");
            ws.await(chan0("bu"));
            ws.send("[0,\"on\",null,{\"type\":\"EXCHANGE MARKET\",\"symbol\":\"tBTCUSD\",\"amount\":\"0.1\",\"cid\":99}]");
            ws.await(chan0("tu"));
            JsonNode lastWu = ws.await(chan0("wu"));
            assertThat(lastWu.get(2).size()).isEqualTo(7);
            List<String> types = ws.seen().stream().map(Bfx::parse)
                    .filter(j -> j.isArray() && j.get(0).asInt(-1) == 0)
                    .map(j -> j.get(1).asText())
                    .dropWhile(t -> !t.equals("n"))
                    .toList();
            assertThat(types).containsSubsequence("n", "on", "wu", "wu", "oc", "te", "tu", "wu");
            JsonNode n = ws.seen().stream().map(Bfx::parse).filter(chan0("n")).findFirst().orElseThrow();
            assertThat(n.get(2).size()).isEqualTo(8);
            assertThat(n.get(2).get(1).asText()).isEqualTo("on-req");
            assertThat(n.get(2).get(4).size()).isEqualTo(32);
            JsonNode oc = ws.seen().stream().map(Bfx::parse).filter(chan0("oc")).findFirst().orElseThrow();
            assertThat(oc.get(2).get(13).asText()).startsWith("EXECUTED @");
            JsonNode te = ws.seen().stream().map(Bfx::parse).filter(chan0("te")).findFirst().orElseThrow();
            assertThat(te.get(2).get(9).isNull()).isTrue();

            ws.send("[0,\"on\",null,{\"type\":\"EXCHANGE LIMIT\",\"symbol\":\"tBTCUSD\",\"amount\":\"0.1\"}]");
            JsonNode reject = ws.await(j -> chan0("n").test(j) && "ERROR".equals(j.get(2).get(6).asText()));
            assertThat(reject.get(2).get(7).asText()).contains("price");
        }
    }

    @Test
    void deadManSwitchCancelsTheAccountsOrdersWhenTheSocketCloses() {
        Bfx.setPrice("tBTCUSD", "40000");
        Bfx.Creds c = Bfx.trader("exchange:USD:10000");
        WsClient ws = connect();
        assertThat(ws.auth(c, "\"dms\":4").get("dms").asInt()).isEqualTo(4);
        ws.send("[0,\"on\",null,{\"type\":\"EXCHANGE LIMIT\",\"symbol\":\"tBTCUSD\",\"amount\":\"0.1\",\"price\":\"30000\"}]");
        ws.await(chan0("on"));
        assertThat(Bfx.view(c).get("orders").size()).isEqualTo(1);
        ws.abort();
        await().atMost(5, TimeUnit.SECONDS).until(() -> Bfx.view(c).get("orders").isEmpty());
    }

    @Test
    void wsDropFaultClosesSocketsAndMaintenanceIsAnnounced() throws Exception {
        try (WsClient ws = connect()) {
            given().contentType("application/json").body("{\"active\":true}").post("/sim/maintenance").then()
                    .statusCode(204);
            try {
                assertThat(ws.event("info").get("code").asInt()).isEqualTo(20060);
            } finally {
                given().contentType("application/json").body("{\"active\":false}").post("/sim/maintenance").then()
                        .statusCode(204);
            }
            assertThat(ws.event("info").get("code").asInt()).isEqualTo(20061);
            given().post("/sim/faults/ws-drop").then().statusCode(200);
            assertThat(ws.closed.get(5, TimeUnit.SECONDS)).isNotNull();
        }
    }

    @Test
    void heartbeatsBookAndCalc() {
        Bfx.setPrice("tBTCUSD", "40000");
        Bfx.Creds c = Bfx.trader("exchange:USD:1000", "margin:USD:1000");
        try (WsClient ws = connect()) {
            ws.send("{\"event\":\"subscribe\",\"channel\":\"book\",\"symbol\":\"tBTCUSD\",\"prec\":\"P0\",\"len\":\"25\"}");
            JsonNode sub = ws.event("subscribed");
            assertThat(sub.get("len").asText()).isEqualTo("25");
            int book = sub.get("chanId").asInt();
            JsonNode snap = ws.await(j -> data(j, book));
            assertThat(snap.get(1).size()).isEqualTo(50);
            assertThat(snap.get(1).get(0).get(2).decimalValue().signum()).isPositive();
            assertThat(snap.get(1).get(25).get(2).decimalValue().signum()).isNegative();
            // Heartbeats every second in the test profile (15 s by default).
            ws.await(j -> j.isArray() && j.get(0).asInt() == book && "hb".equals(j.get(1).asText()),
                    Duration.ofSeconds(3));
            Bfx.setPrice("tBTCUSD", "40500");
            JsonNode upd = ws.await(j -> data(j, book) && j.get(1).size() == 3 && j.get(1).get(0).isNumber());
            assertThat(upd.get(1).size()).isEqualTo(3);

            ws.auth(c, "\"filter\":[\"trading\",\"wallet\",\"balance\"]");
            ws.await(chan0("bu"));
            ws.send("[0,\"calc\",null,[[\"margin_base\"],[\"margin_sym_tBTCUSD\"],[\"wallet_margin_USD\"],[\"balance\"]]]");
            JsonNode miu = ws.await(chan0("miu"));
            assertThat(miu.get(2).get(0).asText()).isEqualTo("base");
            JsonNode sym = ws.await(chan0("miu"));
            assertThat(sym.get(2).get(1).asText()).isEqualTo("tBTCUSD");
            JsonNode wu = ws.await(chan0("wu"));
            assertThat(wu.get(2).get(4).isNumber()).isTrue();
            ws.await(chan0("bu"));
            ws.await(j -> j.isArray() && j.size() == 2 && j.get(0).asInt() == 0 && "hb".equals(j.get(1).asText()),
                    Duration.ofSeconds(3));
        }
    }

    @Test
    void channelZeroUpdateCancelAndCancelMulti() {
        Bfx.setPrice("tBTCUSD", "40000");
        Bfx.Creds c = Bfx.trader("exchange:USD:10000");
        try (WsClient ws = connect()) {
            ws.auth(c, null);
            ws.await(chan0("bu"));
            ws.send("[0,\"on\",null,{\"type\":\"EXCHANGE LIMIT\",\"symbol\":\"tBTCUSD\",\"amount\":\"0.1\",\"price\":\"30000\",\"gid\":3}]");
            long id = ws.await(chan0("on")).get(2).get(0).asLong();
            ws.send("[0,\"ou\",null,{\"id\":" + id + ",\"price\":\"31000\"}]");
            JsonNode ou = ws.await(chan0("ou"));
            assertThat(ou.get(2).get(16).decimalValue()).isEqualByComparingTo("31000");
            ws.send("[0,\"oc\",null,{\"id\":" + id + "}]");
            JsonNode oc = ws.await(chan0("oc"));
            assertThat(oc.get(2).get(13).asText()).isEqualTo("CANCELED");
            ws.send("[0,\"oc\",null,{\"id\":" + id + "}]");
            JsonNode notFound = ws.await(j -> chan0("n").test(j) && "ERROR".equals(j.get(2).get(6).asText()));
            assertThat(notFound.get(2).get(1).asText()).isEqualTo("oc-req");
            assertThat(notFound.get(2).get(7).asText()).isEqualTo("Order not found.");

            ws.send("[0,\"on\",null,{\"type\":\"EXCHANGE LIMIT\",\"symbol\":\"tBTCUSD\",\"amount\":\"0.1\",\"price\":\"30000\",\"gid\":3}]");
            ws.await(chan0("on"));
            ws.send("[0,\"on\",null,{\"type\":\"EXCHANGE LIMIT\",\"symbol\":\"tBTCUSD\",\"amount\":\"0.1\",\"price\":\"30001\",\"gid\":3}]");
            ws.await(chan0("on"));
            ws.send("[0,\"oc_multi\",null,{\"gid\":[3]}]");
            JsonNode n = ws.await(j -> chan0("n").test(j) && "oc_multi-req".equals(j.get(2).get(1).asText()));
            assertThat(n.get(2).get(4).size()).isEqualTo(2);
            ws.await(chan0("oc"));
            ws.await(chan0("oc"));
            assertThat(Bfx.view(c).get("orders").size()).isZero();
        }
    }

    @Test
    void aReadKeyFollowsTheOrdersAnotherKeyOfTheSameAccountPlacesButCannotTrade() {
        Bfx.Creds owner = Bfx.trader("exchange:USD:10000");
        JsonNode created = Bfx.parse(given().contentType("application/json").body("{\"permissions\":[\"read\"]}")
                .post("/sim/accounts/" + owner.name() + "/keys").asString());
        Bfx.Creds reader = new Bfx.Creds(owner.name(), created.get("api_key").asText(), created.get("api_secret").asText());
        try (WsClient ws = connect()) {
            JsonNode auth = ws.auth(reader, null);
            assertThat(auth.get("status").asText()).isEqualTo("OK");
            assertThat(auth.get("caps").get("orders").get("write").asInt()).isZero();
            ws.await(chan0("ws"));

            // The other key places an order over REST: the read key's socket sees it, as account-service sees
            // order-service's orders.
            Bfx.ok(owner, "auth/w/order/submit", Bfx.order("EXCHANGE LIMIT", "tBTCUSD", "0.01", "1000", "\"cid\":4242"));
            JsonNode placed = ws.await(chan0("on"));
            assertThat(placed.get(2).get(2).asLong()).isEqualTo(4242);

            ws.send("[0,\"on\",null,{\"type\":\"EXCHANGE MARKET\",\"symbol\":\"tBTCUSD\",\"amount\":\"0.01\",\"cid\":77}]");
            JsonNode refused = ws.await(j -> chan0("n").test(j) && "on-req".equals(j.get(2).get(1).asText()));
            assertThat(refused.get(2).get(6).asText()).isEqualTo("ERROR");
            assertThat(refused.get(2).get(7).asText()).isEqualTo("apikey: invalid permission");
        }
        assertThat(Bfx.view(owner).get("orders").size()).isEqualTo(1);
    }
}
