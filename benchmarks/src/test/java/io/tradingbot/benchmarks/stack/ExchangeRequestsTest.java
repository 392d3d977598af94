package io.tradingbot.benchmarks.stack;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ExchangeRequestsTest {

    private static final String SCRAPE = """
            # HELP sim_auth_requests_total
            # TYPE sim_auth_requests_total counter
            sim_auth_requests_total{endpoint="r/orders"} 12.0
            sim_auth_requests_total{endpoint="r/orders/{symbol}/hist"} 7.0
            http_server_requests_seconds_count{method="POST",outcome="SUCCESS",status="200",uri="/v2/auth/{path: .+}"} 19.0
            sim_orders_accepted_total 40.0
            """;

    @Test
    void theAuthenticatedEndpointsAreReadByName() {
        assertThat(ExchangeRequests.parse(SCRAPE)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "r/orders", 12L, "r/orders/{symbol}/hist", 7L));
    }

    @Test
    void onlyWhatCameAfterTheFirstReadingIsReported() {
        Map<String, Long> before = Map.of("r/orders", 10L, "r/wallets", 4L);
        Map<String, Long> after = Map.of("r/orders", 15L, "r/wallets", 4L, "r/order/{symbol}:{id}/trades", 2L);
        assertThat(ExchangeRequests.since(before, after)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "r/orders", 5L, "r/order/{symbol}:{id}/trades", 2L));
    }
}
