package io.tradingbot.order.service;

import io.tradingbot.bitfinex.model.OrderRequest;
import io.tradingbot.events.RiskLevel;
import io.tradingbot.events.RiskVerdict;
import io.tradingbot.events.Side;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EntryRequestTest {
    private static final Duration TEN_MINUTES = Duration.ofMinutes(10);

    @Test
    void anEntryThatCanRestOnTheBookIsCancelledByTheExchangeAtItsTimeInForce() {
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        OrderRequest limit = OrderExecutor.request(buy("EXCHANGE LIMIT", "42000"), 7, BigDecimal.ONE, TEN_MINUTES);
        // Whole seconds on the wire, rounded up: never less than the ten minutes it was given.
        assertThat(limit.tif()).isBetween(before.plus(TEN_MINUTES), Instant.now().plus(TEN_MINUTES).plusSeconds(1));
        assertThat(limit.tif().getNano()).isZero();
        assertThat((String) limit.toBody().get("tif")).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
        assertThat(OrderExecutor.request(buy("EXCHANGE STOP", "44000"), 7, BigDecimal.ONE, TEN_MINUTES).tif())
                .isNotNull();
    }

    @Test
    void anEntryThatEndsAtOnceCarriesNoTimeInForceNorOneSetToZero() {
        assertThat(OrderExecutor.request(buy("EXCHANGE MARKET", null), 7, BigDecimal.ONE, TEN_MINUTES).tif()).isNull();
        assertThat(OrderExecutor.request(buy("EXCHANGE IOC", "43000"), 7, BigDecimal.ONE, TEN_MINUTES).tif()).isNull();
        assertThat(OrderExecutor.request(buy("EXCHANGE FOK", "43000"), 7, BigDecimal.ONE, TEN_MINUTES).tif()).isNull();
        assertThat(OrderExecutor.request(buy("EXCHANGE LIMIT", "42000"), 7, BigDecimal.ONE, Duration.ZERO).tif())
                .isNull();
    }

    private static RiskVerdict buy(String type, String price) {
        return new RiskVerdict("verdict:tif", "sig-tif", "tBTCUSD", Side.BUY, true, RiskLevel.LOW, List.of("ok"),
                BigDecimal.ONE, type, price == null ? null : new BigDecimal(price), BigDecimal.ONE,
                new BigDecimal("40000"), new BigDecimal("46000"), Instant.now());
    }
}
