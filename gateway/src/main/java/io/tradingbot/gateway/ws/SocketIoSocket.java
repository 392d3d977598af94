package io.tradingbot.gateway.ws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.smallrye.jwt.runtime.auth.JsonWebTokenCredential;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AnonymousAuthenticationRequest;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.tradingbot.events.serde.EventJson;
import io.tradingbot.gateway.auth.Roles;
import io.tradingbot.gateway.config.GatewayConfig;
import io.vertx.core.Vertx;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Socket.IO v4 on Engine.IO v4 over the websocket transport, for the seed's Socket.IO clients: an unmodified
 * socket.io-client v4 with {@code transports: ["websocket"]} and {@code auth: {token}} receives the same events by name.
 * The token comes in the Socket.IO CONNECT packet, not on the handshake, so the handshake itself is open.
 * Long-polling is not offered (the open packet lists no upgrades).
 */
@WebSocket(path = "/socket.io/")
public class SocketIoSocket {
    private static final Logger LOG = Logger.getLogger(SocketIoSocket.class);
    private static final ObjectMapper JSON = EventJson.mapper();
    private static final int MAX_PAYLOAD = 100_000;

    private final EventHub hub;
    private final IdentityProviderManager identities;
    private final Vertx vertx;
    private final long pingMillis;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    public SocketIoSocket(EventHub hub, IdentityProviderManager identities, Vertx vertx, GatewayConfig config) {
        this.hub = hub;
        this.identities = identities;
        this.vertx = vertx;
        this.pingMillis = config.ws().socketIoPingInterval().toMillis();
    }

    /** One Engine.IO connection: its ping timer and, once CONNECTed, its place in the hub. */
    private static final class Session {
        volatile long lastPong = System.currentTimeMillis();
        volatile long timer = -1;
        volatile Subscriber subscriber;
    }

    @OnOpen
    public void open(WebSocketConnection connection) {
        String query = connection.handshakeRequest().query();
        if (query == null || !query.contains("EIO=4") || !query.contains("transport=websocket")) {
            connection.sendText("44{\"message\":\"only Engine.IO v4 over the websocket transport is "
                    + "served: connect with transports: ['websocket']\"}").subscribe()
                    .with(ok -> connection.close().subscribe().with(x -> { }), failure -> { });
            return;
        }
        Session session = new Session();
        sessions.put(connection.id(), session);
        ObjectNode handshake = JSON.createObjectNode().put("sid", connection.id());
        handshake.putArray("upgrades");
        handshake.put("pingInterval", pingMillis).put("pingTimeout", pingMillis).put("maxPayload", MAX_PAYLOAD);
        connection.sendTextAndAwait("0" + handshake);
        session.timer = vertx.setPeriodic(pingMillis, id -> {
            if (System.currentTimeMillis() - session.lastPong > 2 * pingMillis + 1_000) {
                LOG.debugf("Socket.IO client %s stopped answering pings", connection.id());
                connection.close().subscribe().with(x -> { }, failure -> { });
                return;
            }
            connection.sendText("2").subscribe().with(x -> { }, failure -> { });
        });
    }

    @OnTextMessage
    public void message(String text, WebSocketConnection connection) {
        Session session = sessions.get(connection.id());
        if (session == null || text.isEmpty()) {
            return;
        }
        switch (text.charAt(0)) {
            case '3' -> session.lastPong = System.currentTimeMillis();
            case '2' -> connection.sendTextAndAwait("3" + text.substring(1));
            case '1' -> connection.closeAndAwait();
            case '4' -> packet(text.substring(1), session, connection);
            default -> LOG.debugf("Ignoring Engine.IO packet type %s", text.charAt(0));
        }
    }

