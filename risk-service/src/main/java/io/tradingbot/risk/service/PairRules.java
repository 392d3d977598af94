package io.tradingbot.risk.service;

import io.tradingbot.events.Symbols;

import java.math.BigDecimal;

/**
 * What the exchange allows for one pair: its currencies, the smallest order, and how many decimals an amount may have.
 * {@code tBTCUSD} is BTC priced in USD; {@code tTESTBTC:TESTUSD} is TESTBTC priced in TESTUSD.
 */
public record PairRules(String symbol, String base, String quote, BigDecimal minOrderSize, int amountDecimals) {

    public static String[] currencies(String symbol) {
        String pair = symbol.substring(1);
        if (pair.indexOf(':') <= 0 && pair.length() != 6) {
            throw new IllegalArgumentException("Cannot tell the currencies of " + symbol);
        }
        return new String[] {Symbols.base(symbol), Symbols.quote(symbol)};
    }
}
