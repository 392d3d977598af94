package io.tradingbot.benchmarks.stack;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class StartCpuTest {

    @Test
    void theMainThreadsCpuIsTakenApartFromTheWholeProcesss() throws Exception {
        long pid = ProcessHandle.current().pid();
        double before = StartToReady.cpuAtReady(pid, 0).mainSeconds();
        // work on this thread (the JVM's main thread, named "java" like the launcher's) until the kernel counts 200 ms
        long deadline = System.nanoTime() + 60_000_000_000L;
        double sink = 0;
        StartToReady.Start after = StartToReady.cpuAtReady(pid, 0);
        while (after.mainSeconds() - before < 0.2 && System.nanoTime() < deadline) {
            for (int i = 0; i < 1_000_000; i++) {
                sink += Math.sqrt(sink + i);
            }
            after = StartToReady.cpuAtReady(pid, 0);
        }

        assertThat(sink).isPositive();
        assertThat(after.mainSeconds() - before).isGreaterThanOrEqualTo(0.2);
        assertThat(after.cpuSeconds()).isGreaterThanOrEqualTo(after.mainSeconds() + after.c1Seconds() + after.c2Seconds());
    }

    @Test
    void eachColumnIsTheMedianOfTheStarts() {
        List<StartToReady.Start> starts = List.of(new StartToReady.Start(5.0, 9.0, 3.0, 1.0, 2.0),
                new StartToReady.Start(4.0, 8.0, 2.5, 1.1, 2.1), new StartToReady.Start(6.5, 10.0, 3.5, 0.9, 2.2));

        assertThat(StartCpu.median(starts, StartToReady.Start::seconds)).isEqualTo(5.0);
        assertThat(StartCpu.median(starts.subList(0, 2), StartToReady.Start::seconds)).isEqualTo(4.5);
        assertThat(StartCpu.table(Map.of("gateway", starts)))
                .contains("| gateway | 5.00, 4.00, 6.50 | 5.00 | 9.00 | 3.00 | 1.00 | 2.10 |");
    }
}
