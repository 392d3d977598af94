package io.tradingbot.marketdata.feed;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/** A simulator whose clock only the test moves, and a feed that counts as stale after a few quiet seconds. */
public class FrozenMarketProfile implements QuarkusTestProfile {
    static final long MAX_FEED_AGE_MILLIS = 3000;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("market-data.max-feed-age", "PT" + MAX_FEED_AGE_MILLIS / 1000 + "S",
                "market-data.symbols", "tBTCUSD",
                "market-data.timeframes", "1m,5m");
    }
}
