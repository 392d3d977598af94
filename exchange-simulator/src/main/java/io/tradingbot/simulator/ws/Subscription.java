package io.tradingbot.simulator.ws;

import io.tradingbot.simulator.engine.Timeframe;

import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;

/** One public channel subscribed on a socket. {@code lastBook} holds the levels last sent (book channel). */
final class Subscription {
    final int chanId;
    final String channel;
    final String symbol;
    final Timeframe timeframe;
    final String key;
    final String prec;
    final int len;
    final Map<BigDecimal, BigDecimal> lastBook = new TreeMap<>();

    Subscription(int chanId, String channel, String symbol, Timeframe timeframe, String key, String prec, int len) {
        this.chanId = chanId;
        this.channel = channel;
        this.symbol = symbol;
        this.timeframe = timeframe;
        this.key = key;
        this.prec = prec;
        this.len = len;
    }

    /** Identity for the duplicate check. */
    String identity() {
        return switch (channel) {
            case "candles" -> channel + "|" + key;
            case "book" -> channel + "|" + symbol + "|" + prec + "|" + len;
            default -> channel + "|" + symbol;
        };
    }
}
