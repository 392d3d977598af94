package io.tradingbot.bitfinex.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private final AtomicLong clock = new AtomicLong(1_000_000_000L);

    @Test
    void documentedLimitsPerEndpointFamily() {
        assertThat(EndpointFamily.TICKER.requestsPerMinute()).isEqualTo(90);
        assertThat(EndpointFamily.TICKERS.requestsPerMinute()).isEqualTo(30);
        assertThat(EndpointFamily.TRADES.requestsPerMinute()).isEqualTo(15);
        assertThat(EndpointFamily.CANDLES.requestsPerMinute()).isEqualTo(30);
        assertThat(EndpointFamily.PLATFORM_STATUS.requestsPerMinute()).isEqualTo(30);
        assertThat(EndpointFamily.AUTH_POSITIONS.requestsPerMinute()).isEqualTo(90);
    }

    @Test
    void letsTheLimitThroughThenMakesTheNextCallWaitForTheOldestSlot() {
        RateLimiter limiter = new RateLimiter(clock::get);
        for (int i = 0; i < 15; i++) {
            assertThat(limiter.reserve(EndpointFamily.TRADES)).isZero();
            clock.addAndGet(Duration.ofSeconds(1).toNanos());
        }
        // 15 calls at t=0..14 s: the 16th (at 15 s) may go when the first leaves the window, at 60 s.
        assertThat(limiter.available(EndpointFamily.TRADES)).isZero();
        assertThat(limiter.reserve(EndpointFamily.TRADES)).isEqualTo(Duration.ofSeconds(45));
        // the 17th is queued behind it, at the second slot's expiry (61 s)
        assertThat(limiter.reserve(EndpointFamily.TRADES)).isEqualTo(Duration.ofSeconds(46));
    }

    @Test
    void familiesAreIndependent() {
        RateLimiter limiter = new RateLimiter(clock::get, Map.of(EndpointFamily.CANDLES, 2));
        assertThat(limiter.reserve(EndpointFamily.CANDLES)).isZero();
        assertThat(limiter.reserve(EndpointFamily.CANDLES)).isZero();
        assertThat(limiter.reserve(EndpointFamily.CANDLES)).isEqualTo(Duration.ofMinutes(1));
        assertThat(limiter.reserve(EndpointFamily.TICKER)).isZero();
        assertThat(limiter.available(EndpointFamily.TICKER)).isEqualTo(89);
    }

    @Test
    void slotsFreeUpAsTheWindowSlides() {
        RateLimiter limiter = new RateLimiter(clock::get, Map.of(EndpointFamily.ORDER_SUBMIT, 3));
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.reserve(EndpointFamily.ORDER_SUBMIT)).isZero();
        }
        assertThat(limiter.available(EndpointFamily.ORDER_SUBMIT)).isZero();
        clock.addAndGet(Duration.ofSeconds(60).toNanos());
        assertThat(limiter.available(EndpointFamily.ORDER_SUBMIT)).isEqualTo(3);
        assertThat(limiter.reserve(EndpointFamily.ORDER_SUBMIT)).isZero();
        assertThat(limiter.available(EndpointFamily.ORDER_SUBMIT)).isEqualTo(2);
    }
}
