package io.tradingbot.benchmarks.stack;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/** The starts of each service side by side: time to ready and where the CPU went until then (medians over the starts). */
final class StartCpu {
    private StartCpu() {
    }

    static double median(List<StartToReady.Start> starts, ToDoubleFunction<StartToReady.Start> value) {
        double[] sorted = starts.stream().mapToDouble(value).sorted().toArray();
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    static String table(Map<String, List<StartToReady.Start>> starts) {
        StringBuilder out = new StringBuilder("Each service started alone on the idle stack, the starts interleaved; "
                + "medians. CPU seconds used by the process until ready: all its threads, of them the optimising "
                + "compiler (C2), the quick compiler (C1) and the main thread (Quarkus' boot).\n\n"
                + "| process | starts, s | ready s | CPU to ready s | of it C2 s | C1 s | main thread s |\n"
                + "|---|---|---:|---:|---:|---:|---:|\n");
        starts.forEach((module, list) -> out.append(String.format(Locale.ROOT, "| %s | %s | %.2f | %.2f | %.2f | %.2f | %.2f |%n",
                module, list.stream().map(s -> String.format(Locale.ROOT, "%.2f", s.seconds()))
                        .collect(Collectors.joining(", ")),
                median(list, StartToReady.Start::seconds), median(list, StartToReady.Start::cpuSeconds),
                median(list, StartToReady.Start::c2Seconds), median(list, StartToReady.Start::c1Seconds),
                median(list, StartToReady.Start::mainSeconds))));
        return out.toString();
    }
}
