package io.tradingbot.risk.service;

import io.tradingbot.bitfinex.model.PairInfo;
import io.tradingbot.bitfinex.rest.BitfinexRestClient;
import io.tradingbot.risk.config.RiskConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The trading rules of each pair, as the exchange publishes them ({@code conf/pub:info:pair}: the minimum order size),
 * read once and again every {@link #REFRESH}. {@code risk.pairs."<symbol>".*} entries override the exchange (a stricter
 * minimum) and stand in while it cannot be reached; a symbol neither knows is not traded.
 */
@ApplicationScoped
public class PairCatalog {
    private static final Logger LOG = Logger.getLogger(PairCatalog.class);
    static final Duration REFRESH = Duration.ofMinutes(10);
    private static final Duration RETRY = Duration.ofSeconds(30);

    private final Map<String, PairRules> configured;
    private final Supplier<List<PairInfo>> exchange;
    private final Clock clock;
    private Map<String, PairRules> published = Map.of();
    private Instant nextRead = Instant.MIN;

    @Inject
    public PairCatalog(RiskConfig config, BitfinexRestClient bitfinex) {
        this(configured(config), bitfinex::pairInfo, Clock.systemUTC());
    }

    PairCatalog(Map<String, PairRules> configured, Supplier<List<PairInfo>> exchange, Clock clock) {
        this.configured = Map.copyOf(configured);
        this.exchange = exchange;
        this.clock = clock;
    }

    public Optional<PairRules> rules(String symbol) {
        PairRules override = configured.get(symbol);
        if (override != null) {
            return Optional.of(override);
        }
        return Optional.ofNullable(published().get(symbol));
    }

    private synchronized Map<String, PairRules> published() {
        Instant now = clock.instant();
        if (now.isBefore(nextRead)) {
            return published;
        }
        try {
            Map<String, PairRules> read = new HashMap<>();
            for (PairInfo info : exchange.get()) {
                if (info.minOrderSize() == null) {
                    continue;
                }
                String symbol = info.symbol();
                String[] currencies = PairRules.currencies(symbol);
                read.put(symbol, new PairRules(symbol, currencies[0], currencies[1], info.minOrderSize(),
                        PairInfo.AMOUNT_DECIMALS));
            }
            published = Map.copyOf(read);
            nextRead = now.plus(REFRESH);
            LOG.infof("Trading rules of %d pairs read from the exchange", read.size());
        } catch (RuntimeException e) {
            nextRead = now.plus(RETRY);
            LOG.warnf("Cannot read the exchange's pair rules (%s); using the %d configured ones, retrying in %s",
                    e.getMessage(), configured.size(), RETRY);
        }
        return published;
    }

    private static Map<String, PairRules> configured(RiskConfig config) {
        Map<String, PairRules> rules = new HashMap<>();
        config.pairs().forEach((symbol, settings) -> {
            String[] currencies = PairRules.currencies(symbol);
            rules.put(symbol, new PairRules(symbol, currencies[0], currencies[1], settings.minOrderSize(),
                    settings.amountDecimals()));
        });
        return rules;
    }
}
