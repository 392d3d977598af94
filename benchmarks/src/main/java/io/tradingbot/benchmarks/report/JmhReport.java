package io.tradingbot.benchmarks.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Turns a JMH result file ({@code -rf json -rff results.json}) into the {@code jmh} section of docs/benchmarks.md:
 * one row per benchmark and parameter set, score ± error, and the 20 µs target for strategy evaluation per new bar.
 * <p>
 * {@code java -cp benchmarks/target/benchmarks.jar io.tradingbot.benchmarks.report.JmhReport results.json
 * docs/benchmarks.md "<the JMH command>"}
 */
public final class JmhReport {
    static final double STRATEGY_TARGET_MICROS = 20;

    private JmhReport() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 3) {
            System.err.println("usage: JmhReport <jmh results.json> <docs/benchmarks.md> <command that produced it>");
            System.exit(2);
        }
        String table = table(new ObjectMapper().readTree(Path.of(args[0]).toFile()));
        String body = "### JMH results\n\n" + Machine.describe(args[2]) + "\n\n" + table;
        System.out.println(body);
        Report.writeSection(Path.of(args[1]), "jmh", body);
    }

    static String table(JsonNode results) {
        StringBuilder out = new StringBuilder("| benchmark | parameters | score | ± error (99.9%) | unit | target |\n"
                + "|---|---|---:|---:|---|---|\n");
        for (JsonNode r : results) {
            String name = r.path("benchmark").asText();
            String shortName = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1);
            StringJoiner params = new StringJoiner(", ");
            for (Map.Entry<String, JsonNode> p : r.path("params").properties()) {
                params.add(p.getKey() + "=" + p.getValue().asText());
            }
            JsonNode metric = r.path("primaryMetric");
            double score = metric.path("score").asDouble();
            double error = metric.path("scoreError").asDouble();
            String unit = metric.path("scoreUnit").asText();
            out.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s |%n", shortName, params, number(score),
                    Double.isNaN(error) ? "–" : number(error), unit, target(shortName, score, unit)));
        }
        return out.toString();
    }

    private static String target(String benchmark, double score, String unit) {
        if (!benchmark.startsWith("StrategyEvaluationBenchmark.appendAndEvaluate") || !unit.equals("us/op")) {
            return "";
        }
        return score <= STRATEGY_TARGET_MICROS ? "≤ 20 µs: met" : "≤ 20 µs: **missed**";
    }

    private static String number(double value) {
        return value >= 100 ? String.format(Locale.ROOT, "%.0f", value) : String.format(Locale.ROOT, "%.3f", value);
    }
}
