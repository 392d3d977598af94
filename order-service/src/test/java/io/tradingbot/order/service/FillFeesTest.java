package io.tradingbot.order.service;

import io.tradingbot.bitfinex.model.AccountTrade;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class FillFeesTest {
    private static final long ORDER = 42;

    private static AccountTrade tu(long tradeId, String amount, String fee, String currency) {
        return new AccountTrade(tradeId, "tBTCUSD", 1L, ORDER, new BigDecimal(amount), new BigDecimal("43000"),
                "EXCHANGE MARKET", null, -1, fee == null ? null : new BigDecimal(fee), currency, 7L, null);
    }

    @Test
    void theFeesInTheBoughtCurrencyAreSummedOnceTheFillsCoverTheOrder() throws Exception {
        FillFees fees = new FillFees();
        fees.reported(tu(1, "0.004", "-0.000008", "BTC"));
        fees.reported(tu(2, "0.006", "-0.000012", "BTC"));
        fees.reported(tu(2, "0.006", "-0.000012", "BTC")); // the same trade reported again (a resync) counts once

        assertThat(fees.paid(ORDER, new BigDecimal("0.01"), "BTC", Duration.ZERO))
                .hasValueSatisfying(paid -> assertThat(paid).isEqualByComparingTo("-0.00002"));
        assertThat(fees.paid(ORDER, new BigDecimal("0.01"), "USD", Duration.ZERO))
                .hasValueSatisfying(paid -> assertThat(paid).isEqualByComparingTo("0"));
    }

    @Test
    void aFillNotYetReportedWithItsFeeIsWaitedForThenLeftToTheCaller() throws Exception {
        FillFees fees = new FillFees();
        fees.reported(tu(1, "0.004", "-0.000008", "BTC"));
        fees.reported(tu(2, "0.006", null, null)); // a te: no fee yet

        assertThat(fees.paid(ORDER, new BigDecimal("0.01"), "BTC", Duration.ofMillis(50))).isEmpty();
        assertThat(fees.paid(43, new BigDecimal("0.01"), "BTC", Duration.ZERO)).isEmpty();

        CompletableFuture<Optional<BigDecimal>> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return fees.paid(ORDER, new BigDecimal("0.01"), "BTC", Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(100);
        assertThat(waiting).isNotDone();
        fees.reported(tu(2, "0.006", "-0.000012", "BTC"));
        assertThat(waiting.get(5, TimeUnit.SECONDS))
                .hasValueSatisfying(paid -> assertThat(paid).isEqualByComparingTo("-0.00002"));
    }
}
