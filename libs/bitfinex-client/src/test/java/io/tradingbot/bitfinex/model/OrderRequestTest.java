package io.tradingbot.bitfinex.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class OrderRequestTest {

    @Test
    void everyFieldIsSentWithDecimalsAsPlainStrings() throws Exception {
        OrderRequest request = OrderRequest.builder(OrderType.STOP_LIMIT, "tBTCUSD", new BigDecimal("-1E-8"))
                .price(new BigDecimal("4.3E+4"))
                .priceAuxLimit(new BigDecimal("42999.5"))
                .oco(new BigDecimal("41000"))
                .hidden().postOnly().reduceOnly().close()
                .cid(123).gid(7).lev(10)
                .tif(Instant.parse("2026-01-02T10:45:23Z"))
                .meta(Map.of("aff_code", "x"))
                .build();
        String json = BitfinexJson.mapper().writeValueAsString(request.toBody());
        assertThat(json).isEqualTo("{\"type\":\"STOP LIMIT\",\"symbol\":\"tBTCUSD\",\"amount\":\"-0.00000001\","
                + "\"price\":\"43000\",\"price_aux_limit\":\"42999.5\",\"price_oco_stop\":\"41000\","
                + "\"flags\":" + (16384 + 64 + 4096 + 1024 + 512) + ",\"cid\":123,\"gid\":7,\"lev\":10,"
                + "\"tif\":\"2026-01-02 10:45:23\",\"meta\":{\"aff_code\":\"x\"}}");
    }

    @Test
    void marketOrderSendsNoPrice() {
        Map<String, Object> body = OrderRequest.builder(OrderType.EXCHANGE_MARKET, "tBTCUSD", new BigDecimal("0.01"))
                .build().toBody();
        assertThat(body).containsOnlyKeys("type", "symbol", "amount");
        assertThat(body.get("amount")).isEqualTo("0.01");
    }

    @Test
    void invalidRequestsAreRefusedBeforeSending() {
        assertThatThrownBy(() -> OrderRequest.builder(OrderType.LIMIT, "tBTCUSD", BigDecimal.ZERO).price(BigDecimal.TEN)
                .build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OrderRequest.builder(OrderType.LIMIT, "tBTCUSD", BigDecimal.ONE).build())
                .hasMessageContaining("needs a price");
        assertThatThrownBy(() -> OrderRequest.builder(OrderType.LIMIT, "tBTCUSD", new BigDecimal("0.000000001"))
                .price(BigDecimal.TEN).build()).hasMessageContaining("8 decimals");
        assertThatThrownBy(() -> OrderRequest.builder(OrderType.LIMIT, "tBTCUSD", BigDecimal.ONE).price(BigDecimal.TEN)
                .flags(OrderFlags.OCO).build()).hasMessageContaining("priceOcoStop");
    }

    @Test
    void updateAndCancelBodies() {
        OrderUpdateRequest update = new OrderUpdateRequest(5L, null, new BigDecimal("0.1"), new BigDecimal("100.50"),
                null, null, 0, null, null, null, 9L, LocalDate.of(2026, 1, 2), null);
        assertThat(update.toBody()).containsExactly(Map.entry("id", 5L), Map.entry("delta", "0.1"),
                Map.entry("price", "100.50"), Map.entry("flags", 0), Map.entry("cid", 9L),
                Map.entry("cid_date", "2026-01-02"));
        assertThat(CancelMultiRequest.all().body()).isEqualTo(Map.of("all", 1));
        assertThat(CancelMultiRequest.ids(List.of(1L, 2L)).body()).isEqualTo(Map.of("id", List.of(1L, 2L)));
        assertThat(CancelMultiRequest.clientIds(List.of(new CancelMultiRequest.ClientOrderRef(3, LocalDate.of(2026, 1, 2))))
                .body()).isEqualTo(Map.of("cid", List.of(List.of(3L, "2026-01-02"))));
    }

    @Test
    void clientOrderIdsAreUniqueAndFitInt45() {
        long a = ClientOrderId.next();
        long b = ClientOrderId.next();
        assertThat(b).isGreaterThan(a);
        assertThat(b).isLessThan(1L << 45);
    }
}
