package io.tradingbot.simulator.support;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A raw JDK WebSocket client that records every frame it receives. */
public final class WsClient implements WebSocket.Listener, AutoCloseable {
    private final LinkedBlockingQueue<String> frames = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();
    private final StringBuilder partial = new StringBuilder();
    public final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final WebSocket socket;

    public WsClient(URI uri) {
        this.socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(uri, this)
                .orTimeout(10, TimeUnit.SECONDS).join();
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            frames.add(partial.toString());
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.complete(-1);
    }

    public void send(String text) {
        socket.sendText(text, true).join();
    }

    /** Waits for the next frame matching the predicate; frames skipped on the way are kept in {@link #seen()}. */
    public JsonNode await(Predicate<JsonNode> match, Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = end - System.nanoTime();
            String f;
            try {
                f = left <= 0 ? null : frames.poll(left, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            if (f == null) {
                throw new AssertionError("no matching frame within " + timeout + "; seen: " + seen);
            }
            seen.add(f);
            JsonNode j = Bfx.parse(f);
            if (match.test(j)) {
                return j;
            }
        }
    }

    public JsonNode await(Predicate<JsonNode> match) {
        return await(match, Duration.ofSeconds(5));
    }

    public JsonNode event(String event) {
        return await(j -> j.isObject() && event.equals(j.path("event").asText()));
    }

    public List<String> seen() {
        return seen;
    }

    /** Frames received so far (and within {@code wait}) without blocking for a match. */
    public List<JsonNode> drain(Duration wait) {
        List<JsonNode> out = new ArrayList<>();
        long end = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < end) {
            try {
                String f = frames.poll(50, TimeUnit.MILLISECONDS);
                if (f != null) {
                    seen.add(f);
                    out.add(Bfx.parse(f));
                }
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
        return out;
    }

    public static Predicate<JsonNode> chan0(String type) {
        return j -> j.isArray() && j.size() >= 3 && j.get(0).asInt(-1) == 0 && type.equals(j.get(1).asText());
    }

    /** Authenticates with a signature computed over "AUTH" + nonce, as the docs show. */
    public JsonNode auth(Bfx.Creds c, String extra) {
        long nonce = Bfx.nonce();
        String payload = "AUTH" + nonce;
        send("{\"event\":\"auth\",\"apiKey\":\"" + c.key() + "\",\"authSig\":\"" + Bfx.hmac(c.secret(), payload)
                + "\",\"authNonce\":" + nonce + ",\"authPayload\":\"" + payload + "\"" + (extra == null ? "" : "," + extra)
                + "}");
        return event("auth");
    }

    @Override
    public void close() {
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(2, TimeUnit.SECONDS);
        } catch (Exception e) {
            socket.abort();
        }
    }

    public void abort() {
        socket.abort();
    }
}
