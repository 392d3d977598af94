package io.tradingbot.gateway.ws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradingbot.events.serde.EventJson;

/**
 * One event for the clients, serialized once however many receive it: {@code {"event", "data", "ts"}} on the WebSocket,
 * {@code 42["event", data]} on Socket.IO. {@code symbol} is set for market data, which only goes to clients subscribed to it.
 */
public final class OutboundEvent {
    private static final ObjectMapper JSON = EventJson.mapper();

    private final String event;
    private final String symbol;
    private final String data;
    private final long ts;
    private volatile String envelope;
    private volatile String socketIo;

    private OutboundEvent(String event, String symbol, String data, long ts) {
        this.event = event;
        this.symbol = symbol;
        this.data = data;
        this.ts = ts;
    }

    /** The answer to a Socket.IO event sent with an ack id ({@code 43<id>[data]}); a plain event elsewhere. */
    public static OutboundEvent ack(String ackId, Object data) {
        OutboundEvent event = of("ack", data);
        event.socketIo = "43" + ackId + "[" + event.data + "]";
        return event;
    }

    /** An event for every client. */
    public static OutboundEvent of(String event, Object data) {
        return new OutboundEvent(event, null, write(data), System.currentTimeMillis());
    }

    /** Market data of a symbol, for the clients subscribed to it. */
    public static OutboundEvent market(String event, String symbol, Object data) {
        return new OutboundEvent(event, symbol, write(data), System.currentTimeMillis());
    }

    public static OutboundEvent lagged(long dropped) {
        ObjectNode data = JSON.createObjectNode().put("dropped", dropped)
                .put("message", dropped + " events were dropped because this client read too slowly");
        return of("lagged", data);
    }

    private static String write(Object data) {
        try {
            return JSON.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialize " + data.getClass().getSimpleName(), e);
        }
    }

    public String event() {
        return event;
    }

    /** The symbol of a market-data event; null for the others. */
    public String symbol() {
        return symbol;
    }

    public long ts() {
        return ts;
    }

    String envelope() {
        String e = envelope;
        if (e == null) {
            e = "{\"event\":\"" + event + "\",\"data\":" + data + ",\"ts\":" + ts + "}";
            envelope = e;
        }
        return e;
    }

    String socketIoFrame() {
        String s = socketIo;
        if (s == null) {
            s = "42[\"" + event + "\"," + data + "]";
            socketIo = s;
        }
        return s;
    }
}
