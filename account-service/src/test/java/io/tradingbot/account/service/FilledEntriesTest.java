package io.tradingbot.account.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tradingbot.bitfinex.model.Order;
import io.tradingbot.events.ActiveOrder;
import io.tradingbot.events.FilledEntry;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Which of the account's closed orders leave a trade of the bot open without its exit. */
class FilledEntriesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long NOW = 1_795_608_000_000L;
    private static final String PLAN = "\"take_profit\":\"46000\",\"stop_loss\":\"42000\"";

    @Test
    void aFilledSpotEntryWithItsExitPlanIsOwedAnExitUntilItsExitOrItsSaleShows() throws Exception {
        Order waiting = order(1, "EXCHANGE MARKET", "0", "0.002", "EXECUTED @ 43000(0.002)", NOW,
                "{\"verdict_id\":\"v-1\",\"role\":\"entry\"," + PLAN + "}");
        Order exited = order(2, "EXCHANGE MARKET", "0", "0.002", "EXECUTED @ 43000(0.002)", NOW,
                "{\"verdict_id\":\"v-2\",\"role\":\"entry\"," + PLAN + "}");
        Order sold = order(3, "EXCHANGE MARKET", "0", "0.002", "EXECUTED @ 43000(0.002)", NOW,
                "{\"verdict_id\":\"v-3\",\"role\":\"entry\"," + PLAN + "}");
        Order exitOfV2 = order(4, "EXCHANGE LIMIT", "-0.001996", "-0.001996", "CANCELED", NOW + 5,
                "{\"verdict_id\":\"v-2\",\"role\":\"exit\"}");
        Order saleOfV3 = order(5, "EXCHANGE MARKET", "0", "-0.001996", "EXECUTED @ 43100(-0.001996)", NOW + 9,
                "{\"verdict_id\":\"v-9\",\"role\":\"close\",\"closes\":\"v-3\"}");

        List<FilledEntry> owed = FilledEntries.fromHistory(List.of(), List.of(saleOfV3, exitOfV2, sold, exited,
                waiting), NOW - 1);

        assertThat(owed).singleElement().satisfies(e -> {
            assertThat(e.id()).isEqualTo(1);
            assertThat(e.verdictId()).isEqualTo("v-1");
            assertThat(e.amount()).isEqualByComparingTo("0.002");
            assertThat(e.price()).isEqualByComparingTo("43000");
            assertThat(e.mts()).isEqualTo(NOW);
        });
        ActiveOrder restingExit = new ActiveOrder(6, 7L, "tBTCUSD", "EXCHANGE LIMIT", new BigDecimal("-0.001996"),
                new BigDecimal("-0.001996"), new BigDecimal("46000"), ActiveOrder.EXIT, "v-1");
        assertThat(FilledEntries.fromHistory(List.of(restingExit), List.of(waiting), NOW - 1)).isEmpty();
        assertThat(FilledEntries.fromHistory(List.of(), List.of(waiting), NOW + 1)).as("filled before the window")
                .isEmpty();
    }

    @Test
    void onlyAFilledSpotEntryOwedAnExitCounts() throws Exception {
        String entry = "{\"verdict_id\":\"v-1\",\"role\":\"entry\"," + PLAN + "}";
        assertThat(FilledEntries.owingAnExit(order(1, "LIMIT", "0", "0.002", "EXECUTED @ 43000(0.002)", NOW, entry)))
                .as("a margin entry: its trade is a position").isEmpty();
        assertThat(FilledEntries.owingAnExit(order(1, "EXCHANGE LIMIT", "0.002", "0.002", "ACTIVE", NOW, entry)))
                .as("not filled yet: it is an open order").isEmpty();
        assertThat(FilledEntries.owingAnExit(order(1, "EXCHANGE LIMIT", "0.002", "0.002", "CANCELED", NOW, entry)))
                .as("cancelled unfilled").isEmpty();
        assertThat(FilledEntries.owingAnExit(order(1, "EXCHANGE LIMIT", "0.0015", "0.002",
                "PARTIALLY FILLED @ 43000(0.0005)", NOW, entry))).as("partly filled, still open: more may fill").isEmpty();
        assertThat(FilledEntries.owingAnExit(order(1, "EXCHANGE LIMIT", "0.0015", "0.002",
                "CANCELED was: PARTIALLY FILLED @ 43000(0.0005)", NOW, entry))).as("cancelled after a partial fill")
                .hasValueSatisfying(e -> assertThat(e.amount()).isEqualByComparingTo("0.0005"));
        assertThat(FilledEntries.owingAnExit(order(1, "EXCHANGE MARKET", "0", "0.002", "EXECUTED @ 43000(0.002)", NOW,
                "{\"verdict_id\":\"v-1\",\"role\":\"entry\"}"))).as("no exit plan: no exit owed").isEmpty();
        assertThat(FilledEntries.owingAnExit(order(1, "EXCHANGE MARKET", "0", "0.002", "EXECUTED @ 43000(0.002)", NOW,
                null))).as("placed by hand").isEmpty();
        assertThat(FilledEntries.owingAnExit(order(1, "EXCHANGE MARKET", "0", "0.002", "EXECUTED @ 43000(0.002)", NOW,
                entry))).isPresent();
    }

    private static Order order(long id, String type, String amount, String amountOrig, String status, long mtsUpdate,
            String meta) throws Exception {
        String array = "[" + id + ",null," + (id + 100) + ",\"tBTCUSD\"," + (mtsUpdate - 1) + "," + mtsUpdate + ","
                + amount + "," + amountOrig + ",\"" + type + "\",null,null,null,0,\"" + status + "\",null,null,43000,"
                + "43000,0,0,null,null,null,0,0,null,null,null,\"API>BFX\",null,null," + meta + "]";
        return Order.fromArray(JSON.readTree(array));
    }
}
