package io.tradingbot.marketdata.config;

import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A symbol or timeframe Bitfinex would not know stops the service at start, naming the key. */
class MarketDataConfigTest {
    @Test
    void watchesBtcAndEthOnOneAndFiveMinuteCandlesByDefault() {
        MarketDataConfig config = load(Map.of());
        assertThat(config.symbols()).containsExactly("tBTCUSD", "tETHUSD");
        assertThat(config.timeframes()).containsExactly("1m", "5m");
        assertThat(load(Map.of("market-data.symbols", "tTESTBTC:TESTUSD")).symbols()).isEqualTo(List.of("tTESTBTC:TESTUSD"));
    }

    @Test
    void aSymbolNotInBitfinexFormIsRefused() {
        assertThatThrownBy(() -> load(Map.of("market-data.symbols", "tBTCUSD,BTC-USD")))
                .hasMessageContaining("market-data.symbols[1] 'BTC-USD' is not a Bitfinex trading symbol");
    }

    @Test
    void aTimeframeBitfinexDoesNotOfferIsRefused() {
        assertThatThrownBy(() -> load(Map.of("market-data.timeframes", "1m,2m")))
                .hasMessageContaining("market-data.timeframes")
                .hasMessageContaining("not a Bitfinex candle timeframe");
    }

    @Test
    void channelsPerSocketDefaultToTwentyFiveAndStayWithinBitfinexsLimitOfThirty() {
        assertThat(load(Map.of()).channelsPerSocket()).isEqualTo(25);
        assertThat(load(Map.of("market-data.channels-per-socket", "30")).channelsPerSocket()).isEqualTo(30);
        assertThatThrownBy(() -> load(Map.of("market-data.channels-per-socket", "31")))
                .hasMessageContaining("market-data.channels-per-socket");
        assertThatThrownBy(() -> load(Map.of("market-data.channels-per-socket", "0")))
                .hasMessageContaining("market-data.channels-per-socket");
    }

    @Test
    void recordsInFlightDefaultToFiveHundredAndTwelveAndFitTheEmittersBuffers() {
        assertThat(load(Map.of()).maxInFlight()).isEqualTo(512);
        assertThat(load(Map.of("market-data.max-in-flight", "2000")).maxInFlight()).isEqualTo(2000);
        assertThatThrownBy(() -> load(Map.of("market-data.max-in-flight", "2001")))
                .hasMessageContaining("market-data.max-in-flight");
        assertThatThrownBy(() -> load(Map.of("market-data.max-in-flight", "0")))
                .hasMessageContaining("market-data.max-in-flight");
    }

    private static MarketDataConfig load(Map<String, String> values) {
        return new SmallRyeConfigBuilder()
                .withMapping(MarketDataConfig.class)
                .withDefaultValues(values)
                .withValidator(new MarketDataConfigRules().validator())
                .build()
                .getConfigMapping(MarketDataConfig.class);
    }
}
