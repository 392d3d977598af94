package io.tradingbot.risk.service;

import java.math.BigDecimal;

/**
 * What the exchange allows for one pair: its currencies, the smallest order, and how many decimals an amount may have.
 * {@code tBTCUSD} is BTC priced in USD; {@code tTESTBTC:TESTUSD} is TESTBTC priced in TESTUSD.
 */
public record PairRules(String symbol, String base, String quote, BigDecimal minOrderSize, int amountDecimals) {

    public static String[] currencies(String symbol) {
        String pair = symbol.substring(1);
        int colon = pair.indexOf(':');
        if (colon > 0) {
            return new String[] {pair.substring(0, colon), pair.substring(colon + 1)};
        }
        if (pair.length() != 6) {
            throw new IllegalArgumentException("Cannot tell the currencies of " + symbol);
        }
        return new String[] {pair.substring(0, 3), pair.substring(3)};
    }
}
