package io.tradingbot.risk.service;

import io.tradingbot.risk.config.RiskConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/** The trading rules of the pairs this deployment trades, from configuration ({@code risk.pairs."<symbol>".*}). */
@ApplicationScoped
public class PairCatalog {
    private final RiskConfig config;

    public PairCatalog(RiskConfig config) {
        this.config = config;
    }

    public Optional<PairRules> rules(String symbol) {
        RiskConfig.PairSettings settings = config.pairs().get(symbol);
        if (settings == null) {
            return Optional.empty();
        }
        String[] currencies = PairRules.currencies(symbol);
        return Optional.of(new PairRules(symbol, currencies[0], currencies[1], settings.minOrderSize(),
                settings.amountDecimals()));
    }
}
