package io.tradingbot.simulator.ws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.tradingbot.simulator.engine.Account;
import io.tradingbot.simulator.engine.AccountEvent;
import io.tradingbot.simulator.engine.ApiKey;
import io.tradingbot.simulator.engine.Candle;
import io.tradingbot.simulator.engine.Exchange;
import io.tradingbot.simulator.engine.ExchangeException;
import io.tradingbot.simulator.engine.Market;
import io.tradingbot.simulator.engine.PublicTrade;
import io.tradingbot.simulator.engine.Timeframe;
import io.tradingbot.simulator.engine.WireJson;
import io.tradingbot.simulator.service.ExchangeService;
import io.tradingbot.simulator.service.Faults;
import io.vertx.core.Vertx;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/** Bitfinex's WebSocket v2 at /ws/2: info, ping, conf, public channels, auth and channel-0 inputs. */
@WebSocket(path = "/ws/2")
public class BitfinexSocket {
    private static final Logger LOG = Logger.getLogger(BitfinexSocket.class);
    private static final int MAX_CHANNELS = 30;
    private static final AtomicInteger CHAN_IDS = new AtomicInteger(17);
    private static final String SERVER_ID = UUID.randomUUID().toString();

    private final ExchangeService service;
    private final Publisher publisher;
    private final Faults faults;
    private final Vertx vertx;

    public BitfinexSocket(ExchangeService service, Publisher publisher, Faults faults, Vertx vertx) {
        this.service = service;
        this.publisher = publisher;
        this.faults = faults;
        this.vertx = vertx;
    }

    @OnOpen
    public void onOpen(WebSocketConnection connection) {
        Session s = new Session(connection, vertx, faults);
        publisher.register(s);
        ObjectNode info = WireJson.object().put("event", "info").put("version", 2).put("serverId", SERVER_ID);
        info.putObject("platform").put("status", service.exchange().maintenance() ? 0 : 1);
        s.send(WireJson.write(info));
    }

    @OnClose
    public void onClose(WebSocketConnection connection) {
        Session s = publisher.unregister(connection.id());
        if (s != null && s.account != null && s.deadManSwitch) {
            service.exchange().cancelAll(s.account);
        }
    }

    @OnTextMessage
    public void onMessage(WebSocketConnection connection, String text) {
        Session s = publisher.get(connection.id());
        if (s == null) {
            return;
        }
        try {
            JsonNode msg = WireJson.parse(text);
            if (msg != null && msg.isObject()) {
                onEvent(s, (ObjectNode) msg);
            } else if (msg != null && msg.isArray() && msg.size() >= 2 && msg.get(0).asInt(-1) == 0) {
                onInput(s, (ArrayNode) msg);
            } else {
                s.send(error("event: invalid", 10000, null));
            }
        } catch (RuntimeException e) {
            LOG.warn("could not handle a socket message", e);
            s.send(error("event: invalid", 10000, null));
        }
    }

    private static String error(String msg, int code, ObjectNode echo) {
        ObjectNode e = WireJson.object().put("event", "error").put("msg", msg).put("code", code);
        if (echo != null) {
            echo.fields().forEachRemaining(f -> {
                if (!f.getKey().equals("event")) {
                    e.set(f.getKey(), f.getValue());
                }
            });
        }
        return WireJson.write(e);
    }

    private void onEvent(Session s, ObjectNode msg) {
        String event = msg.path("event").asText("");
        switch (event) {
            case "ping" -> {
                ObjectNode pong = WireJson.object().put("event", "pong").put("ts", System.currentTimeMillis());
                if (msg.has("cid")) {
                    pong.set("cid", msg.get("cid"));
                }
                s.send(WireJson.write(pong));
            }
            case "conf" -> {
                s.confFlags = msg.path("flags").asLong(0);
                s.send(WireJson.write(WireJson.object().put("event", "conf").put("status", "OK")
                        .put("flags", s.confFlags)));
            }
            case "subscribe" -> subscribe(s, msg);
            case "unsubscribe" -> unsubscribe(s, msg);
            case "auth" -> auth(s, msg);
            default -> s.send(error("event: invalid", 10000, null));
        }
    }

    // ---------------------------------------------------------------- public channels

