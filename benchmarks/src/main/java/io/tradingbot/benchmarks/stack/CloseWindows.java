package io.tradingbot.benchmarks.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Who runs when candles close, and how long threads wait for a core then: each thread's time on a CPU and time ready to
 * run but waiting on a run queue (the kernel's {@code /proc/<pid>/task/<tid>/schedstat}, in ns), read just before a
 * close and once its orders are out, and over a window of the same length in the quiet middle of the candle. The
 * readings are taken at the windows' edges only, so the probe does not compete inside them. The machine's busy time
 * ({@code /proc/stat}) shows what else ran, the CPU pressure ({@code /proc/pressure/cpu}, "some") how long any task
 * of the machine waited. How often each thread was put on a core in a window (schedstat's third field), against its
 * time there, tells the cost of switching between threads from the cost of the code they run.
 */
public final class CloseWindows {
    static final long BEFORE_MILLIS = 100;
    static final long WINDOW_MILLIS = 600;
    /** The quiet window starts this long after a close: its orders are out, the mid-candle price jump still to come. */
    static final long QUIET_AFTER_MILLIS = 1500;
    private static final long MINUTE = 60_000;
    private static final long TICK_NANOS = 10_000_000; // /proc/stat counts in USER_HZ ticks of 10 ms

    /**
     * One thread's counters: its process, its name without a trailing number, time on a CPU and waiting, in ns, and the
     * times it was put on a core.
     */
    record ThreadTime(String process, String thread, long cpuNanos, long waitNanos, long runs) {
    }

    /** A reading of every thread of the processes (by tid, unique across processes) and of the machine. */
    record Reading(Map<Long, ThreadTime> threads, long machineBusyNanos, long pressureMicros) {
    }

    /** Sums over windows of one kind: per process and per process / thread name, {CPU ns, waiting ns, runs}. */
    public static final class Windows {
        int count;
        final Map<String, long[]> processes = new LinkedHashMap<>();
        final Map<String, long[]> threads = new HashMap<>();
        long machineBusyNanos;
        long pressureMicros;

        void add(Reading before, Reading after) {
            count++;
            after.threads().forEach((tid, t) -> {
                ThreadTime earlier = before.threads().get(tid);
                long cpu = t.cpuNanos() - (earlier == null ? 0 : earlier.cpuNanos());
                long wait = t.waitNanos() - (earlier == null ? 0 : earlier.waitNanos());
                long runs = t.runs() - (earlier == null ? 0 : earlier.runs());
                accumulate(processes, t.process(), cpu, wait, runs);
                accumulate(threads, t.process() + " / " + t.thread(), cpu, wait, runs);
            });
            machineBusyNanos += after.machineBusyNanos() - before.machineBusyNanos();
            pressureMicros += after.pressureMicros() - before.pressureMicros();
        }

        private static void accumulate(Map<String, long[]> into, String key, long cpu, long wait, long runs) {
            long[] sums = into.computeIfAbsent(key, k -> new long[3]);
            sums[0] += cpu;
            sums[1] += wait;
            sums[2] += runs;
        }

        /** Mean per window in ms: {CPU, waiting} of a process or of "process / thread"; zeros if never seen. */
        double[] meanMillis(String key) {
            long[] sums = processes.containsKey(key) ? processes.get(key) : threads.getOrDefault(key, new long[3]);
            return count == 0 ? new double[2] : new double[] {sums[0] / 1e6 / count, sums[1] / 1e6 / count};
        }

        /** Mean times per window that a process's threads were put on a core; 0 if never seen. */
        double meanRuns(String process) {
            long[] sums = processes.get(process);
            return count == 0 || sums == null ? 0 : (double) sums[2] / count;
        }

        public int count() {
            return count;
        }
    }

    private final Map<String, Long> pids;
    private final Windows early = new Windows();
    private final Windows late = new Windows();
    private final Windows quiet = new Windows();
    private final Thread thread;

    private CloseWindows(Map<String, Long> pids, SimClockMapping clock, List<Long> closeTimes) {
        this.pids = new LinkedHashMap<>(pids);
        thread = Thread.ofPlatform().daemon().name("close-windows").start(() -> {
            try {
                for (int i = 0; i < closeTimes.size(); i++) {
                    long close = closeTimes.get(i);
                    double start = clock.wallAt(close) - BEFORE_MILLIS;
                    if (start < System.currentTimeMillis()) {
                        continue; // too late to read before it
                    }
                    measure(i < closeTimes.size() / 2 ? early : late, start);
                    double quietStart = clock.wallAt(close) + QUIET_AFTER_MILLIS;
                    if (quietStart + WINDOW_MILLIS < clock.wallAt(close + MINUTE / 2)) {
                        measure(quiet, quietStart);
                    }
                }
            } catch (InterruptedException e) {
                // stopped
            }
        });
    }

    /** Measures around each close (simulator times, ascending) until {@link #stop()}. */
    public static CloseWindows start(Map<String, Long> pids, SimClockMapping clock, List<Long> closeTimes) {
        return new CloseWindows(pids, clock, closeTimes);
    }

    private void measure(Windows into, double wallStart) throws InterruptedException {
        sleepUntil(wallStart);
        Reading before = read(pids);
        sleepUntil(wallStart + WINDOW_MILLIS);
        into.add(before, read(pids));
    }

    private static void sleepUntil(double wallMillis) throws InterruptedException {
        long wait = (long) Math.ceil(wallMillis - System.currentTimeMillis());
        if (wait > 0) {
            Thread.sleep(wait);
        }
    }

    /** Stops measuring; the windows measured so far: at the first half of the closes, at the second, and quiet. */
    public Windows[] stop() throws InterruptedException {
        thread.interrupt();
        thread.join();
        return new Windows[] {early, late, quiet};
    }

    static Reading read(Map<String, Long> pids) {
        Map<Long, ThreadTime> threads = new LinkedHashMap<>(); // in the order of pids: the report lists them so
        pids.forEach((process, pid) -> {
            try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
                for (Path task : tasks.toList()) {
                    try {
                        String[] stat = Files.readString(task.resolve("schedstat")).strip().split(" ");
                        String name = Files.readString(task.resolve("comm")).strip().replaceAll("[-#]?\\d+$", "");
                        threads.put(Long.parseLong(task.getFileName().toString()),
                                new ThreadTime(process, name, Long.parseLong(stat[0]), Long.parseLong(stat[1]),
                                        Long.parseLong(stat[2])));
                    } catch (IOException e) {
                        // the thread ended meanwhile
                    }
                }
            } catch (IOException e) {
                // the process is gone
            }
        });
        return new Reading(threads, machineBusyNanos(), pressureMicros());
    }

    /** user + nice + system + irq + softirq + steal of every core since boot. */
    private static long machineBusyNanos() {
        try {
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).getFirst().split("\\s+");
            long ticks = 0;
            for (int field : new int[] {1, 2, 3, 6, 7, 8}) {
                ticks += Long.parseLong(cpu[field]);
            }
            return ticks * TICK_NANOS;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** The "some" total of /proc/pressure/cpu: µs in which at least one task waited for a core. */
    private static long pressureMicros() {
        try {
            String some = Files.readAllLines(Path.of("/proc/pressure/cpu")).getFirst();
            return Long.parseLong(some.substring(some.indexOf("total=") + 6).strip());
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /**
     * What the windows are around, in the report's words: "Around {@code each}", "before the {@code one}", the quiet
     * windows {@code quiet}.
     */
    public record Moments(String each, String one, String quiet) {
        public static final Moments CANDLE_CLOSES = new Moments("each candle close", "close", "in the middle of the candle");
    }

    /** {@link #table(Windows, Windows, Windows, int, Moments)} around candle closes. */
    public static String table(Windows early, Windows late, Windows quiet, int busiestThreads) {
        return table(early, late, quiet, busiestThreads, Moments.CANDLE_CLOSES);
    }

    /**
     * The report: per process, then the busiest threads; ms per window, means over the windows of the first half of the
     * moments, of the second (the JIT compilers have had longer), and of the quiet ones.
     */
    public static String table(Windows early, Windows late, Windows quiet, int busiestThreads, Moments moments) {
        List<Windows> kinds = List.of(early, late, quiet);
        String ones = moments.one() + "s";
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "Around %s: per process, ms on a"
                + " core and ms ready to run but waiting for one, summed over its threads (the kernel's schedstat), in %d"
                + " ms from %d ms before the %s; means over the first half of the %s (%d), over the second (%d),"
                + " and over windows of the same length %s (%d). The machine has %d ms of core"
                + " time in such a window.%n%n", moments.each(), WINDOW_MILLIS, BEFORE_MILLIS, moments.one(), ones,
                early.count, late.count, moments.quiet(), quiet.count,
                Runtime.getRuntime().availableProcessors() * WINDOW_MILLIS));
        String header = " | on a core, first " + ones + " | waiting | on a core, later " + ones + " | waiting |"
                + " on a core, quiet | waiting |\n|---|---:|---:|---:|---:|---:|---:|\n";
        out.append("| process").append(header);
        double[] total = new double[6];
        for (String process : early.processes.keySet()) {
            double[] values = means(kinds, process);
            for (int i = 0; i < total.length; i++) {
                total[i] += values[i];
            }
            out.append(row(process, values)).append("\n");
        }
        out.append(row("**all of them**", total)).append("\n");
        double[] rest = new double[6];
        double[] pressure = new double[6];
        for (int k = 0; k < kinds.size(); k++) {
            rest[2 * k] = Math.max(0, mean(kinds.get(k).machineBusyNanos, kinds.get(k).count) - total[2 * k]);
            pressure[2 * k + 1] = mean(kinds.get(k).pressureMicros * 1000, kinds.get(k).count);
        }
        out.append(row("everything else on the machine (its busy time less the above)", rest)).append("\n");
        out.append(row("CPU pressure: time in which some task of the machine waited", pressure)).append("\n");
        out.append("\nTimes each process's threads were put on a core in such a window (each is a thread woken or"
                + " resumed: a hand-off, a poll returning, a timer), and its time on a core per run at the later " + ones
                + ":\n\n| process | runs, first " + ones + " | runs, later " + ones + " | runs, quiet | µs on a core per"
                + " run, later " + ones + " |\n|---|---:|---:|---:|---:|\n");
        double[] runs = new double[3];
        for (String process : early.processes.keySet()) {
            double[] r = {early.meanRuns(process), late.meanRuns(process), quiet.meanRuns(process)};
            for (int i = 0; i < runs.length; i++) {
                runs[i] += r[i];
            }
            out.append(runsRow(process, r, late.meanMillis(process)[0])).append("\n");
        }
        out.append(runsRow("**all of them**", runs, total[2])).append("\n");
        out.append("\nThe busiest threads at the first " + ones + " (names as the kernel keeps them: 15 characters, a"
                + " number at the end dropped, so a pool's threads are one row):\n\n").append("| process / thread").append(header);
        early.threads.keySet().stream()
                .sorted(Comparator.comparingDouble((String t) -> -early.meanMillis(t)[0]))
                .limit(busiestThreads)
                .forEach(t -> out.append(row(t, means(kinds, t))).append("\n"));
        return out.toString();
    }

    private static double[] means(List<Windows> kinds, String key) {
        double[] values = new double[2 * kinds.size()];
        for (int k = 0; k < kinds.size(); k++) {
            double[] m = kinds.get(k).meanMillis(key);
            values[2 * k] = m[0];
            values[2 * k + 1] = m[1];
        }
        return values;
    }

    private static double mean(long nanos, int count) {
        return count == 0 ? 0 : nanos / 1e6 / count;
    }

    private static String runsRow(String name, double[] runs, double laterCpuMillis) {
        return String.format(Locale.ROOT, "| %s | %.0f | %.0f | %.0f | %s |", name, runs[0], runs[1], runs[2],
                runs[1] == 0 ? "–" : String.format(Locale.ROOT, "%.0f", laterCpuMillis * 1000 / runs[1]));
    }

    private static String row(String name, double[] values) {
        StringBuilder row = new StringBuilder("| ").append(name).append(" |");
        for (double v : values) {
            row.append(String.format(Locale.ROOT, " %.1f |", v));
        }
        return row.toString();
    }
}
