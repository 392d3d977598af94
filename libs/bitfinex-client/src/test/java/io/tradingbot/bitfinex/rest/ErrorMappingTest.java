package io.tradingbot.bitfinex.rest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.tradingbot.bitfinex.error.AuthenticationException;
import io.tradingbot.bitfinex.error.BitfinexException;
import io.tradingbot.bitfinex.error.InsufficientBalanceException;
import io.tradingbot.bitfinex.error.InvalidAmountException;
import io.tradingbot.bitfinex.error.InvalidSymbolException;
import io.tradingbot.bitfinex.error.MaintenanceException;
import io.tradingbot.bitfinex.error.NonceTooSmallException;
import io.tradingbot.bitfinex.error.RateLimitException;
import io.tradingbot.bitfinex.error.ServerErrorException;
import io.tradingbot.bitfinex.model.BitfinexJson;

/** Bodies as Bitfinex answers them (reference §1-§3, §6). */
class ErrorMappingTest {

    static BitfinexException error(int status, String body) throws Exception {
        return BitfinexRestClient.toException(BitfinexJson.mapper().readTree(body), status, body);
    }

    @Test
    void typedErrors() throws Exception {
        assertThat(error(500, "[\"error\",10114,\"nonce: small\"]")).isInstanceOf(NonceTooSmallException.class)
                .satisfies(e -> assertThat(e.code()).isEqualTo(10114));
        assertThat(error(500, "[\"error\",10100,\"apikey: digest invalid\"]"))
                .isExactlyInstanceOf(AuthenticationException.class);
        assertThat(error(500, "[\"error\",10100,\"apikey: invalid\"]")).isExactlyInstanceOf(AuthenticationException.class);
        assertThat(error(500, "[\"error\",10020,\"symbol: invalid\"]")).isInstanceOf(InvalidSymbolException.class);
        assertThat(error(500, "[\"error\",10001,\"Invalid order: minimum size for BTCUSD is 0.00004\"]"))
                .isInstanceOf(InvalidAmountException.class);
        assertThat(error(500, "[\"error\",10001,\"Invalid order: not enough exchange balance for -1 BTCUSD at 43000\"]"))
                .isInstanceOf(InsufficientBalanceException.class);
        assertThat(error(429, "[\"error\",11010,\"ratelimit: error\"]")).isInstanceOf(RateLimitException.class)
                .satisfies(e -> assertThat(e.isTransient()).isTrue());
        assertThat(error(200, "{\"error\":\"ERR_RATE_LIMIT\"}")).isInstanceOf(RateLimitException.class);
        assertThat(error(500, "[\"error\",20060,\"maintenance\"]")).isInstanceOf(MaintenanceException.class);
        assertThat(error(500, "[\"error\",10000,\"unknown error\"]")).isInstanceOf(ServerErrorException.class)
                .satisfies(e -> assertThat(e.httpStatus()).isEqualTo(500));
        BitfinexException limit = error(500, "[\"error\",10020,\"limit: invalid\"]");
        assertThat(limit).isExactlyInstanceOf(BitfinexException.class);
        assertThat(limit.isTransient()).isFalse();
    }

    @Test
    void htmlErrorPagesAreNotMistakenForTransientErrors() {
        BitfinexException e = BitfinexRestClient.toException(null, 404, "<html>Cannot GET /v2/nope</html>");
        assertThat(e).isExactlyInstanceOf(BitfinexException.class);
        assertThat(e.httpStatus()).isEqualTo(404);
        assertThat(BitfinexRestClient.toException(null, 502, "Bad gateway")).isInstanceOf(ServerErrorException.class);
    }

    @Test
    void readBackoffDoublesWithBoundedJitter() {
        for (int attempt = 0; attempt < 4; attempt++) {
            long base = 100L << attempt;
            assertThat(BitfinexRestClient.backoff(java.time.Duration.ofMillis(100), attempt).toMillis())
                    .isBetween(base, base + base / 2);
        }
    }
}
