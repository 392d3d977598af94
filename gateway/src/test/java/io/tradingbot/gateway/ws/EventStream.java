package io.tradingbot.gateway.ws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A client of the gateway's {@code /api/v2/ws} over a real socket (the JDK's WebSocket), recording every event. A paused
 * stream stops reading, as a slow client does: the server's writes back up into the socket.
 */
public final class EventStream implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<JsonNode> events = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private final WebSocket socket;
    private volatile boolean paused;

    private EventStream(URI uri, String bearer) {
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        if (bearer != null) {
            builder.header("Authorization", "Bearer " + bearer);
        }
        this.socket = builder.buildAsync(uri, new Listener()).orTimeout(10, TimeUnit.SECONDS).join();
    }

    /** Connects with the token in {@code ?token=} (as a browser does), or with none when {@code token} is null. */
    public static EventStream withQueryToken(String baseUrl, String token) {
        String ws = baseUrl.replaceFirst("^http", "ws").replaceAll("/$", "") + "/api/v2/ws";
        return new EventStream(URI.create(token == null ? ws : ws + "?token=" + token), null);
    }

    /** Connects with {@code Authorization: Bearer}. */
    public static EventStream withHeader(String baseUrl, String token) {
        return new EventStream(URI.create(baseUrl.replaceFirst("^http", "ws").replaceAll("/$", "") + "/api/v2/ws"), token);
    }

    public void send(String text) {
        socket.sendText(text, true).join();
    }

    public void subscribe(String... symbols) {
        send("{\"action\":\"subscribe\",\"symbols\":" + JSON.valueToTree(List.of(symbols)) + "}");
        await(e -> e.path("event").asText().equals("subscribed"), Duration.ofSeconds(10));
    }

    /** Stops reading from the socket (demand 0) until {@link #resume()}. */
    public void pause() {
        paused = true;
    }

    public void resume() {
        paused = false;
        socket.request(1);
    }

    public List<JsonNode> events() {
        return new ArrayList<>(events);
    }

    public List<JsonNode> events(String name) {
        return events.stream().filter(e -> e.path("event").asText().equals(name)).toList();
    }

    /** The first event matching, waiting up to {@code timeout}; fails naming what arrived otherwise. */
    public JsonNode await(Predicate<JsonNode> matching, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (JsonNode event : events) {
                if (matching.test(event)) {
                    return event;
                }
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("no matching event within " + timeout + "; received " + events.size() + ": "
                + events.stream().map(e -> e.path("event").asText()).distinct().toList());
    }

    public JsonNode await(String event, Duration timeout) {
        return await(e -> e.path("event").asText().equals(event), timeout);
    }

    /** The status code of the gateway's close frame, once it closes the connection. */
    public CompletableFuture<Integer> closeCode() {
        return closeCode;
    }

    @Override
    public void close() {
        socket.abort();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    events.add(JSON.readTree(partial.toString()));
                } catch (Exception e) {
                    throw new IllegalStateException("the gateway sent a frame that is not JSON: " + partial, e);
                }
                partial.setLength(0);
            }
            if (!paused) {
                webSocket.request(1);
            }
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closeCode.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closeCode.completeExceptionally(error);
        }
    }
}
