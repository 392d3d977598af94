package io.tradingbot.marketdata.service;

import io.tradingbot.bitfinex.rest.BitfinexRestClient;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.Set;

/**
 * Which trading symbols exist, as the exchange's pair list ({@code conf/pub:list:pair:exchange}) says. The list is read
 * once and again when asked about a symbol it lacks (at most every {@link #REREAD_AFTER}), so a pair listed later is
 * found without a restart and a stream of bad requests does not become a stream of exchange calls.
 */
@ApplicationScoped
public class SymbolCatalog {
    static final Duration REREAD_AFTER = Duration.ofSeconds(30);

    private final BitfinexRestClient rest;
    private volatile Set<String> pairs;
    private volatile long readAt;

    public SymbolCatalog(BitfinexRestClient rest) {
        this.rest = rest;
    }

    /**
     * @throws MalformedSymbolException when it is not a trading symbol in Bitfinex form
     * @throws UnknownSymbolException   when the exchange lists no such pair
     */
    public String requireKnown(String symbol) {
        requireWellFormed(symbol);
        String pair = symbol.substring(1);
        Set<String> known = pairs;
        if (known == null || !known.contains(pair) && System.nanoTime() - readAt > REREAD_AFTER.toNanos()) {
            known = reread();
        }
        if (!known.contains(pair)) {
            throw new UnknownSymbolException("Unknown symbol '" + symbol + "': the exchange lists no trading pair "
                    + pair + " (pub:list:pair:exchange)");
        }
        return symbol;
    }

    public static String requireWellFormed(String symbol) {
        if (symbol == null || !Symbols.TRADING_SYMBOL.matcher(symbol).matches()) {
            throw new MalformedSymbolException("Malformed symbol '" + symbol + "': expected a Bitfinex trading symbol "
                    + "such as tBTCUSD or tTESTBTC:TESTUSD (a 't', then the pair in upper case)");
        }
        return symbol;
    }

    private synchronized Set<String> reread() {
        Set<String> read = Set.copyOf(rest.exchangePairs());
        pairs = read;
        readAt = System.nanoTime();
        return read;
    }
}
