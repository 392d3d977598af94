package io.tradingbot.events;

import java.math.BigDecimal;

/** The top of the book and the day's figures of one symbol ({@code market.tickers.v1}). dailyChangeRelative is a fraction: 0.05 is +5%. */
public record Ticker(String symbol, long mts, BigDecimal bid, BigDecimal ask, BigDecimal last, BigDecimal volume,
        BigDecimal dailyChange, BigDecimal dailyChangeRelative) {

    public Ticker {
        Require.symbol(symbol);
        Require.positive(bid, "bid");
        Require.positive(ask, "ask");
        Require.positive(last, "last");
        Require.notNegative(volume, "volume");
    }
}
