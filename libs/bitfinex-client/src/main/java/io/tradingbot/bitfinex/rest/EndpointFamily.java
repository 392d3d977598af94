package io.tradingbot.bitfinex.rest;

/**
 * REST endpoints grouped the way Bitfinex limits them, with its documented requests per minute (reference §6; where
 * two versions of the docs disagree, the lower number). Authenticated write limits are not documented: 90, as CCXT.
 */
public enum EndpointFamily {
    PLATFORM_STATUS(30),
    TICKER(90),
    TICKERS(30),
    TRADES(15),
    CANDLES(30),
    CONF(90),
    AUTH_WALLETS(90),
    AUTH_POSITIONS(90),
    AUTH_MARGIN_INFO(90),
    AUTH_ORDERS(90),
    AUTH_ORDERS_HISTORY(90),
    AUTH_TRADES(90),
    ORDER_SUBMIT(90),
    ORDER_UPDATE(90),
    ORDER_CANCEL(90),
    ORDER_CANCEL_MULTI(90);

    private final int requestsPerMinute;

    EndpointFamily(int requestsPerMinute) {
        this.requestsPerMinute = requestsPerMinute;
    }

    public int requestsPerMinute() {
        return requestsPerMinute;
    }
}
