package io.tradingbot.bitfinex.ws;

import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

import io.tradingbot.bitfinex.config.BitfinexClientConfig;
import io.tradingbot.bitfinex.error.BitfinexException;

/**
 * Public channels (ticker, candles, trades) spread over as many sockets as they need. Bitfinex accepts at most
 * {@value #MAX_CHANNELS_PER_SOCKET} channel subscriptions per connection and refuses the next with error 10305
 * ({@code subscribe: limit}); the pool puts at most {@code channelsPerSocket} on each socket, filling the oldest socket
 * that has room first and opening a new one when all are full.
 * <p>
 * Each socket is a {@link BitfinexWebSocketClient} of its own, so each reconnects and resubscribes its own channels
 * on its own; they share one {@link HttpClient} (one selector thread and one pool of workers for all of them). A
 * socket is opened (and connected) when the first channel is placed on it. Unsubscribing frees the channel for the next
 * subscription; a socket left without channels is closed unless it is the pool's last one.
 * <p>
 * Sockets are identified by a number that is never reused (1, 2, ...). Listeners hear every socket's state changes and
 * errors, with the socket's number; events of a channel are delivered on its socket's thread, as with the single client.
 */
public final class PublicChannelPool implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(PublicChannelPool.class);

    /** Bitfinex's limit of channel subscriptions per connection (docs: "Websocket: subscription limit"). */
    public static final int MAX_CHANNELS_PER_SOCKET = 30;
    /** Leaves headroom under Bitfinex's limit. */
    public static final int DEFAULT_CHANNELS_PER_SOCKET = 25;

    /** What one socket of the pool is doing. */
    public record SocketStatus(int id, ConnectionState state, int channels, long reconnects) {
        /** Open: its channels are (being re)subscribed. */
        public boolean connected() {
            return state == ConnectionState.CONNECTED || state == ConnectionState.AUTHENTICATED;
        }
    }

    /** Hears the state changes of every socket of the pool. */
    @FunctionalInterface
    public interface SocketListener {
        void stateChanged(int socket, ConnectionState state);
    }

    private final int channelsPerSocket;
    private final Supplier<BitfinexWebSocketClient> factory;
    /** The sockets' HttpClient when the pool made it, else null (the factory's clients own theirs). */
    private final HttpClient shared;
    private final List<SocketListener> stateListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<BitfinexException>> errorListeners = new CopyOnWriteArrayList<>();

    private final Object lock = new Object();
    /** In the order they were opened: the oldest socket with room gets the next channel. */
    private final Map<Integer, Socket> sockets = new LinkedHashMap<>();
    /** Closed sockets still being closed: their reconnects stay in the sum until they are retired. */
    private final List<Socket> closing = new ArrayList<>();
    private final Map<Subscription, Socket> owners = new IdentityHashMap<>();
    private int nextId = 1;
    /** Reconnects of the sockets closed so far, so that the sum never goes down. */
    private long retiredReconnects;
    private boolean closed;

    /**
     * A pool of {@code config}'s sockets on one {@link HttpClient}, which the pool closes last. Each client of its own
     * would bring its own selector thread and workers: 100 symbols' tickers and candles are 8 sockets.
     */
    public PublicChannelPool(BitfinexClientConfig config, int channelsPerSocket) {
        this(checked(channelsPerSocket), config,
                HttpClient.newBuilder().connectTimeout(config.connectTimeout()).build());
    }

    private PublicChannelPool(int channelsPerSocket, BitfinexClientConfig config, HttpClient shared) {
        this(channelsPerSocket, () -> new BitfinexWebSocketClient(config, shared), shared);
    }

    /**
     * @param channelsPerSocket 1 to {@value #MAX_CHANNELS_PER_SOCKET}
     * @param sockets           makes a new, unconnected client for each socket
     */
    public PublicChannelPool(int channelsPerSocket, Supplier<BitfinexWebSocketClient> sockets) {
        this(checked(channelsPerSocket), sockets, null);
    }

    private PublicChannelPool(int channelsPerSocket, Supplier<BitfinexWebSocketClient> sockets, HttpClient shared) {
        this.channelsPerSocket = channelsPerSocket;
        this.factory = sockets;
        this.shared = shared;
    }

    private static int checked(int channelsPerSocket) {
        if (channelsPerSocket < 1 || channelsPerSocket > MAX_CHANNELS_PER_SOCKET) {
            throw new IllegalArgumentException("channelsPerSocket " + channelsPerSocket + " is out of range: 1 to "
                    + MAX_CHANNELS_PER_SOCKET + " (Bitfinex refuses more channels on one connection)");
        }
        return channelsPerSocket;
    }

    // ---------------------------------------------------------------- listeners

    /** Register before subscribing to hear every socket from its first state on. */
    public void onStateChange(SocketListener listener) {
        stateListeners.add(listener);
    }

    /** Errors any socket's server reports: refused subscriptions (unknown symbol, 10305 limit), ... */
    public void onError(Consumer<BitfinexException> listener) {
        errorListeners.add(listener);
    }

    // ---------------------------------------------------------------- channels

    public Subscription subscribeTicker(String symbol, Consumer<MarketEvent> handler) {
        return place(client -> client.subscribeTicker(symbol, handler));
    }

    /** @param key {@code trade:TF:SYMBOL}, e.g. {@code trade:1m:tBTCUSD} */
    public Subscription subscribeCandles(String key, Consumer<MarketEvent> handler) {
        return place(client -> client.subscribeCandles(key, handler));
    }

    public Subscription subscribeTrades(String symbol, Consumer<MarketEvent> handler) {
        return place(client -> client.subscribeTrades(symbol, handler));
    }

    /** Frees the subscription's channel; a subscription this pool does not hold is ignored. */
    public void unsubscribe(Subscription sub) {
        Socket emptied = null;
        synchronized (lock) {
            Socket socket = owners.remove(sub);
            if (socket == null) {
                return;
            }
            socket.client.unsubscribe(sub);
            socket.channels--;
            if (socket.channels == 0 && sockets.size() > 1) {
                sockets.remove(socket.id);
                closing.add(socket);
                emptied = socket;
            }
        }
        if (emptied != null) {
            LOG.infof("Closing public socket %d: it has no channel left", emptied.id);
            retire(emptied);
        }
    }

    private Subscription place(Function<BitfinexWebSocketClient, Subscription> subscribe) {
        Socket opened = null;
        Subscription sub;
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("pool closed");
            }
            Socket target = null;
            for (Socket socket : sockets.values()) {
                if (socket.channels < channelsPerSocket) {
                    target = socket;
                    break;
                }
            }
            if (target == null) {
                target = new Socket(nextId++, factory.get());
                sockets.put(target.id, target);
                listen(target);
                opened = target;
            }
            sub = subscribe.apply(target.client);
            target.channels++;
            owners.put(sub, target);
        }
        if (opened != null) {
            // outside the lock: listeners hear CONNECTING at once and may ask the pool about its sockets
            LOG.infof("Opening public socket %d (at most %d channels per socket)", opened.id, channelsPerSocket);
            try {
                opened.client.connect();
            } catch (IllegalStateException e) {
                LOG.debugf("Public socket %d was closed before it connected", opened.id);
            }
        }
        return sub;
    }

    private void listen(Socket socket) {
        int id = socket.id;
        socket.client.onStateChange(state -> {
            for (SocketListener l : stateListeners) {
                try {
                    l.stateChanged(id, state);
                } catch (RuntimeException e) {
                    LOG.warn("socket state listener failed", e);
                }
            }
        });
        socket.client.onError(error -> {
            for (Consumer<BitfinexException> l : errorListeners) {
                try {
                    l.accept(error);
                } catch (RuntimeException e) {
                    LOG.warn("socket error listener failed", e);
                }
            }
        });
    }

    private void retire(Socket socket) {
        socket.client.close();
        synchronized (lock) {
            if (closing.remove(socket)) {
                retiredReconnects += socket.client.reconnectCount();
            }
        }
    }

    // ---------------------------------------------------------------- state

    /** The open sockets, oldest first. */
    public List<SocketStatus> sockets() {
        synchronized (lock) {
            List<SocketStatus> out = new ArrayList<>(sockets.size());
            for (Socket s : sockets.values()) {
                out.add(new SocketStatus(s.id, s.client.state(), s.channels, s.client.reconnectCount()));
            }
            return out;
        }
    }

    /** The subscriptions placed on socket {@code id}; empty for a socket that is not (or no longer) open. */
    public List<Subscription> subscriptions(int id) {
        synchronized (lock) {
            List<Subscription> out = new ArrayList<>();
            owners.forEach((sub, socket) -> {
                if (socket.id == id) {
                    out.add(sub);
                }
            });
            return out;
        }
    }

    /** Every socket that holds a channel is connected (true for a pool without channels). */
    public boolean allConnected() {
        return sockets().stream().allMatch(s -> s.channels() == 0 || s.connected());
    }

    /** Times any socket of the pool, open or closed since, was reopened after it was lost; never decreases. */
    public long reconnectCount() {
        synchronized (lock) {
            long sum = retiredReconnects;
            for (Socket s : sockets.values()) {
                sum += s.client.reconnectCount();
            }
            for (Socket s : closing) {
                sum += s.client.reconnectCount();
            }
            return sum;
        }
    }

    /** Closes every socket; the pool takes no subscription afterwards. */
    @Override
    public void close() {
        List<Socket> all;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            all = new ArrayList<>(sockets.values());
            sockets.clear();
            owners.clear();
            closing.addAll(all);
        }
        all.forEach(this::retire);
        if (shared != null) {
            shared.close();
        }
    }

    private static final class Socket {
        final int id;
        final BitfinexWebSocketClient client;
        /** Channels placed on it; changed under the pool's lock. */
        int channels;

        Socket(int id, BitfinexWebSocketClient client) {
            this.id = id;
            this.client = client;
        }
    }
}
