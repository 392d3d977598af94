package io.tradingbot.gateway.ws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.tradingbot.events.serde.EventJson;
import io.tradingbot.gateway.auth.Roles;
import jakarta.annotation.security.RolesAllowed;

import java.util.Map;

/**
 * {@code /api/v2/ws}: every event as {@code {"event", "data", "ts"}}; {@code ticker} and {@code candle} for the symbols a
 * client subscribes to. The handshake needs a viewer's token ({@code Authorization: Bearer} or {@code ?token=}).
 */
@WebSocket(path = "/api/v2/ws")
@RolesAllowed(Roles.VIEWER)
public class EventsSocket {
    private final EventHub hub;
    private final SecurityIdentity identity;

    public EventsSocket(EventHub hub, SecurityIdentity identity) {
        this.hub = hub;
        this.identity = identity;
    }

    @OnOpen
    public void open(WebSocketConnection connection) {
        String user = identity.getPrincipal().getName();
        Subscriber subscriber = hub.join(connection.id(), user, connection::sendText, OutboundEvent::envelope);
        subscriber.offer(OutboundEvent.of("welcome", Map.of("user", user, "roles", identity.getRoles().stream().sorted()
                .toList(), "subscribe", "{\"action\": \"subscribe\", \"symbols\": [\"tBTCUSD\"]} for ticker and candle "
                + "events")));
    }

    @OnTextMessage
    public void message(String text, WebSocketConnection connection) {
        Subscriber subscriber = hub.client(connection.id());
        if (subscriber == null) {
            return;
        }
        try {
            JsonNode json = EventJson.mapper().readTree(text);
            ClientAction action = ClientAction.parse(json);
            if (action.action().equals("ping")) {
                subscriber.offer(OutboundEvent.of("pong", Map.of()));
                return;
            }
            subscriber.offer(OutboundEvent.of(action.action().equals("subscribe") ? "subscribed" : "unsubscribed",
                    Map.of("symbols", action.apply(subscriber))));
        } catch (JsonProcessingException e) {
            subscriber.offer(OutboundEvent.of("error", Map.of("message", "not JSON: " + e.getOriginalMessage())));
        } catch (IllegalArgumentException e) {
            subscriber.offer(OutboundEvent.of("error", Map.of("message", e.getMessage())));
        }
    }

    @OnClose
    public void close(WebSocketConnection connection) {
        hub.leave(connection.id());
    }
}
