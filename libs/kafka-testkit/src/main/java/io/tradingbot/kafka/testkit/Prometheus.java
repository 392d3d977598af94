package io.tradingbot.kafka.testkit;

import java.util.Arrays;

/** Reading a service's {@code /q/metrics} scrape in tests. */
public final class Prometheus {
    private Prometheus() {
    }

    /** The sum of a series' samples over the lines carrying every given label (0 when there is none). */
    public static double sum(String scrape, String name, String... labels) {
        return scrape.lines()
                .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                .filter(line -> Arrays.stream(labels).allMatch(line::contains))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }
}
