package io.tradingbot.benchmarks.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One reading of a process from {@code /proc}: resident memory ({@code VmRSS} of {@code /proc/<pid>/status}, and of it
 * {@code RssFile}: pages of mapped files such as the jars and the AOT cache, which the kernel can drop and processes can
 * share, unlike the heap and the rest of {@code RssAnon}) and CPU time consumed so far ({@code utime + stime} of
 * {@code /proc/<pid>/stat}, children not included). Two readings give the CPU share over the time between them.
 */
public record ProcessSample(long pid, long rssKb, long rssFileKb, long cpuTicks, long nanoTime) {
    /** Clock ticks per second of {@code /proc/<pid>/stat}: 100 on every Linux this runs on (USER_HZ). */
    static final long TICKS_PER_SECOND = 100;

    public static Optional<ProcessSample> read(long pid) {
        try {
            long now = System.nanoTime();
            List<String> status = Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"));
            return Optional.of(new ProcessSample(pid, kb(status, "VmRSS:"), kb(status, "RssFile:"),
                    cpuTicks(Files.readString(Path.of("/proc", Long.toString(pid), "stat"))), now));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty(); // gone
        }
    }

    private static long kb(List<String> status, String field) {
        return status.stream().filter(l -> l.startsWith(field))
                .mapToLong(l -> Long.parseLong(l.replaceAll("[^0-9]", ""))).findFirst().orElse(0);
    }

    /** utime + stime: fields 14 and 15, counted after the command name, which may itself hold spaces. */
    static long cpuTicks(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // fields[0] is field 3 (state): utime is field 14, stime field 15
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** CPU used between {@code earlier} and this reading, in percent of one core. */
    public double cpuPercentSince(ProcessSample earlier) {
        double seconds = (nanoTime - earlier.nanoTime) / 1e9;
        if (seconds <= 0) {
            return 0;
        }
        return (cpuTicks - earlier.cpuTicks) * 100.0 / TICKS_PER_SECOND / seconds;
    }

    public double rssMb() {
        return rssKb / 1024.0;
    }
}
