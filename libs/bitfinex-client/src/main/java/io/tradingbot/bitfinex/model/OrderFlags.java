package io.tradingbot.bitfinex.model;

/** Bitfinex order flags; sum them to combine (4160 = hidden + post-only). */
public final class OrderFlags {

    public static final int HIDDEN = 64;
    public static final int CLOSE = 512;
    public static final int REDUCE_ONLY = 1024;
    public static final int POST_ONLY = 4096;
    public static final int OCO = 16384;
    public static final int NO_VAR_RATES = 524288;

    private OrderFlags() {
    }
}
