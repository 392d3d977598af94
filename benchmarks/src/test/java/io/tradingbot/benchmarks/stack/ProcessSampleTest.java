package io.tradingbot.benchmarks.stack;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProcessSampleTest {

    @Test
    void cpuTimeIsUserPlusSystemEvenWhenTheCommandNameHoldsSpacesAndParentheses() {
        String stat = "4242 (java (main) x) S 1 4242 4242 0 -1 4194560 100 0 0 0 1234 56 0 0 20 0 40 0 9999 0 0";
        assertThat(ProcessSample.cpuTicks(stat)).isEqualTo(1234 + 56);
    }

    @Test
    void thisProcessHasResidentMemoryAndItsCpuShareGrowsWhileItWorks() throws Exception {
        long pid = ProcessHandle.current().pid();
        ProcessSample before = ProcessSample.read(pid).orElseThrow();
        // work until the kernel has counted 200 ms of CPU for us (however long a busy machine makes that take)
        long deadline = System.nanoTime() + 60_000_000_000L;
        double sink = 0;
        ProcessSample after = before;
        while (after.cpuTicks() - before.cpuTicks() < 20 && System.nanoTime() < deadline) {
            for (int i = 0; i < 1_000_000; i++) {
                sink += Math.sqrt(sink + i);
            }
            after = ProcessSample.read(pid).orElseThrow();
        }

        assertThat(sink).isPositive();
        assertThat(before.rssKb()).isGreaterThan(10_000);
        // a JVM has at least libjvm.so mapped from a file: part of its RSS, never all of it
        assertThat(before.rssFileKb()).isPositive().isLessThan(before.rssKb());
        assertThat(after.cpuTicks() - before.cpuTicks()).isGreaterThanOrEqualTo(20);
        double seconds = (after.nanoTime() - before.nanoTime()) / 1e9;
        assertThat(after.cpuPercentSince(before))
                .isCloseTo((after.cpuTicks() - before.cpuTicks()) / seconds, org.assertj.core.data.Offset.offset(0.01))
                .isPositive()
                .isLessThanOrEqualTo(100.0 * Runtime.getRuntime().availableProcessors() + 1);
    }

    @Test
    void aProcessThatIsGoneReadsAsEmpty() {
        assertThat(ProcessSample.read(Long.MAX_VALUE)).isEmpty();
    }
}
