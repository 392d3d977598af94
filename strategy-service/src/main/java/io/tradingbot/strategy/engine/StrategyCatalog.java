package io.tradingbot.strategy.engine;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The built-in strategies by name. */
public final class StrategyCatalog {
    private final Map<String, StrategyDefinition> byName;

    public StrategyCatalog(List<StrategyDefinition> definitions) {
        this.byName = definitions.stream().collect(Collectors.toUnmodifiableMap(StrategyDefinition::name,
                Function.identity()));
    }

    public static StrategyCatalog builtIn() {
        return new StrategyCatalog(List.of(new RsiEmaStrategy(), new EmaCrossoverStrategy(), new MacdStrategy(),
                new BollingerReversionStrategy()));
    }

    public Optional<StrategyDefinition> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public StrategyDefinition require(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException("Unknown strategy '" + name + "'; known: "
                + byName.keySet().stream().sorted().toList()));
    }

    public List<StrategyDefinition> all() {
        return byName.values().stream().sorted(java.util.Comparator.comparing(StrategyDefinition::name)).toList();
    }
}
