package io.tradingbot.benchmarks.stack;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * RSS and CPU of every process of the stack over a window: CPU is the average over the window, RSS the peak seen by
 * sampling once a second.
 */
public final class Footprint {
    /** {@code fileRssMb}: how much of the peak RSS was pages of mapped files (jars, the AOT cache), not the process's own. */
    public record Usage(double cpuPercent, double peakRssMb, double fileRssMb) {
    }

    private final Map<String, Long> pids;
    private final Map<String, ProcessSample> first = new LinkedHashMap<>();
    private final Map<String, ProcessSample> last = new LinkedHashMap<>();
    private final Map<String, ProcessSample> peak = new LinkedHashMap<>();

    private Footprint(Map<String, Long> pids) {
        this.pids = pids;
    }

    /** Starts a window over these processes (name to pid). */
    public static Footprint begin(Map<String, Long> pids) {
        Footprint f = new Footprint(new LinkedHashMap<>(pids));
        f.sample();
        return f;
    }

    /** Takes one reading of every process (call about once a second while the window is open). */
    public void sample() {
        pids.forEach((name, pid) -> ProcessSample.read(pid).ifPresent(s -> {
            first.putIfAbsent(name, s);
            last.put(name, s);
            peak.merge(name, s, (a, b) -> b.rssKb() > a.rssKb() ? b : a);
        }));
    }

    /** Samples once a second for {@code window}, then returns the usage over it. */
    public static Map<String, Usage> measure(Map<String, Long> pids, Duration window) throws InterruptedException {
        Footprint f = begin(pids);
        long end = System.nanoTime() + window.toNanos();
        while (System.nanoTime() < end) {
            Thread.sleep(Math.min(1000, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
            f.sample();
        }
        return f.end();
    }

    public Map<String, Usage> end() {
        sample();
        Map<String, Usage> out = new LinkedHashMap<>();
        first.forEach((name, s0) -> out.put(name, new Usage(last.get(name).cpuPercentSince(s0),
                peak.get(name).rssMb(), peak.get(name).rssFileKb() / 1024.0)));
        return out;
    }

    /** The idle and loaded windows side by side, with the 200 MB RSS target. */
    public static String table(Map<String, Usage> idle, Map<String, Usage> loaded, Map<String, Double> readySeconds) {
        StringBuilder out = new StringBuilder("| process | RSS idle MB | CPU idle % | RSS under load MB (peak) | "
                + "of it mapped files MB | CPU under load % | ≤ 200 MB under load | start to ready s | ≤ 3 s |\n"
                + "|---|---:|---:|---:|---:|---:|---|---:|---|\n");
        Set<String> names = new LinkedHashSet<>(idle.keySet());
        names.addAll(loaded.keySet());
        for (String name : names) {
            Optional<Usage> i = Optional.ofNullable(idle.get(name));
            Optional<Usage> l = Optional.ofNullable(loaded.get(name));
            Double ready = readySeconds.get(name);
            out.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s | %s |%n", name,
                    i.map(u -> fmt(u.peakRssMb())).orElse("–"), i.map(u -> fmt(u.cpuPercent())).orElse("–"),
                    l.map(u -> fmt(u.peakRssMb())).orElse("–"), l.map(u -> fmt(u.fileRssMb())).orElse("–"),
                    l.map(u -> fmt(u.cpuPercent())).orElse("–"),
                    l.map(u -> u.peakRssMb() <= 200 ? "met" : "**missed**").orElse("–"),
                    ready == null ? "–" : ready.isNaN() ? "not ready" : String.format(Locale.ROOT, "%.2f", ready),
                    ready == null ? "–" : ready <= 3 ? "met" : "**missed**"));
        }
        return out.toString();
    }

    /**
     * The peak RSS of each process in each loaded scenario, side by side: the scenarios load the stack very differently
     * (tick to order at the latency target's load, the throughput ladder up to 20,000 updates/s, 1,000 WebSocket
     * clients), and the table above keeps only the highest. Over 200 MB in bold.
     */
    public static String perScenarioTable(Map<String, Map<String, Usage>> byScenario) {
        Set<String> names = new LinkedHashSet<>();
        byScenario.values().forEach(usage -> names.addAll(usage.keySet()));
        StringBuilder out = new StringBuilder("| process |");
        byScenario.keySet().forEach(scenario -> out.append(' ').append(scenario).append(" |"));
        out.append('\n').append("|---|").append("---:|".repeat(byScenario.size())).append('\n');
        for (String name : names) {
            out.append("| ").append(name).append(" |");
            byScenario.values().forEach(usage -> out.append(' ').append(Optional.ofNullable(usage.get(name))
                    .map(u -> u.peakRssMb() <= 200 ? fmt(u.peakRssMb()) : "**" + fmt(u.peakRssMb()) + "**")
                    .orElse("–")).append(" |"));
            out.append('\n');
        }
        return out.toString();
    }

    private static String fmt(double value) {
        return String.format(Locale.ROOT, "%.0f", value);
    }
}
