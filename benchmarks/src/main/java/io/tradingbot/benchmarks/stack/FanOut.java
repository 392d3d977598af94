package io.tradingbot.benchmarks.stack;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tradingbot.benchmarks.report.Latency;
import org.HdrHistogram.Recorder;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * WebSocket fan-out on the gateway's {@code /api/v2/ws}: many clients, each subscribed to market data, while prices move.
 * Delivery latency is receive time − the event's {@code ts} (the gateway stamps it when it turns the Kafka record into an
 * event), both on this machine's clock. Memory per connection is the gateway's RSS growth from connecting the clients,
 * divided by their number.
 */
public final class FanOut implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    public record Result(int clients, int connected, double eventsPerSecond, double perClientPerSecond,
            Latency delivery, long lagged, double rssPerConnectionKb, double updatesPerSecond) {
    }

    private final ExecutorService executor = Executors.newFixedThreadPool(2);
    private final HttpClient http = HttpClient.newBuilder().executor(executor).connectTimeout(Duration.ofSeconds(10))
            .build();
    private final Recorder recorder = new Recorder(3_600_000_000L, 3);
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong lagged = new AtomicLong();
    private final List<WebSocket> sockets = new ArrayList<>();
    private volatile boolean measuring;

    /** A viewer's token from {@code POST /api/v2/auth/ws-token}. */
    public String token(String gatewayUrl, String password) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(gatewayUrl + "/api/v2/auth/ws-token"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("username", "admin",
                        "password", password))))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("ws-token answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body()).path("token").asText();
    }

    /** Opens {@code clients} sockets (in batches, so the gateway's accept queue is not flooded), each subscribed. */
    public int connect(String wsUrl, String token, int clients, List<String> symbols, int symbolsPerClient)
            throws InterruptedException {
        URI uri = URI.create(wsUrl + "?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
        int batch = 50;
        for (int start = 0; start < clients; start += batch) {
            List<CompletableFuture<WebSocket>> pending = new ArrayList<>();
            for (int i = start; i < Math.min(clients, start + batch); i++) {
                List<String> mine = new ArrayList<>();
                for (int j = 0; j < Math.min(symbolsPerClient, symbols.size()); j++) {
                    mine.add(symbols.get((i + j) % symbols.size()));
                }
                String subscribe;
                try {
                    subscribe = JSON.writeValueAsString(Map.of("action", "subscribe", "symbols", mine));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                pending.add(http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(20))
                        .buildAsync(uri, new Client())
                        .thenCompose(ws -> ws.sendText(subscribe, true)));
            }
            for (CompletableFuture<WebSocket> f : pending) {
                try {
                    sockets.add(f.get(30, TimeUnit.SECONDS));
                } catch (Exception e) {
                    System.out.println("  a client could not connect: " + e);
                }
            }
        }
        return sockets.size();
    }

    public void startMeasuring() {
        recorder.reset();
        delivered.set(0);
        lagged.set(0);
        measuring = true;
    }

    /** Stops counting; returns (events delivered, lagged notices, the delivery latencies) since {@link #startMeasuring}. */
    public Result stopMeasuring(int clients, double seconds, double rssPerConnectionKb, double updatesPerSecond) {
        measuring = false;
        long events = delivered.get();
        return new Result(clients, sockets.size(), events / seconds, events / seconds / Math.max(1, sockets.size()),
                Latency.of(recorder.getIntervalHistogram()), lagged.get(), rssPerConnectionKb, updatesPerSecond);
    }

    private final class Client implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            if (!last) {
                partial.append(data);
            } else {
                String frame = partial.isEmpty() ? data.toString() : partial.append(data).toString();
                partial.setLength(0);
                onFrame(frame, System.currentTimeMillis());
            }
            webSocket.request(1);
            return null;
        }

        private void onFrame(String frame, long received) {
            if (!measuring) {
                return;
            }
            // {"event":"ticker","data":{...},"ts":1795608000123}: read the two fields without parsing the data
            boolean market = frame.startsWith("{\"event\":\"ticker\"") || frame.startsWith("{\"event\":\"candle\"");
            if (frame.startsWith("{\"event\":\"lagged\"")) {
                lagged.incrementAndGet();
                return;
            }
            if (!market) {
                return;
            }
            int at = frame.lastIndexOf("\"ts\":");
            if (at < 0) {
                return;
            }
            int end = at + 5;
            while (end < frame.length() && Character.isDigit(frame.charAt(end))) {
                end++;
            }
            long ts = Long.parseLong(frame, at + 5, end, 10);
            delivered.incrementAndGet();
            recorder.recordValue(Math.max(0, Math.min((received - ts) * 1000, 3_600_000_000L)));
        }
    }

    public static String table(Result r, int symbolsPerClient, int symbols) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%d clients asked, %d connected, each "
                        + "subscribed to %d of %d symbols; %,.0f price updates/s driven.%n%n", r.clients(),
                r.connected(), Math.min(symbolsPerClient, symbols), symbols, r.updatesPerSecond()));
        out.append("| events delivered/s (all clients) | per client/s | lagged notices | memory per connection KB |\n"
                + "|---:|---:|---:|---:|\n");
        out.append(String.format(Locale.ROOT, "| %,.0f | %,.1f | %d | %.1f |%n%n", r.eventsPerSecond(),
                r.perClientPerSecond(), r.lagged(), r.rssPerConnectionKb()));
        out.append(Latency.header("delivery (receive − ts)")).append("\n");
        out.append(r.delivery().row("ticker and candle events (target p99 ≤ 100 ms)")).append("\n");
        return out.toString();
    }

    @Override
    public void close() {
        for (WebSocket ws : sockets) {
            ws.abort();
        }
        http.close();
        executor.shutdownNow();
    }
}
