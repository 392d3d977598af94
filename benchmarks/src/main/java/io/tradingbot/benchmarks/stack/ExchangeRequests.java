package io.tradingbot.benchmarks.stack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The authenticated REST requests the exchange received, by endpoint, read from the simulator's own metrics
 * ({@code sim_auth_requests_total{endpoint}}). Bitfinex allows 10 to 90 a minute per endpoint and blocks the address for
 * 60 s past that, so how many a trade costs bounds how many symbols one account can trade.
 */
final class ExchangeRequests {
    private static final String COUNT = "sim_auth_requests_total{";
    private static final Pattern ENDPOINT = Pattern.compile("endpoint=\"([^\"]*)\"");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private ExchangeRequests() {
    }

    /** Endpoint ({@code r/orders/{symbol}/hist}) to requests so far. */
    static Map<String, Long> read(String simulatorBaseUrl) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(simulatorBaseUrl + "/q/metrics"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("the simulator's /q/metrics answered " + response.statusCode());
        }
        return parse(response.body());
    }

    static Map<String, Long> parse(String scrape) {
        Map<String, Long> counts = new TreeMap<>();
        scrape.lines().filter(line -> line.startsWith(COUNT)).forEach(line -> {
            int close = line.lastIndexOf('}');
            Matcher endpoint = ENDPOINT.matcher(line.substring(COUNT.length(), close));
            long count = (long) Double.parseDouble(line.substring(close + 1).trim());
            counts.merge(endpoint.find() ? endpoint.group(1) : "?", count, Long::sum);
        });
        return counts;
    }

    /** What {@code after} counted beyond {@code before}, endpoints without any left out. */
    static Map<String, Long> since(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> since = new TreeMap<>();
        after.forEach((endpoint, count) -> {
            long n = count - before.getOrDefault(endpoint, 0L);
            if (n > 0) {
                since.put(endpoint, n);
            }
        });
        return since;
    }
}
