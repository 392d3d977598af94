package io.tradingbot.benchmarks.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ReportTest {

    @Test
    void aSectionIsAppendedOnceThenReplacedInPlaceLeavingTheRestOfThePageAlone(@TempDir Path dir) throws Exception {
        Path page = dir.resolve("docs/benchmarks.md");
        Files.createDirectories(page.getParent());
        Files.writeString(page, "# Benchmarks\n\nHand-written analysis.\n");

        Report.writeSection(page, "jmh", "first run");
        Report.writeSection(page, "stack-run", "stack table");
        Report.writeSection(page, "jmh", "second run");

        String text = Files.readString(page);
        assertThat(text).startsWith("# Benchmarks\n\nHand-written analysis.\n")
                .contains("<!-- jmh:begin -->\nsecond run\n<!-- jmh:end -->")
                .contains("<!-- stack-run:begin -->\nstack table\n<!-- stack-run:end -->")
                .doesNotContain("first run");
        assertThat(text.indexOf("jmh:begin")).isLessThan(text.indexOf("stack-run:begin"));
    }

    @Test
    void latencyRowsAreInMillisecondsWithTheTailAndMax() {
        Latency latency = new Latency();
        for (int ms = 1; ms <= 100; ms++) {
            latency.recordMillis(ms);
        }
        assertThat(latency.count()).isEqualTo(100);
        // HdrHistogram keeps 3 significant digits: within 0.1 %
        assertThat(latency.percentileMillis(50)).isBetween(49.95, 50.05);
        assertThat(latency.percentileMillis(99)).isBetween(98.9, 99.1);
        assertThat(latency.row("x")).matches("\\| x \\| 100 \\| 50\\.0\\d \\| 90\\.0\\d \\| 99\\.0\\d \\| 100 \\|");
        assertThat(new Latency().row("none")).isEqualTo("| none | 0 | – | – | – | – |");
    }

    @Test
    void negativeDurationsFromClockNoiseCountAsZero() {
        Latency latency = new Latency();
        latency.recordMillis(-3);
        assertThat(latency.maxMillis()).isZero();
    }
}
