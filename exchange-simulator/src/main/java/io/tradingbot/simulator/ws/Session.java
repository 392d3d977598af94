package io.tradingbot.simulator.ws;

import io.quarkus.websockets.next.WebSocketConnection;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.tradingbot.simulator.engine.AccountEvent;
import io.tradingbot.simulator.engine.WireJson;
import io.tradingbot.simulator.service.Faults;
import io.vertx.core.Vertx;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** State of one /ws/2 socket: its subscriptions and, once authenticated, its account, filter and dead-man switch. */
final class Session {
    final WebSocketConnection connection;
    final Map<Integer, Subscription> subscriptions = new ConcurrentHashMap<>();
    volatile String account;
    /** Whether the key that authenticated this socket may trade (permissions are per key, not per account). */
    volatile boolean canWrite;
    volatile List<String> filter = List.of();
    volatile boolean deadManSwitch;
    /** Flags of the last "conf" event; only TIMESTAMP is applied. */
    volatile long confFlags;
    private final Vertx vertx;
    private final Faults faults;

    Session(WebSocketConnection connection, Vertx vertx, Faults faults) {
        this.connection = connection;
        this.vertx = vertx;
        this.faults = faults;
    }

    static final long TIMESTAMP = 32768;

    /** Sends a data frame; with the TIMESTAMP conf flag the event time (ms) is appended, as Bitfinex does. */
    void sendFrame(ArrayNode frame, long mts) {
        ArrayNode out = frame;
        if ((confFlags & TIMESTAMP) != 0) {
            out = frame.deepCopy();
            out.add(mts);
        }
        send(WireJson.write(out));
    }

    /** Sends a frame without blocking, after the injected latency if any. */
    void send(String text) {
        long delay = faults.latencyMillis();
        if (delay > 0) {
            vertx.setTimer(delay, id -> write(text));
        } else {
            write(text);
        }
    }

    private void write(String text) {
        if (connection.isOpen()) {
            connection.sendText(text).subscribe().with(ok -> {
            }, err -> {
            });
        }
    }

    /** The auth filter: empty lets everything through; otherwise the event's group (or group-key) must be listed. */
    boolean allows(AccountEvent e) {
        List<String> f = filter;
        if (f == null || f.isEmpty()) {
            return true;
        }
        String group = switch (e.type()) {
            case "n" -> "notify";
            case "ws", "wu" -> "wallet";
            case "bu" -> "balance";
            case "fos", "fcs", "fls", "fon", "fou", "foc" -> "funding";
            default -> "trading";
        };
        if (f.contains(group)) {
            return true;
        }
        String key = "wallet".equals(group) ? e.wallet() : e.symbol();
        return key != null && f.contains(group + "-" + key);
    }
}
