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
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static io.restassured.RestAssured.get;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** POST /sim/market/prices over real HTTP, its updates seen on a real /ws/2 socket. */
@QuarkusTest
class BulkPriceTest {

    @TestHTTPResource("/ws/2")
    URI uri;

    private static String lastPrice(String symbol) {
        return Bfx.parse(get("/v2/ticker/" + symbol).asString()).get(6).asText();
    }

    private static io.restassured.response.Response post(String body) {
        return given().contentType("application/json").body(body).post("/sim/market/prices");
    }

    private static boolean data(JsonNode j, int chanId) {
        return j.isArray() && j.get(0).asInt() == chanId && j.get(1).isArray();
    }

    private WsClient connect() {
        WsClient ws = new WsClient(URI.create(uri.toString().replace("http", "ws")));
        ws.event("info");
        return ws;
    }

    private static int subscribe(WsClient ws, String request) {
        ws.send(request);
        return ws.event("subscribed").get("chanId").asInt();
    }

    @Test
    void anInvalidBodyIsRefusedWithAReasonAndChangesNothing() {
        Bfx.setPrice("tETHUSD", "2400");
        String valid = "{\"symbol\":\"tETHUSD\",\"price\":\"2450\"}";
        assertThat(post("[" + valid + ",{\"symbol\":\"tNOPE\",\"price\":\"1\"}]").then().statusCode(400)
                .extract().path("error").toString()).isEqualTo("[1]: unknown symbol: tNOPE");
        assertThat(post("[" + valid + ",{\"symbol\":\"tBTCUSD\",\"price\":\"0\"}]").then().statusCode(400)
                .extract().path("error").toString()).isEqualTo("[1]: price must be positive");
        assertThat(post("[" + valid + ",{\"symbol\":\"tBTCUSD\",\"price\":\"-5\"}]").then().statusCode(400)
                .extract().path("error").toString()).isEqualTo("[1]: price must be positive");
        assertThat(post("[" + valid + ",{\"symbol\":\"tBTCUSD\",\"price\":\"12a\"}]").then().statusCode(400)
                .extract().path("error").toString()).isEqualTo("[1]: price is not a number: 12a");
        assertThat(post("[" + valid + ",{\"symbol\":\"tBTCUSD\"}]").then().statusCode(400)
                .extract().path("error").toString()).startsWith("[1]: expected");
        assertThat(post("[" + valid + ",42]").then().statusCode(400)
                .extract().path("error").toString()).startsWith("[1]: expected");
        assertThat(post(valid).then().statusCode(400).extract().path("error").toString())
                .startsWith("body must be a JSON array");
        post("[" + valid + ",").then().statusCode(400);
        StringBuilder tooMany = new StringBuilder("[");
        for (int i = 0; i <= 20_000; i++) {
            tooMany.append(i == 0 ? "" : ",").append(valid);
        }
        assertThat(post(tooMany.append(']').toString()).then().statusCode(400).extract().path("error").toString())
                .isEqualTo("at most 20000 updates per request, got 20001");
        assertThat(lastPrice("tETHUSD")).isEqualTo("2400");

        assertThat(Bfx.parse(post("[]").then().statusCode(200).extract().asString()).get("applied").asInt())
                .isZero();
    }

