package io.tradingbot.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The Grafana dashboard charts metrics the services register (Kafka's own client metrics aside). */
class DashboardTest {
    private static final Pattern METRIC = Pattern.compile("\\b((?:tradingbot|market_data|account)_[a-z_]+)\\b");

    @Test
    void everyMetricOfTheDashboardIsRegisteredBySomeService() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(Repository.ROOT.resolve("k8s/dashboards/tradingbot.json").toFile());
        Set<String> charted = new TreeSet<>();
        dashboard.path("panels").forEach(panel -> panel.path("targets").forEach(target -> {
            Matcher metric = METRIC.matcher(target.path("expr").asText());
            while (metric.find()) {
                charted.add(metric.group(1));
            }
        }));
        assertThat(charted).contains("tradingbot_signals_total", "tradingbot_verdicts_total", "tradingbot_orders_total",
                "tradingbot_exchange_submit_seconds_bucket", "tradingbot_exchange_ws_reconnects_total");

        String sources = mainSources();
        for (String metric : charted) {
            String base = metric.replaceAll("_(total|bucket|count|sum|max)$", "").replaceAll("_seconds$", "");
            assertThat(sources.contains("\"" + base + "\"") || sources.contains("\"" + base.replace('_', '.') + "\""))
                    .as("%s (registered as \"%s\" or \"%s\" in a service)", metric, base, base.replace('_', '.')).isTrue();
        }
    }

    private static String mainSources() throws IOException {
        StringBuilder all = new StringBuilder();
        for (var module : Repository.SUITE.modules().values()) {
            Path sources = module.dir().resolve("src/main/java");
            try (Stream<Path> files = Files.walk(sources)) {
                files.filter(f -> f.toString().endsWith(".java")).forEach(f -> {
                    try {
                        all.append(Files.readString(f));
                    }
                    catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
        }
        return all.toString();
    }
}
