package io.tradingbot.marketdata.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.tradingbot.marketdata.service.Symbols;
import io.tradingbot.support.config.SettingsCheck;

import java.time.Duration;
import java.util.List;

/** The market-data-service settings, under {@code market-data.*}; the application refuses to start when one is invalid. */
@ConfigMapping(prefix = "market-data")
public interface MarketDataConfig {
    /** The ceiling of {@link #maxInFlight()}: the size of the channel emitter's buffer, fixed when it is built. */
    int MAX_IN_FLIGHT = 2_000;

    /** Symbols watched even without an automated trading session, in Bitfinex form (tBTCUSD, tTESTBTC:TESTUSD). */
    @WithDefault("tBTCUSD,tETHUSD")
    List<String> symbols();

    /** Candle timeframes subscribed for every watched symbol (Bitfinex's: 1m 5m 15m 30m 1h 3h 6h 12h 1D 1W 14D 1M). */
    @WithDefault("1m,5m")
    List<String> timeframes();

    /** Readiness turns DOWN when the newest tick of an active symbol is older than this. */
    @WithDefault("PT2M")
    Duration maxFeedAge();

    /**
     * Candles read over REST per (symbol, timeframe) when a feed starts and kept in memory for
     * {@code GET /market/{symbol}/candles}; larger requests are answered from the exchange.
     */
    @WithDefault("1000")
    int historySize();

    /**
     * Public channels (a ticker, a candle timeframe) per exchange WebSocket. Bitfinex refuses more than 30 on one
     * connection, so the feed opens another socket whenever the open ones hold this many; 25 leaves headroom.
     */
    @WithDefault("25")
    int channelsPerSocket();

    /**
     * Records handed to the Kafka producer and not yet acknowledged, at most; past that the feed holds back only the
     * latest state of each series. Each record in flight lives for a broker round trip: with 2,000 the window stayed
     * full under load, its records outlived the young generation, and the collector stopped the service a sixth of the
     * time, over 40 % at 20,000 price updates/s (docs/benchmarks.md, 2026-11-26 night). 512 still holds a close of 100
     * symbols' candles and tickers at once.
     */
    @WithDefault("512")
    int maxInFlight();

    /** What the application refuses to start with ({@link MarketDataConfigRules}). */
    static void check(MarketDataConfig marketData, SettingsCheck check) {
        check.notEmpty("symbols", marketData.symbols())
                .eachMatches("symbols", marketData.symbols(), Symbols.TRADING_SYMBOL,
                        "is not a Bitfinex trading symbol such as tBTCUSD")
                .notEmpty("timeframes", marketData.timeframes())
                .eachMatches("timeframes", marketData.timeframes(), Symbols.TIMEFRAME, "is not a Bitfinex candle timeframe")
                .between("history-size", marketData.historySize(), 10, 10000)
                .between("channels-per-socket", marketData.channelsPerSocket(), 1, 30)
                .between("max-in-flight", marketData.maxInFlight(), 1, MAX_IN_FLIGHT);
    }
}