    private void subscribe(Session s, ObjectNode msg) {
        Exchange ex = service.exchange();
        String channel = msg.path("channel").asText("");
        ObjectNode echo = msg.deepCopy();
        echo.remove("event");
        String symbol = null;
        Timeframe tf = null;
        String key = null;
        String prec = null;
        int len = 25;
        switch (channel) {
            case "ticker", "trades", "book" -> {
                symbol = normalise(msg.path("symbol").asText(""));
                if (!symbolKnown(ex, symbol)) {
                    s.send(error("symbol: invalid", 10300, echo));
                    return;
                }
                if (channel.equals("book")) {
                    prec = msg.path("prec").asText("P0");
                    if (!prec.matches("P[0-4]|R0")) {
                        s.send(error("precision: invalid", 10300, echo));
                        return;
                    }
                    String l = msg.path("len").asText("25");
                    if (!l.matches("1|25|100|250")) {
                        s.send(error("length: invalid", 10300, echo));
                        return;
                    }
                    len = Integer.parseInt(l);
                }
            }
            case "candles" -> {
                key = msg.path("key").asText("");
                String[] parts = key.split(":", 3);
                Optional<Timeframe> t = parts.length == 3 && parts[0].equals("trade") ? Timeframe.of(parts[1])
                        : Optional.empty();
                if (t.isEmpty() || !symbolKnown(ex, parts[2])) {
                    s.send(error("key: invalid", 10300, echo));
                    return;
                }
                tf = t.get();
                symbol = parts[2];
            }
            default -> {
                s.send(error("channel: unknown", 10300, echo));
                return;
            }
        }
        Subscription candidate = new Subscription(0, channel, symbol, tf, key, prec, len);
        for (Subscription existing : s.subscriptions.values()) {
            if (existing.identity().equals(candidate.identity())) {
                ObjectNode dup = echo.deepCopy();
                dup.put("chanId", existing.chanId);
                s.send(error("subscribe: dup", 10301, dup));
                return;
            }
        }
        if (s.subscriptions.size() >= MAX_CHANNELS) {
            s.send(error("subscribe: limit", 10305, echo));
            return;
        }
        Subscription sub = new Subscription(CHAN_IDS.getAndIncrement(), channel, symbol, tf, key, prec, len);
        ObjectNode ok = WireJson.object().put("event", "subscribed").put("channel", channel).put("chanId", sub.chanId);
        if (msg.has("subId")) {
            ok.set("subId", msg.get("subId"));
        }
        if (channel.equals("candles")) {
            ok.put("key", key);
        } else {
            ok.put("symbol", symbol).put("pair", symbol.substring(1));
        }
        if (channel.equals("book")) {
            ok.put("prec", prec).put("freq", msg.path("freq").asText("F0")).put("len", Integer.toString(len));
        }
        final String sym = symbol;
        final Timeframe timeframe = tf;
        // Snapshot and registration under the exchange lock, so no update can slip in between.
        ex.locked(() -> {
            Market m = ex.market(sym);
            long now = ex.now();
            s.send(WireJson.write(ok));
            switch (channel) {
                case "ticker" -> s.sendFrame(WireJson.array(sub.chanId, ex.tickerFrame(m)), now);
                case "trades" -> {
                    List<PublicTrade> trades = m.trades();
                    ArrayNode rows = WireJson.array();
                    for (int i = trades.size() - 1; i >= 0 && rows.size() < 30; i--) {
                        rows.add(Exchange.tradeArray(trades.get(i)));
                    }
                    s.sendFrame(WireJson.array(sub.chanId, rows), now);
                }
                case "candles" -> {
                    List<Candle> candles = m.candles(timeframe, Long.MIN_VALUE, Long.MAX_VALUE);
                    ArrayNode rows = WireJson.array();
                    for (int i = candles.size() - 1; i >= 0 && rows.size() < 240; i--) {
                        rows.add(Exchange.candleArray(candles.get(i)));
                    }
                    s.sendFrame(WireJson.array(sub.chanId, rows), now);
                }
                case "book" -> {
                    s.sendFrame(WireJson.array(sub.chanId, Publisher.bookRows(m, sub.prec, sub.len)), now);
                    synchronized (sub.lastBook) {
                        sub.lastBook.putAll(Publisher.bookMap(m, sub.len));
                    }
                }
                default -> {
                }
            }
            s.subscriptions.put(sub.chanId, sub);
            return null;
        });
    }

    private static String normalise(String symbol) {
        return symbol.startsWith("t") || symbol.startsWith("f") ? symbol : "t" + symbol;
    }

    private static boolean symbolKnown(Exchange ex, String symbol) {
        return ex.markets().stream().anyMatch(m -> m.symbol().equals(symbol));
    }

    private void unsubscribe(Session s, ObjectNode msg) {
        int chanId = msg.path("chanId").asInt(-1);
        if (s.subscriptions.remove(chanId) == null) {
            s.send(WireJson.write(WireJson.object().put("event", "error").put("msg", "unsubscribe: invalid")
                    .put("code", 10400).put("chanId", chanId)));
            return;
        }
        s.send(WireJson.write(WireJson.object().put("event", "unsubscribed").put("status", "OK").put("chanId", chanId)));
    }

    // ---------------------------------------------------------------- auth

