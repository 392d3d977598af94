package io.tradingbot.order.service;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ExitOrdersTest {

    @Test
    void theBaseCurrencyIsReadFromShortAndColonPairs() {
        assertThat(ExitOrders.baseCurrency("tBTCUSD")).isEqualTo("BTC");
        assertThat(ExitOrders.baseCurrency("tTESTBTC:TESTUSD")).isEqualTo("TESTBTC");
    }
}
