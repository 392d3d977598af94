package io.tradingbot.simulator.testkit;

import java.io.IOException;
import java.net.Socket;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The packaged simulator as a process: started on a free port, driven through /sim, gone after close. */
class SimulatorProcessTest {

    @Test
    void startsDrivesAndStopsTheSimulator() {
        int port;
        try (SimulatorProcess sim = SimulatorProcess.start(List.of("-Dsim.seed=42", "-Dsim.clock.speed=0"))) {
            port = sim.port();
            long before = sim.now();
            sim.advanceClock(120_000);
            assertThat(sim.now()).isEqualTo(before + 120_000);

            sim.setPrice("tBTCUSD", "50000");
            JsonNode ticker = sim.publicGet("/v2/ticker/tBTCUSD");
            assertThat(ticker.size()).isEqualTo(10);
            assertThat(ticker.get(6).decimalValue()).isEqualByComparingTo("50000");

            assertThatThrownBy(() -> sim.setPrice("tNOPEUSD", "1")).hasMessageContaining("404");
            assertThat(listening(port)).isTrue();
        }
        assertThat(listening(port)).isFalse();
    }

    private static boolean listening(int port) {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