    private void packet(String packet, Session session, WebSocketConnection connection) {
        if (packet.isEmpty()) {
            return;
        }
        char type = packet.charAt(0);
        String rest = packet.substring(1);
        String namespace = "/";
        if (rest.startsWith("/")) {
            int comma = rest.indexOf(',');
            namespace = comma < 0 ? rest : rest.substring(0, comma);
            rest = comma < 0 ? "" : rest.substring(comma + 1);
        }
        int digits = 0;
        while (digits < rest.length() && Character.isDigit(rest.charAt(digits))) {
            digits++;
        }
        String ackId = rest.substring(0, digits);
        String payload = rest.substring(digits);
        if (!namespace.equals("/")) {
            connection.sendTextAndAwait("44" + namespace + ",{\"message\":\"Invalid namespace\"}");
            return;
        }
        switch (type) {
            case '0' -> connect(payload, session, connection);
            case '1' -> {
                hub.leave(connection.id());
                session.subscriber = null;
            }
            case '2' -> event(payload, ackId, session);
            default -> LOG.debugf("Ignoring Socket.IO packet type %s", type);
        }
    }

    private void connect(String payload, Session session, WebSocketConnection connection) {
        String token = null;
        try {
            JsonNode auth = payload.isBlank() ? null : JSON.readTree(payload);
            if (auth != null && auth.path("token").isTextual()) {
                token = auth.get("token").asText();
            }
        } catch (JsonProcessingException e) {
            connection.sendTextAndAwait("44{\"message\":\"the CONNECT payload is not JSON\"}");
            return;
        }
        SecurityIdentity identity;
        try {
            identity = (token == null ? identities.authenticate(AnonymousAuthenticationRequest.INSTANCE)
                    : identities.authenticate(new TokenAuthenticationRequest(new JsonWebTokenCredential(token))))
                    .await().atMost(Duration.ofSeconds(5));
        } catch (AuthenticationFailedException e) {
            identity = null;
        }
        if (identity == null || identity.isAnonymous() || !identity.hasRole(Roles.VIEWER)) {
            connection.sendTextAndAwait("44{\"message\":\"" + (token == null ? "no token: connect with auth: {token}"
                    : "invalid or expired token") + "\"}");
            return;
        }
        connection.sendTextAndAwait("40{\"sid\":\"" + connection.id() + "\"}");
        String user = identity.getPrincipal().getName();
        session.subscriber = hub.join(connection.id(), user, connection::sendText, OutboundEvent::socketIoFrame);
    }

    private void event(String payload, String ackId, Session session) {
        Subscriber subscriber = session.subscriber;
        if (subscriber == null) {
            return;
        }
        try {
            JsonNode event = JSON.readTree(payload);
            if (!event.isArray() || event.isEmpty() || !event.get(0).isTextual()) {
                throw new IllegalArgumentException("an event is [name, payload]");
            }
            String name = event.get(0).asText();
            JsonNode argument = event.path(1);
            JsonNode symbols = argument.isArray() ? argument : argument.get("symbols");
            ClientAction action = switch (name) {
                case "subscribe", "unsubscribe" -> new ClientAction(name, ClientAction.symbols(symbols));
                default -> throw new IllegalArgumentException("unknown event '" + name + "'; emit subscribe or "
                        + "unsubscribe with {symbols: [...]}");
            };
            List<String> now = action.apply(subscriber);
            if (!ackId.isEmpty()) {
                subscriber.offer(OutboundEvent.ack(ackId, Map.of("symbols", now)));
            } else {
                subscriber.offer(OutboundEvent.of(name.equals("subscribe") ? "subscribed" : "unsubscribed",
                        Map.of("symbols", now)));
            }
        } catch (JsonProcessingException | IllegalArgumentException e) {
            String message = e instanceof JsonProcessingException j ? "not JSON: " + j.getOriginalMessage() : e.getMessage();
            subscriber.offer(OutboundEvent.of("error", Map.of("message", message)));
        }
    }

    @OnClose
    public void close(WebSocketConnection connection) {
        Session session = sessions.remove(connection.id());
        if (session != null && session.timer >= 0) {
            vertx.cancelTimer(session.timer);
        }
        hub.leave(connection.id());
    }
}
