package io.tradingbot.strategy.service;

import io.tradingbot.strategy.config.StrategyConfig;
import io.tradingbot.strategy.engine.StrategyCatalog;
import io.tradingbot.strategy.engine.StrategyDefinition;
import io.tradingbot.strategy.engine.StrategyParameters;
import jakarta.enterprise.context.ApplicationScoped;
import org.ta4j.core.BaseBarSeriesBuilder;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which strategy a symbol is evaluated with, and with which parameters: the session's choice, else the symbol's configured
 * one, else the default; parameters are the strategy's defaults, overridden per strategy, then per symbol. Every configured
 * choice is checked at start, so a typo fails the deployment instead of the first candle.
 */
@ApplicationScoped
public class StrategySelector {
    private final StrategyConfig config;
    private final StrategyCatalog catalog;

    public StrategySelector(StrategyConfig config, StrategyCatalog catalog) {
        this.config = config;
        this.catalog = catalog;
        validate();
    }

    public record Choice(StrategyDefinition definition, StrategyParameters parameters) {
    }

    /** The strategy for {@code symbol}; {@code requested} (from a session or a request) wins when present. */
    public Choice choose(String symbol, Optional<String> requested) {
        String name = requested.filter(s -> !s.isBlank())
                .or(() -> symbolSettings(symbol).flatMap(StrategyConfig.SymbolSettings::strategy))
                .orElse(config.defaultStrategy());
        StrategyDefinition definition = catalog.require(name);
        Map<String, String> overrides = new HashMap<>(config.params().getOrDefault(name, Map.of()));
        symbolSettings(symbol).map(s -> s.params().getOrDefault(name, Map.of())).ifPresent(overrides::putAll);
        return new Choice(definition, StrategyParameters.of(name, definition.defaults(), overrides));
    }

    private Optional<StrategyConfig.SymbolSettings> symbolSettings(String symbol) {
        return Optional.ofNullable(config.symbols().get(symbol));
    }

    private void validate() {
        catalog.require(config.defaultStrategy());
        for (String name : config.params().keySet()) {
            catalog.require(name);
        }
        var probe = new BaseBarSeriesBuilder().withName("config-check").build();
        for (String name : config.params().keySet()) {
            choose("", Optional.of(name)).definition().bind(probe, choose("", Optional.of(name)).parameters());
        }
        config.symbols().forEach((symbol, settings) -> {
            settings.strategy().ifPresent(catalog::require);
            settings.params().keySet().forEach(name -> {
                Choice choice = choose(symbol, Optional.of(name));
                choice.definition().bind(probe, choice.parameters());
            });
            Choice choice = choose(symbol, Optional.empty());
            choice.definition().bind(probe, choice.parameters());
        });
        Choice fallback = choose("", Optional.empty());
        fallback.definition().bind(probe, fallback.parameters());
    }
}
