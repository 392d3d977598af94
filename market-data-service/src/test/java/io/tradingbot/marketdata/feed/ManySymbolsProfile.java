package io.tradingbot.marketdata.feed;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/**
 * Twelve symbols with a ticker and 1m and 5m candles: 36 channels, more than the 30 one Bitfinex connection takes, so
 * the feed needs two sockets at the default 25 channels each.
 */
public class ManySymbolsProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("market-data.symbols", String.join(",", ManyMarketsSimulator.symbols()),
                "market-data.timeframes", "1m,5m",
                "market-data.history-size", "100",
                // the clock only moves when a test moves it: no feed may turn stale in between
                "market-data.max-feed-age", "PT10M");
    }
}
