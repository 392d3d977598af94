package io.tradingbot.account.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tradingbot.bitfinex.model.Order;
import io.tradingbot.events.ActiveOrder;
import io.tradingbot.events.Side;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Open orders as the exchange sends them (32 positional fields) become the snapshot's orders, meta and all. */
class ExchangeRecordsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void anExitKeepsTheRoleAndVerdictOrderServiceWroteIntoItsMeta() throws Exception {
        ActiveOrder exit = ExchangeRecords.orders(List.of(order(
                "[1187,null,20518713409,\"tBTCUSD\",1,1,-0.0024,-0.0024,\"EXCHANGE LIMIT\",null,null,null,16384,\"ACTIVE\","
                        + "null,null,45150,0,0,0,null,null,null,0,0,1188,null,null,\"API>BFX\",null,null,"
                        + "{\"verdict_id\":\"verdict:s-1\",\"role\":\"exit\"}]"))).get(0);
        assertThat(exit.id()).isEqualTo(1187);
        assertThat(exit.cid()).isEqualTo(20518713409L);
        assertThat(exit.amount()).isEqualByComparingTo("-0.0024");
        assertThat(exit.price()).isEqualByComparingTo("45150");
        assertThat(exit.role()).isEqualTo(ActiveOrder.EXIT);
        assertThat(exit.verdictId()).isEqualTo("verdict:s-1");
        assertThat(exit.tradeSide()).isEqualTo(Side.BUY);
    }

    @Test
    void anOrderPlacedElsewhereHasNoRoleAndAMalformedOneIsSkipped() throws Exception {
        List<ActiveOrder> orders = ExchangeRecords.orders(List.of(
                order("[7,null,null,\"tETHUSD\",1,1,0.5,0.5,\"EXCHANGE LIMIT\",null,null,null,0,\"ACTIVE\",null,null,"
                        + "2000,0,0,0,null,null,null,0,0,null,null,null,\"BFX\",null,null,{\"aff_code\":\"x\"}]"),
                order("[null,null,null,\"tETHUSD\",1,1,0.5,0.5,\"EXCHANGE LIMIT\"]"),
                order("[8,null,null,\"BTC-USD\",1,1,0.5,0.5,\"EXCHANGE LIMIT\"]"),
                order("[9,null,null,\"tETHUSD\",1,1,null,0.5,\"EXCHANGE LIMIT\"]")));
        assertThat(orders).singleElement().satisfies(o -> {
            assertThat(o.id()).isEqualTo(7);
            assertThat(o.role()).isNull();
            assertThat(o.partOfATrade()).isFalse();
        });
    }

    private static Order order(String array) throws Exception {
        JsonNode node = JSON.readTree(array);
        return Order.fromArray(node);
    }
}
