package io.tradingbot.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.quarkus.test.junit.QuarkusTest;
import io.tradingbot.simulator.support.Bfx;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.get;
import static io.tradingbot.simulator.support.Layout.assertRows;
import static io.tradingbot.simulator.support.Layout.assertSameLayout;
import static io.tradingbot.simulator.support.Layout.fixture;
import static org.assertj.core.api.Assertions.assertThat;

/** The simulator's arrays have Bitfinex's documented layouts (fixtures under src/test/resources/fixtures). */
@QuarkusTest
class WireFormatTest {

    @Test
    void publicEndpointsHaveTheDocumentedLayouts() {
        assertSameLayout(fixture("ticker.json"), Bfx.parse(get("/v2/ticker/tBTCUSD").asString()), "ticker");
        assertRows(fixture("tickers.json"), Bfx.parse(get("/v2/tickers?symbols=tBTCUSD,tETHUSD").asString()),
                "tickers");
        assertRows(fixture("candles.json"),
                Bfx.parse(get("/v2/candles/trade:1m:tBTCUSD/hist?limit=5").asString()), "candles");
        assertRows(fixture("trades.json"), Bfx.parse(get("/v2/trades/tBTCUSD/hist?limit=5").asString()), "trades");
        assertSameLayout(fixture("candles.json").get(0),
                Bfx.parse(get("/v2/candles/trade:1m:tTESTBTC:TESTUSD/last").asString()), "candle last");
    }

    @Test
    void candleHistoryGoesBackMoreThanAThousandMinutesNewestFirst() {
        JsonNode rows = Bfx.parse(get("/v2/candles/trade:1m:tBTCUSD/hist?limit=1000").asString());
        assertThat(rows.size()).isEqualTo(1000);
        for (int i = 1; i < rows.size(); i++) {
            assertThat(rows.get(i - 1).get(0).asLong() - rows.get(i).get(0).asLong()).isEqualTo(60_000L);
        }
        JsonNode asc = Bfx.parse(get("/v2/candles/trade:1h:tETHUSD/hist?limit=3&sort=1").asString());
        assertThat(asc.get(0).get(0).asLong()).isLessThan(asc.get(1).get(0).asLong());
        JsonNode row = rows.get(0);
        // O, C, H, L order: high is the largest and low the smallest of the four prices.
        assertThat(row.get(3).decimalValue()).isGreaterThanOrEqualTo(row.get(1).decimalValue().max(row.get(2).decimalValue()));
        assertThat(row.get(4).decimalValue()).isLessThanOrEqualTo(row.get(1).decimalValue().min(row.get(2).decimalValue()));
    }

    @Test
    void accountArraysHaveTheDocumentedLayouts() {
        Bfx.Creds c = Bfx.trader("exchange:USD:100000", "exchange:BTC:1", "margin:USD:100000");
        Bfx.setPrice("tBTCUSD", "40000");
        JsonNode n = Bfx.ok(c, "auth/w/order/submit",
                Bfx.order("EXCHANGE LIMIT", "tBTCUSD", "0.25", "10000", "\"cid\":1678988263842"));
        assertSameLayout(fixture("notification.json"), n, "on-req notification");
        JsonNode orders = Bfx.ok(c, "auth/r/orders", "{}");
        assertRows(fixture("order.json"), orders, "active orders");

        Bfx.ok(c, "auth/w/order/submit", Bfx.order("EXCHANGE MARKET", "tBTCUSD", "-0.1", null, "\"cid\":77"));
        assertRows(fixture("trade.json"), Bfx.ok(c, "auth/r/trades/hist", "{}"), "trades");
        JsonNode wallets = Bfx.ok(c, "auth/r/wallets", "{}");
        JsonNode traded = null;
        for (JsonNode w : wallets) {
            assertThat(w.size()).isEqualTo(7);
            if (w.get(0).asText().equals("exchange") && w.get(1).asText().equals("BTC")) {
                traded = w;
            }
        }
        assertSameLayout(fixture("wallets.json").get(0), traded, "traded wallet");

        Bfx.ok(c, "auth/w/order/submit", Bfx.order("MARKET", "tBTCUSD", "0.1", null, null));
        assertRows(fixture("positions.json"), Bfx.ok(c, "auth/r/positions", "{}"), "positions");
        assertSameLayout(fixture("margin-base.json"), Bfx.ok(c, "auth/r/info/margin/base", "{}"), "margin base");
        assertSameLayout(fixture("margin-sym.json"), Bfx.ok(c, "auth/r/info/margin/tBTCUSD", "{}"), "margin sym");
        JsonNode all = Bfx.ok(c, "auth/r/info/margin/sym_all", "{}");
        assertRows(JsonNodeFactory.instance.arrayNode().add(fixture("margin-sym.json")), all, "margin sym_all");
    }
}
