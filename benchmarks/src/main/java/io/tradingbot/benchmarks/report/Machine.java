package io.tradingbot.benchmarks.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Where and when a run happened, for the head of each generated section. */
public final class Machine {
    private Machine() {
    }

    public static String describe(String command) {
        long memKb = meminfo("MemTotal:");
        return String.format(Locale.ROOT, "- date: %s%n- machine: %d cores (%s), %.1f GiB memory, %s%n- JDK: %s %s%n"
                        + "- load average at the start (1, 5, 15 min): %s; CPU pressure (share of time some task waited for a core, "
                        + "10 s / 60 s / 300 s): %s (other work on the machine competes with the run)%n"
                        + "- command: `%s`",
                ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")),
                Runtime.getRuntime().availableProcessors(), cpuModel(), memKb / 1024.0 / 1024.0,
                System.getProperty("os.name") + " " + System.getProperty("os.version"),
                System.getProperty("java.vm.name"), Runtime.version(), loadAverage(), cpuPressure(), command);
    }

    public static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return fields[0] + ", " + fields[1] + ", " + fields[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** The kernel's pressure stall information for the CPU, "some" line: 0 % is an idle machine. */
    public static String cpuPressure() {
        try {
            String some = Files.readAllLines(Path.of("/proc/pressure/cpu")).get(0);
            return some.replaceAll(".*avg10=([0-9.]+) avg60=([0-9.]+) avg300=([0-9.]+).*", "$1 % / $2 % / $3 %");
        } catch (IOException | IndexOutOfBoundsException e) {
            return "unknown";
        }
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU";
        }
    }

    private static long meminfo(String key) {
        try {
            return Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith(key))
                    .mapToLong(l -> Long.parseLong(l.replaceAll("[^0-9]", ""))).findFirst().orElse(0);
        } catch (IOException e) {
            return 0;
        }
    }
}
