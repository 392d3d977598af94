package io.tradingbot.benchmarks.stack;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class FootprintTest {

    @Test
    void eachScenarioKeepsItsOwnPeakAndTheOnesOverTheTargetStandOut() {
        Map<String, Map<String, Footprint.Usage>> byScenario = new LinkedHashMap<>();
        Map<String, Footprint.Usage> tickToOrder = new LinkedHashMap<>();
        tickToOrder.put("market-data-service", new Footprint.Usage(12, 181.4, 37));
        tickToOrder.put("gateway", new Footprint.Usage(3, 170, 37));
        byScenario.put("100 symbols, tick to order", tickToOrder);
        byScenario.put("throughput ladder, up to 20000/s", Map.of(
                "market-data-service", new Footprint.Usage(40, 242.0, 37)));

        String table = Footprint.perScenarioTable(byScenario);

        assertThat(table.lines()).containsExactly(
                "| process | 100 symbols, tick to order | throughput ladder, up to 20000/s |",
                "|---|---:|---:|",
                "| market-data-service | 181 | **242** |",
                "| gateway | 170 | – |");
    }
}
