package io.tradingbot.marketdata.flow;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/** A run of its own (own broker, own simulator) so strategy-service reads only the candles of this flow. */
public class EndToEndProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("market-data.symbols", "tBTCUSD", "market-data.timeframes", "1m");
    }
}
