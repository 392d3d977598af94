package io.tradingbot.events;

import java.util.List;
import java.util.Optional;

/** Every topic that services exchange records over. The {@code .v1} suffix is the schema version of the values. */
public final class Topics {
    public static final String MARKET_CANDLES = "market.candles.v1";
    public static final String MARKET_TICKERS = "market.tickers.v1";
    public static final String STRATEGY_SIGNALS = "strategy.signals.v1";
    public static final String RISK_VERDICTS = "risk.verdicts.v1";
    public static final String ORDERS_EVENTS = "orders.events.v1";
    public static final String EXCHANGE_PRIVATE = "exchange.private.v1";
    public static final String ACCOUNT_SNAPSHOTS = "account.snapshots.v1";
    public static final String TRADING_RESULTS = "trading.results.v1";
    public static final String TRADING_SESSIONS = "trading.sessions.v1";
    public static final String RISK_LIMITS = "risk.limits.v1";
    public static final String RISK_STATE = "risk.state.v1";

    public static final String DEAD_LETTER_SUFFIX = ".dlq";

    /** Symbol-keyed topics get several partitions: ordering holds per symbol, and consumers scale up to this many instances. */
    private static final int SYMBOL_PARTITIONS = 3;

    public static final List<TopicSpec> ALL = List.of(
            new TopicSpec(MARKET_CANDLES, Candle.class, "symbol", SYMBOL_PARTITIONS, false),
            new TopicSpec(MARKET_TICKERS, Ticker.class, "symbol", SYMBOL_PARTITIONS, false),
            new TopicSpec(STRATEGY_SIGNALS, Signal.class, "symbol", SYMBOL_PARTITIONS, false),
            new TopicSpec(RISK_VERDICTS, RiskVerdict.class, "symbol", SYMBOL_PARTITIONS, false),
            new TopicSpec(ORDERS_EVENTS, OrderEvent.class, "symbol", SYMBOL_PARTITIONS, false),
            new TopicSpec(EXCHANGE_PRIVATE, ExchangePrivateEvent.class, "symbol, else account", SYMBOL_PARTITIONS, false),
            new TopicSpec(ACCOUNT_SNAPSHOTS, AccountSnapshot.class, "account", 1, false),
            new TopicSpec(TRADING_RESULTS, TradeResult.class, "symbol", SYMBOL_PARTITIONS, false),
            new TopicSpec(TRADING_SESSIONS, TradingSession.class, "symbol", SYMBOL_PARTITIONS, true),
            new TopicSpec(RISK_LIMITS, RiskLimits.class, "the constant key 'limits'", 1, true),
            new TopicSpec(RISK_STATE, RiskState.class, "account", 1, true));

    private Topics() {
    }

    /** The spec of a topic, or of the topic whose dead letters it holds. */
    public static Optional<TopicSpec> find(String topic) {
        if (topic == null) {
            return Optional.empty();
        }
        String source = topic.endsWith(DEAD_LETTER_SUFFIX)
                ? topic.substring(0, topic.length() - DEAD_LETTER_SUFFIX.length())
                : topic;
        return ALL.stream().filter(spec -> spec.name().equals(source)).findFirst();
    }
}
