package io.tradingbot.benchmarks.stack;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradingbot.simulator.testkit.SimulatorProcess;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The benchmark's markets: one walk update per symbol per real second, together or staggered over that second. */
class SimMarketsTest {
    private static final List<String> SYMBOLS = SimMarkets.symbols(4);

    @Test
    void oneUpdateARealSecondOnAStepThatDividesTheMinute() {
        assertThat(SimMarkets.stepMillis(10, 1)).isEqualTo(10_000);
        assertThat(SimMarkets.stepMillis(10, 7)).isEqualTo(1_500); // 1,429 ms is no divisor of the minute
        assertThat(SimMarkets.stepMillis(10, 0)).isZero();
        assertThat(SimMarkets.stepMillis(0, 1)).isZero();
    }

    @Test
    void staggeredSymbolsStepAtTheirShareOfTheStep() {
        assertThat(SimMarkets.stepOffsets(SYMBOLS, 10_000, true))
                .containsExactly(Map.entry("tA00USD", 0L), Map.entry("tA01USD", 2_500L), Map.entry("tA02USD", 5_000L),
                        Map.entry("tA03USD", 7_500L));
        assertThat(SimMarkets.stepOffsets(SYMBOLS, 10_000, false)).isEmpty();
        assertThat(SimMarkets.stepOffsets(SYMBOLS, 0, true)).isEmpty();
    }

    @Test
    void theSimulatorTradesEachStaggeredSymbolAtItsOffset() {
        long step = SimMarkets.stepMillis(10, 1);
        Map<String, Long> offsets = SimMarkets.stepOffsets(SYMBOLS, step, true);
        try (SimulatorProcess sim = SimulatorProcess.start(SimMarkets.simulatorArgs(SYMBOLS, 10, 1, offsets))) {
            for (String symbol : SYMBOLS) {
                JsonNode trades = sim.publicGet("/v2/trades/" + symbol + "/hist?limit=50");
                assertThat(trades.size()).as(symbol).isGreaterThan(10);
                trades.forEach(t -> assertThat(Math.floorMod(t.get(1).asLong(), step)).as(symbol + " " + t)
                        .isEqualTo(offsets.get(symbol)));
            }
        }
    }
}
