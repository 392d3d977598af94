package io.tradingbot.account.service;

import io.tradingbot.account.config.AccountConfig;
import io.tradingbot.bitfinex.model.TradingTickerRow;
import io.tradingbot.bitfinex.rest.BitfinexRestClient;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Current prices for valuing the account in US dollars, read from the exchange's tickers over REST and reused for
 * {@code account.ticker-max-age}. A currency in {@code account.usd-currencies} is worth 1; any other at the last price of
 * its pair quoted in one of them (BTC at tBTCUSD, TESTBTC at tTESTBTC:TESTUSD).
 */
@ApplicationScoped
public class UsdPrices {
    private static final Logger LOG = Logger.getLogger(UsdPrices.class);

    private final BitfinexRestClient rest;
    private final AccountConfig config;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, Quote> quotes = new ConcurrentHashMap<>();
    private final Set<String> unpriced = ConcurrentHashMap.newKeySet();
    private volatile List<String> pairs;

    private record Quote(BigDecimal last, long readAt) {
    }

    /** The prices needed for one valuation. */
    public record Board(Map<String, BigDecimal> usdPerCurrency, Map<String, BigDecimal> lastBySymbol) {
        public Optional<BigDecimal> usd(String currency) {
            return Optional.ofNullable(usdPerCurrency.get(currency));
        }

        public Optional<BigDecimal> last(String symbol) {
            return Optional.ofNullable(lastBySymbol.get(symbol));
        }
    }

    public UsdPrices(BitfinexRestClient rest, AccountConfig config) {
        this.rest = rest;
        this.config = config;
    }

    /** Prices of these currencies in USD and the last price of these trading symbols. */
    public Board board(Collection<String> currencies, Collection<String> symbols) {
        Map<String, String> symbolOfCurrency = new HashMap<>();
        Map<String, BigDecimal> usd = new HashMap<>();
        for (String currency : currencies) {
            if (config.usdCurrencies().contains(currency)) {
                usd.put(currency, BigDecimal.ONE);
            } else {
                usdPair(currency).ifPresentOrElse(symbol -> symbolOfCurrency.put(currency, symbol), () -> {
                    if (unpriced.add(currency)) {
                        LOG.warnf("No pair quoted in %s for %s: its wallets are left out of total_balance_usd",
                                config.usdCurrencies(), currency);
                    }
                });
            }
        }
        List<String> wanted = new ArrayList<>(symbolOfCurrency.values());
        symbols.stream().filter(s -> !wanted.contains(s)).forEach(wanted::add);
        Map<String, BigDecimal> last = lastPrices(wanted);
        symbolOfCurrency.forEach((currency, symbol) -> {
            BigDecimal price = last.get(symbol);
            if (price != null) {
                usd.put(currency, price);
            }
        });
        return new Board(Map.copyOf(usd), Map.copyOf(last));
    }

    private Optional<String> usdPair(String currency) {
        List<String> known = exchangePairs();
        for (String quote : config.usdCurrencies()) {
            for (String pair : List.of(currency + quote, currency + ":" + quote)) {
                if (known.contains(pair)) {
                    return Optional.of("t" + pair);
                }
            }
        }
        return Optional.empty();
    }

    private List<String> exchangePairs() {
        List<String> known = pairs;
        if (known == null) {
            known = List.copyOf(rest.exchangePairs());
            pairs = known;
        }
        return known;
    }

    private Map<String, BigDecimal> lastPrices(List<String> symbols) {
        long now = clock.millis();
        long maxAge = config.tickerMaxAge().toMillis();
        List<String> stale = symbols.stream().filter(s -> {
            Quote q = quotes.get(s);
            return q == null || now - q.readAt() > maxAge;
        }).toList();
        if (!stale.isEmpty()) {
            for (TradingTickerRow row : rest.tickers(stale)) {
                if (row.ticker().lastPrice() != null) {
                    quotes.put(row.symbol(), new Quote(row.ticker().lastPrice(), now));
                }
            }
        }
        Map<String, BigDecimal> out = new HashMap<>();
        symbols.forEach(s -> {
            Quote q = quotes.get(s);
            if (q != null) {
                out.put(s, q.last());
            }
        });
        return out;
    }
}