    private void auth(Session s, ObjectNode msg) {
        Exchange ex = service.exchange();
        if (ex.maintenance()) {
            s.send(authFailed(20060, "maintenance"));
            return;
        }
        if (s.account != null) {
            s.send(authFailed(10100, "auth: dup"));
            return;
        }
        String payload = msg.path("authPayload").asText("");
        JsonNode nonceNode = msg.get("authNonce");
        String nonce = nonceNode == null || nonceNode.isNull() ? payloadNonce(payload) : nonceNode.asText();
        if (!payload.startsWith("AUTH")) {
            s.send(authFailed(10100, "apikey: digest invalid"));
            return;
        }
        ApiKey a;
        try {
            a = ex.authenticate(msg.path("apiKey").asText(null), nonce, msg.path("authSig").asText(null),
                    List.of(payload.getBytes(StandardCharsets.UTF_8)), true);
        } catch (ExchangeException e) {
            s.send(authFailed(e.code(), e.text()));
            return;
        }
        if (!a.can("read")) {
            s.send(authFailed(10100, "apikey: invalid permission"));
            return;
        }
        boolean write = a.can("write");
        ObjectNode ok = WireJson.object().put("event", "auth").put("status", "OK").put("chanId", 0)
                .put("userId", a.account().userId()).put("auth_id", UUID.randomUUID().toString());
        ObjectNode caps = ok.putObject("caps");
        for (String cap : List.of("orders", "account", "funding", "history", "wallets", "withdraw", "positions")) {
            boolean canWrite = write && (cap.equals("orders") || cap.equals("positions"));
            caps.putObject(cap).put("read", cap.equals("withdraw") ? 0 : 1).put("write", canWrite ? 1 : 0);
        }
        boolean dms = msg.path("dms").asInt(0) == 4;
        if (dms) {
            ok.put("dms", 4);
        }
        List<String> filter = new ArrayList<>();
        if (msg.get("filter") instanceof ArrayNode f) {
            f.forEach(x -> filter.add(x.asText()));
        }
        ex.locked(() -> {
            s.send(WireJson.write(ok));
            s.filter = List.copyOf(filter);
            s.deadManSwitch = dms;
            for (AccountEvent e : ex.authSnapshot(a.account())) {
                if (s.allows(e)) {
                    s.sendFrame(e.frame(), e.mts());
                }
            }
            s.canWrite = write;
            s.account = a.account().name();
            return null;
        });
    }

    private static String payloadNonce(String payload) {
        return payload.startsWith("AUTH") ? payload.substring(4) : payload;
    }

    private static String authFailed(int code, String msg) {
        return WireJson.write(WireJson.object().put("event", "auth").put("status", "FAILED").put("chanId", 0)
                .put("code", code).put("msg", msg));
    }

    // ---------------------------------------------------------------- channel-0 inputs

    private void onInput(Session s, ArrayNode msg) {
        Exchange ex = service.exchange();
        String type = msg.get(1).asText("");
        if (s.account == null) {
            s.send(error("auth: invalid", 10200, null));
            return;
        }
        Account a = ex.account(s.account);
        if (a == null) {
            s.send(error("auth: invalid", 10200, null));
            return;
        }
        JsonNode payload = msg.size() > 3 ? msg.get(3) : null;
        switch (type) {
            case "on", "ou", "oc", "oc_multi" -> op(ex, a, s.canWrite, type, payload);
            case "ox_multi" -> {
                if (payload != null && payload.isArray()) {
                    Iterator<JsonNode> it = payload.elements();
                    while (it.hasNext()) {
                        JsonNode op = it.next();
                        if (op.isArray() && op.size() >= 2) {
                            op(ex, a, s.canWrite, op.get(0).asText(""), op.get(1));
                        }
                    }
                }
            }
            case "calc" -> {
                List<String> requests = new ArrayList<>();
                if (payload != null && payload.isArray()) {
                    payload.forEach(r -> requests.add(r.isArray() && !r.isEmpty() ? r.get(0).asText() : r.asText()));
                }
                ex.calc(a, requests);
            }
            case "n" -> {
                // Custom notifications (ucm-*) are echoed back to the account, as Bitfinex does.
                if (payload != null && payload.isObject()) {
                    ex.notifyCustom(a, payload.path("type").asText("ucm"), payload.get("info"));
                }
            }
            default -> s.send(error("event: invalid", 10000, null));
        }
    }

    private static void op(Exchange ex, Account a, boolean canWrite, String type, JsonNode payload) {
        try {
            if (!canWrite && Set.of("on", "ou", "oc", "oc_multi").contains(type)) {
                throw new ExchangeException(10100, "apikey: invalid permission");
            }
            switch (type) {
                case "on" -> ex.submit(a, payload);
                case "ou" -> ex.updateOrder(a, payload == null ? WireJson.object() : payload);
                case "oc" -> ex.cancelOrder(a, payload);
                case "oc_multi" -> ex.cancelMulti(a, payload);
                default -> {
                    return;
                }
            }
        } catch (ExchangeException e) {
            ArrayNode data = Exchange.rejectedOrder(payload);
            if (payload != null && payload.hasNonNull("id") && !payload.get("id").isArray()) {
                data.set(0, payload.get("id"));
            }
            ex.reject(a, type + "-req", type.equals("oc_multi") ? WireJson.array() : data, e);
        }
    }
}
