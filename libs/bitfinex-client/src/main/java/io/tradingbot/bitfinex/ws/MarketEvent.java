package io.tradingbot.bitfinex.ws;

import java.util.List;

import io.tradingbot.bitfinex.model.Candle;
import io.tradingbot.bitfinex.model.PublicTrade;
import io.tradingbot.bitfinex.model.Ticker;

/** An event of a public channel. After a reconnect the channel starts again with a snapshot. */
public sealed interface MarketEvent {

    /** {@code ticker}: every frame is the full ticker. */
    record TickerUpdate(String symbol, Ticker ticker) implements MarketEvent {
    }

    /** {@code candles} snapshot, newest first. */
    record CandlesSnapshot(String key, List<Candle> candles) implements MarketEvent {
    }

    /** A {@code candles} update: same MTS replaces the current candle, a new MTS starts the next one. */
    record CandleUpdate(String key, Candle candle) implements MarketEvent {
    }

    /** {@code trades} snapshot, newest first. */
    record TradesSnapshot(String symbol, List<PublicTrade> trades) implements MarketEvent {
    }

    /** {@code te} (trade executed) or {@code tu} (same trade again, with its final id). */
    record TradeUpdate(String symbol, String type, PublicTrade trade) implements MarketEvent {
    }
}
