package io.tradingbot.bitfinex.ws;

import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.tradingbot.bitfinex.auth.NonceGenerator;
import io.tradingbot.bitfinex.auth.RequestSigner;
import io.tradingbot.bitfinex.config.BitfinexClientConfig;
import io.tradingbot.bitfinex.error.BitfinexErrors;
import io.tradingbot.bitfinex.error.BitfinexException;
import io.tradingbot.bitfinex.error.MaintenanceException;
import io.tradingbot.bitfinex.error.OrderRejectedException;
import io.tradingbot.bitfinex.error.TransportException;
import io.tradingbot.bitfinex.model.BitfinexJson;
import io.tradingbot.bitfinex.model.CancelMultiRequest;
import io.tradingbot.bitfinex.model.ClientOrderId;
import io.tradingbot.bitfinex.model.Notification;
import io.tradingbot.bitfinex.model.Order;
import io.tradingbot.bitfinex.model.OrderRequest;
import io.tradingbot.bitfinex.model.OrderUpdateRequest;

/**
 * Bitfinex WebSocket v2 on one socket: public channels (ticker, candles, trades) and the authenticated channel 0.
 * <ul>
 * <li>Reconnects with exponential backoff and jitter when the socket closes, errors, stays silent longer than
 * {@code deadAfter} (a ping is sent after {@code pingInterval} of silence), or the server sends info 20051; then
 * resubscribes every channel and re-authenticates. Snapshots follow, and replace what the caller held.</li>
 * <li>Info 20060 puts the client in {@link ConnectionState#PAUSED}; 20061 resumes it (with a fresh socket, so that
 * every channel and channel 0 are resynced).</li>
 * </ul>
 * Events are delivered on the socket's thread, in order; handlers should not block.
 */