    @Test
    void eachUpdateGoesOutAsASingleJumpWould() {
        try (WsClient ws = connect()) {
            Bfx.setPrice("tETHUSD", "2300");
            int ticker = subscribe(ws, "{\"event\":\"subscribe\",\"channel\":\"ticker\",\"symbol\":\"tETHUSD\"}");
            ws.await(j -> data(j, ticker));
            int candles = subscribe(ws, "{\"event\":\"subscribe\",\"channel\":\"candles\",\"key\":\"trade:1m:tETHUSD\"}");
            ws.await(j -> data(j, candles));
            int trades = subscribe(ws, "{\"event\":\"subscribe\",\"channel\":\"trades\",\"symbol\":\"tETHUSD\"}");
            ws.await(j -> data(j, trades));

            // reference: the frames of one single jump
            Bfx.setPrice("tETHUSD", "2310");
            List<JsonNode> single = updates(ws, ticker, candles, trades);
            assertThat(tickerPrices(single, ticker)).containsExactly("2310");

            JsonNode ok = Bfx.parse(post("[{\"symbol\":\"tETHUSD\",\"price\":\"2320\"},"
                    + "{\"symbol\":\"tBTCUSD\",\"price\":\"43100\"},{\"symbol\":\"tETHUSD\",\"price\":2330}]")
                    .then().statusCode(200).extract().asString());
            assertThat(ok.get("applied").asInt()).isEqualTo(3);
            assertThat(ok.get("mts").asLong()).isPositive();
            List<JsonNode> bulk = updates(ws, ticker, candles, trades);

            List<String> twice = new ArrayList<>(kinds(single, ticker, candles));
            twice.addAll(kinds(single, ticker, candles));
            assertThat(kinds(bulk, ticker, candles)).isEqualTo(twice.stream().sorted().toList());
            assertThat(tickerPrices(bulk, ticker)).containsExactly("2320", "2330");
            assertThat(bulk.stream().filter(f -> f.get(0).asInt() == candles).map(f -> f.get(1).get(2).asText()))
                    .containsExactly("2320", "2330");
            assertThat(lastPrice("tETHUSD")).isEqualTo("2330");
            assertThat(lastPrice("tBTCUSD")).isEqualTo("43100");
        }
    }

    /** Data frames (ticker, candle, trade updates) of the three channels arriving within half a second. */
    private static List<JsonNode> updates(WsClient ws, int ticker, int candles, int trades) {
        return ws.drain(Duration.ofMillis(500)).stream().filter(f -> data(f, ticker) || data(f, candles)
                || (f.isArray() && f.get(0).asInt() == trades && f.size() >= 3)).toList();
    }

    private static List<String> tickerPrices(List<JsonNode> frames, int ticker) {
        return frames.stream().filter(f -> f.get(0).asInt() == ticker).map(f -> f.get(1).get(6).asText()).toList();
    }

    private static List<String> kinds(List<JsonNode> frames, int ticker, int candles) {
        return frames.stream().map(f -> f.get(0).asInt() == ticker ? "ticker"
                : f.get(0).asInt() == candles ? "candle" : "trade-" + f.get(1).asText()).sorted().toList();
    }

    /**
     * One subscriber of ticker + candles (what market-data-service subscribes) must receive every update of a
     * 20,000-update bulk request; prints the rate seen, asserts none is lost.
     */
    @Test
    void aSubscriberReceivesEveryUpdateOfABigBulk() {
        try (WsClient ws = connect()) {
            int ticker = subscribe(ws, "{\"event\":\"subscribe\",\"channel\":\"ticker\",\"symbol\":\"tBTCUSD\"}");
            ws.await(j -> data(j, ticker));
            int candles = subscribe(ws, "{\"event\":\"subscribe\",\"channel\":\"candles\",\"key\":\"trade:1m:tBTCUSD\"}");
            ws.await(j -> data(j, candles));
            ws.drain(Duration.ofMillis(200));

            int n = 20_000;
            StringBuilder body = new StringBuilder("[");
            Set<String> expected = new HashSet<>();
            for (int i = 0; i < n; i++) {
                String price = Integer.toString(20_000 + i); // 5 significant digits: published unchanged
                expected.add(price);
                body.append(i == 0 ? "" : ",").append("{\"symbol\":\"tBTCUSD\",\"price\":\"").append(price).append("\"}");
            }
            long t0 = System.nanoTime();
            post(body.append(']').toString()).then().statusCode(200);
            long acked = System.nanoTime();
            Set<String> seen = new HashSet<>();
            int candleFrames = 0;
            String last = Integer.toString(20_000 + n - 1);
            while (!seen.contains(last)) {
                JsonNode j = ws.await(f -> data(f, ticker) || data(f, candles), Duration.ofSeconds(30));
                if (j.get(0).asInt() == ticker) {
                    seen.add(j.get(1).get(6).asText());
                } else {
                    candleFrames++;
                }
            }
            long done = System.nanoTime();
            assertThat(seen).containsAll(expected);
            assertThat(candleFrames).isGreaterThanOrEqualTo(n - 1);
            System.out.printf("bulk of %d updates: acknowledged in %d ms, all ticker frames received after %d ms "
                            + "(%.0f updates/s to one subscriber)%n", n, (acked - t0) / 1_000_000,
                    (done - t0) / 1_000_000, n / ((done - t0) / 1e9));
        }
    }
}
