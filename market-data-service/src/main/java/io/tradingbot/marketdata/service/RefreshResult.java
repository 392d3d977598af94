package io.tradingbot.marketdata.service;

import io.tradingbot.events.Ticker;

/** What {@code POST /market/{symbol}/refresh} read and published: the ticker and how many candle records went out. */
public record RefreshResult(String symbol, Ticker ticker, boolean tickerPublished, int candlesPublished) {
}