public final class BitfinexWebSocketClient implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(BitfinexWebSocketClient.class);
    private static final Duration STABLE_AFTER = Duration.ofSeconds(10);

    private final BitfinexClientConfig config;
    private final NonceGenerator nonces;
    private final RequestSigner signer;
    private final ObjectMapper mapper = BitfinexJson.mapper();
    private final HttpClient http;
    private final boolean ownsHttp;
    private final ScheduledExecutorService scheduler;

    private final List<Consumer<AccountEvent>> accountListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<ConnectionState>> stateListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<Boolean>> pauseListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<BitfinexException>> errorListeners = new CopyOnWriteArrayList<>();
    private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();
    private final Map<Long, Subscription> byChanId = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, CompletableFuture<Notification>> pendingSubmits = new ConcurrentHashMap<>();

    private final Object lock = new Object();
    private ConnectionState state = ConnectionState.NEW;
    private Connection current;
    private int failedAttempts;
    private volatile AuthOptions authOptions;
    private volatile boolean authenticated;
    private volatile boolean paused;
    private volatile boolean closed;
    private volatile BitfinexException lastAuthError;
    private volatile long reconnects;

    public BitfinexWebSocketClient(BitfinexClientConfig config) {
        this(config, (HttpClient) null);
    }

    public BitfinexWebSocketClient(BitfinexClientConfig config, NonceGenerator nonces) {
        this(config, nonces, null);
    }

    /**
     * A socket on an HttpClient shared with others ({@link PublicChannelPool}): closing this one leaves it open. Null:
     * one of its own.
     */
    BitfinexWebSocketClient(BitfinexClientConfig config, HttpClient shared) {
        this(config, config.hasCredentials() ? NonceGenerator.forKey(config.apiKey()) : null, shared);
    }

    private BitfinexWebSocketClient(BitfinexClientConfig config, NonceGenerator nonces, HttpClient shared) {
        this.config = config;
        this.nonces = nonces;
        this.signer = config.hasCredentials() ? new RequestSigner(config.apiSecret()) : null;
        this.ownsHttp = shared == null;
        this.http = shared != null ? shared : HttpClient.newBuilder().connectTimeout(config.connectTimeout()).build();
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bitfinex-ws-supervisor");
            t.setDaemon(true);
            return t;
        });
        long tick = Math.max(100, Math.min(config.pingInterval().toMillis(), config.deadAfter().toMillis()) / 4);
        scheduler.scheduleWithFixedDelay(this::checkLiveness, tick, tick, TimeUnit.MILLISECONDS);
    }

    // ---------------------------------------------------------------- listeners

    public void onAccountEvent(Consumer<AccountEvent> listener) {
        accountListeners.add(listener);
    }

    public void onStateChange(Consumer<ConnectionState> listener) {
        stateListeners.add(listener);
    }

    /** Called with true when maintenance starts (trading paused), false when it ends. */
    public void onPauseChange(Consumer<Boolean> listener) {
        pauseListeners.add(listener);
    }

    /** Errors the server reports on the socket: refused auth (typed, e.g. nonce too small), subscribe errors. */
    public void onError(Consumer<BitfinexException> listener) {
        errorListeners.add(listener);
    }

    // ---------------------------------------------------------------- lifecycle

    /** Opens the socket (asynchronously); use {@link #awaitState} to wait for it. */
    public void connect() {
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("client closed");
            }
            if (state != ConnectionState.NEW) {
                return;
            }
        }
        openSocket();
    }

    /**
     * Authenticates channel 0 now (if connected) and after every reconnect.
     */
    public void authenticate(AuthOptions options) {
        if (signer == null) {
            throw new IllegalStateException("this client has no API key/secret");
        }
        this.authOptions = options;
        Connection conn = current;
        if (conn != null && conn.open) {
            if (lastAuthError != null) {
                conn.authSent.set(false); // a retry after a refused auth
            }
            sendAuth(conn);
        }
    }

    public ConnectionState state() {
        synchronized (lock) {
            return state;
        }
    }

    public boolean isPaused() {
        return paused;
    }

    public boolean isAuthenticated() {
        return authenticated;
    }

    /** The last refused authentication, or null. */
    public BitfinexException lastAuthError() {
        return lastAuthError;
    }

    /** How many times a new socket was opened after the first. */
    public long reconnectCount() {
        return reconnects;
    }

    /** Waits until the client is in {@code target}; false on timeout. */
    public boolean awaitState(ConnectionState target, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (state != target) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(lock, left);
            }
            return true;
        }
    }

    @Override
    public void close() {
        Connection conn;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            conn = current;
            current = null;
        }
        setState(ConnectionState.CLOSED);
        if (conn != null && conn.ws != null) {
            try {
                conn.ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(2, TimeUnit.SECONDS);
            } catch (Exception e) {
                conn.ws.abort();
            }
        }
        scheduler.shutdownNow();
        if (ownsHttp) {
            http.close();
        }
    }

    // ---------------------------------------------------------------- public channels

    public Subscription subscribeTicker(String symbol, Consumer<MarketEvent> handler) {
        return subscribe("ticker", Map.of("symbol", symbol), handler);
    }

    /** @param key {@code trade:TF:SYMBOL}, e.g. {@code trade:1m:tBTCUSD} */
    public Subscription subscribeCandles(String key, Consumer<MarketEvent> handler) {
        return subscribe("candles", Map.of("key", key), handler);
    }

    public Subscription subscribeTrades(String symbol, Consumer<MarketEvent> handler) {
        return subscribe("trades", Map.of("symbol", symbol), handler);
    }

    private Subscription subscribe(String channel, Map<String, String> fields, Consumer<MarketEvent> handler) {
        Map<String, String> request = new LinkedHashMap<>();
        request.put("channel", channel);
        request.putAll(fields);
        Subscription sub = new Subscription("s" + ids.incrementAndGet(), channel, request, handler);
        subscriptions.put(sub.subId(), sub);
        Connection conn = current;
        if (conn != null && conn.open) {
            sendSubscribe(conn, sub);
        }
        return sub;
    }

    public void unsubscribe(Subscription sub) {
        subscriptions.remove(sub.subId());
        Long chanId = sub.chanId();
        Connection conn = current;
        if (chanId != null && conn != null && conn.open) {
            ObjectNode event = mapper.createObjectNode().put("event", "unsubscribe").put("chanId", chanId);
            send(conn, event.toString());
        }
    }

    // ---------------------------------------------------------------- channel-0 inputs

    /**
     * Sends {@code [0,"on",null,{...}]}. The answer arrives as events: {@code n} (on-req) then {@code on}.
     *
     * @return the order's cid (assigned when the request had none), to match the events
     */
    public long submitOrder(OrderRequest request) {
        long cid = request.cid() != null ? request.cid() : ClientOrderId.next();
        OrderRequest withCid = request.cid() != null ? request : request.withCid(cid);
        sendInput("on", mapper.valueToTree(withCid.toBody()));
        return cid;
    }

    /**
     * Like {@link #submitOrder} but completes with the {@code on-req} notification of this order's cid; exceptionally
     * with {@link OrderRejectedException} when the exchange refuses it, or {@link TransportException} when the socket
     * was lost before the answer (the order may then exist: look it up by cid over REST, do not resend blindly).
     * Callers should bound the wait ({@code orTimeout}).
     */
    public CompletableFuture<Notification> submitOrderAsync(OrderRequest request) {
        long cid = request.cid() != null ? request.cid() : ClientOrderId.next();
        CompletableFuture<Notification> answer = new CompletableFuture<>();
        pendingSubmits.put(cid, answer);
        answer.whenComplete((n, e) -> pendingSubmits.remove(cid, answer));
        try {
            submitOrder(request.cid() != null ? request : request.withCid(cid));
        } catch (RuntimeException e) {
            answer.completeExceptionally(e);
        }
        return answer;
    }

    public void updateOrder(OrderUpdateRequest request) {
        sendInput("ou", mapper.valueToTree(request.toBody()));
    }

    public void cancelOrder(long id) {
        sendInput("oc", mapper.createObjectNode().put("id", id));
    }

    public void cancelOrderByCid(long cid, LocalDate date) {
        sendInput("oc", mapper.createObjectNode().put("cid", cid).put("cid_date", date.toString()));
    }

    public void cancelOrders(CancelMultiRequest request) {
        sendInput("oc_multi", mapper.valueToTree(request.body()));
    }

    private void sendInput(String type, JsonNode body) {
        if (paused) {
            throw new MaintenanceException("platform in maintenance: " + type + " not sent", 20060, 0);
        }
        Connection conn = current;
        if (!authenticated || conn == null || !conn.open) {
            throw new BitfinexException("channel 0 is not authenticated: " + type + " not sent", null, 0);
        }
        ArrayNode frame = mapper.createArrayNode().add(0).add(type).addNull().add(body);
        send(conn, frame.toString());
    }

    // ---------------------------------------------------------------- socket handling

    private void openSocket() {
        Connection conn = new Connection();
        synchronized (lock) {
            if (closed) {
                return;
            }
            current = conn;
        }
        setState(ConnectionState.CONNECTING);
        http.newWebSocketBuilder()
                .connectTimeout(config.connectTimeout())
                .buildAsync(config.webSocketUrl(), conn)
                .whenComplete((ws, error) -> {
                    if (error != null) {
                        lost(conn, "connect failed: " + error.getMessage());
                    }
                });
    }

    private void opened(Connection conn) {
        if (current != conn) {
            conn.ws.abort();
            return;
        }
        conn.openedAt = System.nanoTime();
        conn.open = true;
        conn.touch();
        byChanId.clear();
        setState(paused ? ConnectionState.PAUSED : ConnectionState.CONNECTED);
        sendAuth(conn);
        for (Subscription sub : subscriptions.values()) {
            sendSubscribe(conn, sub);
        }
    }

    private void lost(Connection conn, String reason) {
        long delay;
        synchronized (lock) {
            if (closed || current != conn) {
                return;
            }
            current = null;
            // only a socket that stayed up a while resets the backoff: one that is accepted then closed at once
            // must not make the client reconnect in a tight loop (Bitfinex bans IPs opening too many connections)
            if (conn.openedAt != 0 && System.nanoTime() - conn.openedAt > STABLE_AFTER.toNanos()) {
                failedAttempts = 0;
            }
            delay = backoff(failedAttempts++);
        }
        conn.open = false;
        authenticated = false;
        byChanId.clear();
        for (Subscription sub : subscriptions.values()) {
            sub.chanId(null);
        }
        if (conn.ws != null) {
            conn.ws.abort();
        }
        LOG.warnf("Bitfinex socket lost (%s); reconnecting in %d ms", reason, delay);
        for (Long cid : List.copyOf(pendingSubmits.keySet())) {
            CompletableFuture<Notification> pending = pendingSubmits.remove(cid);
            if (pending != null) {
                pending.completeExceptionally(new TransportException("socket lost before the answer to order cid " + cid
                        + "; look it up by cid before resending", null));
            }
        }
        setState(ConnectionState.RECONNECTING);
        scheduler.schedule(() -> {
            reconnects++;
            openSocket();
        }, delay, TimeUnit.MILLISECONDS);
    }

    /** min * 2^attempt capped at max, then a random 50-100 % of it so that clients do not reconnect in lockstep. */
    private long backoff(int attempt) {
        long min = config.reconnectMin().toMillis();
        long max = config.reconnectMax().toMillis();
        long base = Math.min(max, min << Math.min(attempt, 20));
        return base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1);
    }

    private void checkLiveness() {
        try {
            Connection conn = current;
            if (conn == null || !conn.open) {
                return;
            }
            long idle = System.nanoTime() - conn.lastTraffic;
            if (idle > config.deadAfter().toNanos()) {
                lost(conn, "no traffic for " + Duration.ofNanos(idle).toMillis() + " ms");
            } else if (idle > config.pingInterval().toNanos()
                    && System.nanoTime() - conn.lastPing > config.pingInterval().toNanos()) {
                conn.lastPing = System.nanoTime();
                send(conn, mapper.createObjectNode().put("event", "ping").put("cid", ids.incrementAndGet()).toString());
            }
        } catch (RuntimeException e) {
            LOG.warn("liveness check failed", e);
        }
    }

    private void sendAuth(Connection conn) {
        AuthOptions options = authOptions;
        if (options == null || !conn.authSent.compareAndSet(false, true)) {
            return; // connect() and authenticate() may race to send it: once per socket
        }
        // in the key's order, like a REST request: its nonce is not taken while one of those is in flight
        nonces.inOrder(nonce -> {
            String payload = RequestSigner.authPayload(nonce);
            ObjectNode event = mapper.createObjectNode()
                    .put("event", "auth")
                    .put("apiKey", config.apiKey())
                    .put("authSig", signer.hmac(payload))
                    .put("authNonce", Long.toString(nonce))
                    .put("authPayload", payload);
            if (options.deadManSwitch()) {
                event.put("dms", 4);
            }
            if (!options.filter().isEmpty()) {
                ArrayNode filter = event.putArray("filter");
                options.filter().forEach(filter::add);
            }
            send(conn, event.toString());
            return null;
        });
    }

    private void sendSubscribe(Connection conn, Subscription sub) {
        if (!conn.subscribed.add(sub.subId())) {
            return;
        }
        ObjectNode event = mapper.createObjectNode().put("event", "subscribe");
        sub.request().forEach(event::put);
        event.put("subId", sub.subId());
        send(conn, event.toString());
    }

    private CompletableFuture<WebSocket> send(Connection conn, String text) {
        synchronized (conn) {
            // The JDK WebSocket refuses a send while the previous one is pending: chain them.
            conn.sendChain = conn.sendChain.handle((r, e) -> null)
                    .thenCompose(v -> conn.ws.sendText(text, true));
            return conn.sendChain;
        }
    }

    private void message(Connection conn, String text) {
        if (current != conn) {
            return;
        }
        conn.touch();
        JsonNode node;
        try {
            node = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            LOG.warnf("unparseable frame ignored (%d chars)", text.length());
            return;
        }
        try {
            if (node.isObject()) {
                event(conn, node);
            } else if (node.isArray() && node.size() > 1) {
                data(node);
            }
        } catch (RuntimeException e) {
            LOG.warnf(e, "frame could not be handled: %s", node.path(1).asText());
        }
    }

    private void event(Connection conn, JsonNode event) {
        switch (event.path("event").asText()) {
            case "info" -> info(conn, event);
            case "subscribed" -> {
                String subId = event.path("subId").asText(null);
                if (subId != null && conn.subscribed.contains(subId) && !subscriptions.containsKey(subId)) {
                    // unsubscribed while its request was in flight: the server holds the channel, and every channel
                    // counts against its per-connection limit
                    send(conn, mapper.createObjectNode().put("event", "unsubscribe")
                            .put("chanId", event.path("chanId").asLong()).toString());
                    return;
                }
                Subscription sub = match(event);
                if (sub != null) {
                    sub.chanId(event.path("chanId").asLong());
                    byChanId.put(sub.chanId(), sub);
                }
            }
            case "unsubscribed" -> byChanId.remove(event.path("chanId").asLong());
            case "auth" -> {
                if ("OK".equals(event.path("status").asText())) {
                    authenticated = true;
                    lastAuthError = null;
                    setState(paused ? ConnectionState.PAUSED : ConnectionState.AUTHENTICATED);
                } else {
                    authenticated = false;
                    BitfinexException error = BitfinexErrors.of(
                            event.hasNonNull("code") ? event.get("code").asInt() : null, event.path("msg").asText(), 0);
                    lastAuthError = error;
                    LOG.warnf("Bitfinex refused authentication: %s", error.getMessage());
                    errorListeners.forEach(l -> l.accept(error));
                }
            }
            case "error" -> {
                BitfinexException error = BitfinexErrors.of(
                        event.hasNonNull("code") ? event.get("code").asInt() : null, event.path("msg").asText(), 0);
                LOG.warnf("Bitfinex socket error: %s", error.getMessage());
                errorListeners.forEach(l -> l.accept(error));
            }
            default -> {
                // pong, conf: the traffic itself is what liveness needs
            }
        }
    }

    private void info(Connection conn, JsonNode event) {
        if (event.has("version") && event.get("version").asInt() != 2) {
            LOG.errorf("server speaks WebSocket version %s, not 2", event.get("version").asText());
        }
        if (event.has("platform")) {
            setPaused(event.path("platform").path("status").asInt(1) == 0, true);
        }
        if (!event.has("code")) {
            return;
        }
        switch (event.get("code").asInt()) {
            case 20051 -> lost(conn, "server restart (20051)");
            case 20060 -> setPaused(true, true);
            case 20061 -> {
                setPaused(false, false);
                // A fresh socket resubscribes every channel and re-authenticates: state is resynced from snapshots.
                synchronized (lock) {
                    failedAttempts = 0;
                }
                lost(conn, "maintenance ended (20061)");
            }
            default -> LOG.debugf("info %d", event.get("code").asInt());
        }
    }

    /** @param updateState false when a reconnect follows at once (the state then goes RECONNECTING, not CONNECTED) */
    private void setPaused(boolean value, boolean updateState) {
        if (paused == value) {
            return;
        }
        paused = value;
        LOG.infof("Bitfinex platform %s", value ? "in maintenance: paused" : "operative: resumed");
        pauseListeners.forEach(l -> l.accept(value));
        Connection conn = current;
        if (!updateState) {
            return;
        }
        if (value) {
            setState(ConnectionState.PAUSED);
        } else if (conn != null && conn.open) {
            setState(authenticated ? ConnectionState.AUTHENTICATED : ConnectionState.CONNECTED);
        }
    }

    private Subscription match(JsonNode event) {
        String subId = event.path("subId").asText(null);
        if (subId != null && subscriptions.containsKey(subId)) {
            return subscriptions.get(subId);
        }
        String channel = event.path("channel").asText();
        String target = event.has("key") ? event.get("key").asText() : event.path("symbol").asText();
        for (Subscription sub : subscriptions.values()) {
            if (sub.channel().equals(channel) && sub.target().equals(target) && sub.chanId() == null) {
                return sub;
            }
        }
        return null;
    }

    private void data(JsonNode frame) {
        long chanId = frame.get(0).asLong();
        if (chanId == 0) {
            FrameDecoder.account(frame).ifPresent(e -> {
                if (e instanceof AccountEvent.NotificationEvent n && "on-req".equals(n.notification().type())) {
                    answerSubmit(n.notification());
                }
                accountListeners.forEach(l -> deliver(l, e));
            });
            return;
        }
        Subscription sub = byChanId.get(chanId);
        if (sub != null) {
            FrameDecoder.market(sub.channel(), sub.target(), frame).ifPresent(e -> deliver(sub.handler(), e));
        }
    }

    private void answerSubmit(Notification notification) {
        for (Order order : notification.orders()) {
            CompletableFuture<Notification> pending = order.cid() == null ? null : pendingSubmits.remove(order.cid());
            if (pending != null) {
                if (notification.isError()) {
                    pending.completeExceptionally(new OrderRejectedException(notification));
                } else {
                    pending.complete(notification);
                }
            }
        }
    }

    private static <T> void deliver(Consumer<T> listener, T event) {
        try {
            listener.accept(event);
        } catch (RuntimeException e) {
            LOG.warn("event listener failed", e);
        }
    }

    private void setState(ConnectionState next) {
        synchronized (lock) {
            if (closed && next != ConnectionState.CLOSED || state == next) {
                return;
            }
            state = next;
            lock.notifyAll();
        }
        LOG.debugf("Bitfinex socket %s", next);
        stateListeners.forEach(l -> deliver(l, next));
    }

    /** One socket: its listener, send chain and traffic clock. */
    private final class Connection implements WebSocket.Listener {
        private volatile WebSocket ws;
        private volatile boolean open;
        private volatile long lastTraffic = System.nanoTime();
        private volatile long lastPing = System.nanoTime();
        private volatile long openedAt;
        private CompletableFuture<WebSocket> sendChain = CompletableFuture.completedFuture(null);
        private final StringBuilder partial = new StringBuilder();
        private final java.util.concurrent.atomic.AtomicBoolean authSent = new java.util.concurrent.atomic.AtomicBoolean();
        private final java.util.Set<String> subscribed = ConcurrentHashMap.newKeySet();

        void touch() {
            lastTraffic = System.nanoTime();
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            this.ws = webSocket;
            webSocket.request(1);
            opened(this);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                message(this, text);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            touch();
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
            touch();
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
            touch();
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            lost(this, "closed by server " + statusCode + " " + reason);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            lost(this, "error: " + error);
        }
    }

    /** Snapshot of the current subscriptions (for tests and diagnostics). */
    public List<Subscription> subscriptions() {
        return new ArrayList<>(subscriptions.values());
    }
}
