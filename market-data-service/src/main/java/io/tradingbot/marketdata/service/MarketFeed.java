package io.tradingbot.marketdata.service;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.tradingbot.bitfinex.error.BitfinexException;
import io.tradingbot.bitfinex.error.InvalidSymbolException;
import io.tradingbot.bitfinex.rest.BitfinexRestClient;
import io.tradingbot.bitfinex.rest.HistoryQuery;
import io.tradingbot.bitfinex.ws.ConnectionState;
import io.tradingbot.bitfinex.ws.MarketEvent;
import io.tradingbot.bitfinex.ws.PublicChannelPool;
import io.tradingbot.bitfinex.ws.Subscription;
import io.tradingbot.events.Candle;
import io.tradingbot.events.Ticker;
import io.tradingbot.marketdata.config.MarketDataConfig;
import io.tradingbot.marketdata.messaging.MarketPublisher;
import io.tradingbot.marketdata.messaging.PublishedCandles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.Callable;

/**
 * The live feed of every watched symbol: the ticker and the configured candle timeframes over Bitfinex's public
 * WebSocket, candle history over REST when a feed starts and after every reconnect, and gaps between two candles read
 * over REST before the later one is published. A symbol is watched while it is configured or has an active trading
 * session.
 * <p>
 * The channels are spread over a {@link PublicChannelPool} (Bitfinex allows 30 per connection): each socket reconnects
 * on its own, and after a reconnect only the channels of that socket are read again over REST.
 * <p>
 * Every change of state happens on one worker thread, in the order events arrived: WebSocket handlers only hand over
 * (the client delivers on its socket thread, which waits only when the worker is 50,000 events behind), and REST reads
 * may block the worker without
 * reordering anything.
 */
@ApplicationScoped
public class MarketFeed {
    private static final Logger LOG = Logger.getLogger(MarketFeed.class);
    /** Why a symbol is watched: the configuration, or an active trading session. */
    public static final String CONFIGURED = "configured";
    public static final String SESSION = "session";

    private final BitfinexRestClient rest;
    private final PublicChannelPool sockets;
    private final MarketPublisher publisher;
    private final FeedHealth health;
    private final SymbolCatalog catalog;
    private final MarketDataConfig config;
    private final PublishedCandles published;
    /** Last closed mts per {@code symbol|timeframe} an earlier run published; read once at start. */
    private final Map<String, Long> resumeAfter = new ConcurrentHashMap<>();
    /**
     * Bounded: past this many waiting events a socket's thread waits for room (its socket is then read more slowly, and
     * the exchange's TCP window fills) instead of the heap filling until the service dies, which is what 20,000 price
     * updates a second did to an unbounded queue. A task the worker hands itself runs at once: waiting would deadlock.
     */
    private static final int QUEUED_EVENTS = 50_000;
    private final ExecutorService worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new LinkedBlockingQueue<>(QUEUED_EVENTS), r -> {
                Thread t = new Thread(r, "market-data-feed");
                t.setDaemon(true);
                return t;
            }, (task, executor) -> {
                if (executor.isShutdown()) {
                    throw new RejectedExecutionException("shutting down");
                }
                if (Thread.currentThread().getName().equals("market-data-feed")) {
                    task.run();
                    return;
                }
                try {
                    executor.getQueue().put(task);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new RejectedExecutionException("interrupted while waiting for the feed");
                }
            });

    /** Reasons per watched symbol; touched on the worker only. */
    private final Map<String, Set<String>> reasons = new ConcurrentHashMap<>();
    private final Map<String, List<Subscription>> subscriptions = new ConcurrentHashMap<>();
    /** What each live subscription carries (keyed by identity: subscription ids repeat across sockets). */
    private final Map<Subscription, Channel> channels = new ConcurrentHashMap<>();
    private final Map<String, CandleTrack> tracks = new ConcurrentHashMap<>();
    private final Map<String, Ticker> lastTickers = new ConcurrentHashMap<>();
    /** Sockets lost and not yet open again: their channels are backfilled once they are. */
    private final Set<Integer> lostSockets = ConcurrentHashMap.newKeySet();

    /** A subscription's symbol, and its candle timeframe (null for the ticker). */
    private record Channel(String symbol, String timeframe) {
    }

    public MarketFeed(BitfinexRestClient rest, PublicChannelPool sockets, MarketPublisher publisher, FeedHealth health,
            SymbolCatalog catalog, MarketDataConfig config, PublishedCandles published, MeterRegistry metrics) {
        this.rest = rest;
        this.sockets = sockets;
        // Each reopening of any socket of the pool is a gap that the REST backfill after it has to close.
        FunctionCounter.builder("tradingbot.exchange.ws.reconnects", sockets, PublicChannelPool::reconnectCount)
                .description("Times an exchange WebSocket was reopened after it was lost (summed over the pool)")
                .tag("socket", "public")
                .register(metrics);
        Gauge.builder("market.data.ws.sockets", sockets, p -> p.sockets().size())
                .description("Public exchange WebSockets open (at most market-data.channels-per-socket channels each)")
                .register(metrics);
        this.publisher = publisher;
        this.health = health;
        this.catalog = catalog;
        this.config = config;
        this.published = published;
    }

    void onStart(@Observes StartupEvent event) {
        // sockets open as the feeds' channels need them
        sockets.onStateChange(this::socketState);
        sockets.onError(e -> LOG.warnf("Bitfinex refused a subscription or request: %s", e.getMessage()));
        // before any feed starts, so that each continues where the previous run stopped
        run("read what was published before", () -> {
            resumeAfter.putAll(published.lastClosed());
            if (!resumeAfter.isEmpty()) {
                LOG.infof("Continuing after the last closed candles published before: %s", resumeAfter);
            }
        });
        config.symbols().forEach(symbol -> watch(symbol, CONFIGURED));
    }

    void onStop(@Observes ShutdownEvent event) {
        worker.shutdownNow();
    }

    // ---------------------------------------------------------------- what is watched

    /** Starts the symbol's feed (asynchronously) unless it runs already; {@code reason} is {@link #CONFIGURED} or {@link #SESSION}. */
    public void watch(String symbol, String reason) {
        run("watch " + symbol, () -> {
            Set<String> why = reasons.get(symbol);
            if (why != null) {
                why.add(reason);
                return;
            }
            try {
                catalog.requireKnown(symbol);
            } catch (MalformedSymbolException | UnknownSymbolException e) {
                LOG.warnf("Not watching %s (%s): %s", symbol, reason, e.getMessage());
                return;
            } catch (BitfinexException e) {
                // the pair list is unavailable: subscribe anyway, the exchange will refuse a symbol it does not know
                LOG.warnf("Could not check %s against the exchange's pairs: %s", symbol, e.getMessage());
            }
            Set<String> first = ConcurrentHashMap.newKeySet();
            first.add(reason);
            reasons.put(symbol, first);
            startFeed(symbol);
        });
    }

    /** Drops one reason to watch the symbol; the feed stops when none is left. */
    public void unwatch(String symbol, String reason) {
        run("unwatch " + symbol, () -> {
            Set<String> why = reasons.get(symbol);
            if (why == null || !why.remove(reason) || !why.isEmpty()) {
                return;
            }
            reasons.remove(symbol);
            for (Subscription sub : subscriptions.getOrDefault(symbol, List.of())) {
                channels.remove(sub);
                sockets.unsubscribe(sub);
            }
            subscriptions.remove(symbol);
            health.stopped(symbol);
            LOG.infof("Stopped watching %s", symbol);
        });
    }

    public Set<String> watchedSymbols() {
        return new TreeSet<>(reasons.keySet());
    }

    public boolean isWatched(String symbol) {
        return reasons.containsKey(symbol);
    }

    private void startFeed(String symbol) {
        health.watching(symbol);
        for (String timeframe : config.timeframes()) {
            backfill(symbol, timeframe);
        }
        readTicker(symbol);
        List<Subscription> subs = new ArrayList<>();
        Subscription ticker = sockets.subscribeTicker(symbol,
                e -> run("ticker " + symbol, () -> onMarketEvent(symbol, null, e)));
        channels.put(ticker, new Channel(symbol, null));
        subs.add(ticker);
        for (String timeframe : config.timeframes()) {
            Subscription candles = sockets.subscribeCandles(BitfinexRestClient.candleKey(timeframe, symbol),
                    e -> run("candles " + timeframe + " " + symbol, () -> onMarketEvent(symbol, timeframe, e)));
            channels.put(candles, new Channel(symbol, timeframe));
            subs.add(candles);
        }
        subscriptions.put(symbol, subs);
        LOG.infof("Watching %s (%s): ticker and candles %s", symbol, reasons.get(symbol), config.timeframes());
    }

    // ---------------------------------------------------------------- events

    private void socketState(int socket, ConnectionState state) {
        if (state == ConnectionState.RECONNECTING) {
            lostSockets.add(socket);
        } else if (state == ConnectionState.CLOSED) {
            lostSockets.remove(socket);
        } else if (state == ConnectionState.CONNECTED && lostSockets.remove(socket)) {
            // What happened while the socket was down comes from REST; the snapshots that follow overlap it
            // harmlessly. Only this socket's channels missed anything: the other sockets stayed up, and reading every
            // symbol again would cost up to a candle read per (symbol, timeframe) under Bitfinex's 30 a minute.
            run("backfill after reconnect of socket " + socket, () -> backfillSocket(socket));
        }
    }

    private void backfillSocket(int socket) {
        Set<String> tickers = new LinkedHashSet<>();
        for (Subscription sub : sockets.subscriptions(socket)) {
            Channel channel = channels.get(sub);
            if (channel == null || !reasons.containsKey(channel.symbol())) {
                continue; // no longer watched
            }
            if (channel.timeframe() == null) {
                tickers.add(channel.symbol());
            } else {
                backfill(channel.symbol(), channel.timeframe());
            }
        }
        tickers.forEach(this::readTicker);
    }

    private void onMarketEvent(String symbol, String timeframe, MarketEvent event) {
        if (!reasons.containsKey(symbol)) {
            return; // a frame still in flight after unwatch
        }
        switch (event) {
            case MarketEvent.TickerUpdate update -> ticker(symbol, update.ticker());
            case MarketEvent.CandlesSnapshot snapshot -> candles(symbol, timeframe, snapshot.candles());
            case MarketEvent.CandleUpdate update -> candles(symbol, timeframe, List.of(update.candle()));
            default -> {
            }
        }
        health.seen(symbol);
    }

    private boolean ticker(String symbol, io.tradingbot.bitfinex.model.Ticker raw) {
        Ticker ticker;
        try {
            ticker = new Ticker(symbol, System.currentTimeMillis(), raw.bid(), raw.ask(), raw.lastPrice(), raw.volume(),
                    raw.dailyChange(), raw.dailyChangeRelative());
        } catch (IllegalArgumentException e) {
            LOG.warnf("Skipping a ticker of %s that is not a valid record: %s", symbol, e.getMessage());
            return false;
        }
        Ticker previous = lastTickers.put(symbol, ticker);
        if (previous != null && sameFigures(previous, ticker)) {
            return false; // the record's time is ours, not the exchange's: only new figures are news
        }
        publisher.publish(ticker);
        return true;
    }

    private static boolean sameFigures(Ticker a, Ticker b) {
        return Objects.equals(a.bid(), b.bid()) && Objects.equals(a.ask(), b.ask()) && Objects.equals(a.last(), b.last())
                && Objects.equals(a.volume(), b.volume()) && Objects.equals(a.dailyChange(), b.dailyChange())
                && Objects.equals(a.dailyChangeRelative(), b.dailyChangeRelative());
    }

    private int candles(String symbol, String timeframe, List<io.tradingbot.bitfinex.model.Candle> seen) {
        CandleTrack track = track(symbol, timeframe);
        track.accept(seen);
        Optional<long[]> gap = track.gap();
        if (gap.isPresent()) {
            long[] range = gap.get();
            try {
                track.accept(rest.candles(timeframe, symbol,
                        new HistoryQuery(range[0], range[1], config.historySize(), 1)));
            } catch (BitfinexException e) {
                // publishing past the gap would lose it for good: hold the closed candles until a read succeeds
                LOG.warnf("Could not read %s %s candles from %d to fill a gap, holding them back: %s", symbol,
                        timeframe, range[0], e.getMessage());
                return 0;
            }
        }
        int published = 0;
        for (Candle candle : track.drain()) {
            publisher.publish(candle);
            published++;
        }
        return published;
    }

    private CandleTrack track(String symbol, String timeframe) {
        return tracks.computeIfAbsent(symbol + "|" + timeframe,
                k -> new CandleTrack(symbol, timeframe, config.historySize(), resumeAfter.get(k)));
    }

    /** Reads the candles since the last published one (or the history, for a new track) over REST. */
    private int backfill(String symbol, String timeframe) {
        CandleTrack track = track(symbol, timeframe);
        HistoryQuery query = track.started()
                ? new HistoryQuery(track.watermark(), null, config.historySize(), 1)
                : HistoryQuery.limit(config.historySize());
        try {
            List<io.tradingbot.bitfinex.model.Candle> rows = rest.candles(timeframe, symbol, query);
            int published = candles(symbol, timeframe, rows);
            if (!rows.isEmpty()) {
                health.seen(symbol);
            }
            return published;
        } catch (BitfinexException e) {
            LOG.warnf("Could not read %s %s candle history (the WebSocket snapshot will have to do): %s", symbol,
                    timeframe, e.getMessage());
            return 0;
        }
    }

    private Optional<Ticker> readTicker(String symbol) {
        try {
            ticker(symbol, rest.ticker(symbol));
            return Optional.ofNullable(lastTickers.get(symbol));
        } catch (BitfinexException e) {
            LOG.warnf("Could not read the %s ticker: %s", symbol, e.getMessage());
            return Optional.empty();
        }
    }

    // ---------------------------------------------------------------- queries and commands (REST)

    /** The seed's {@code update_market_data}: ticker and candles re-read over REST, whatever is new published. */
    public RefreshResult refresh(String symbol) {
        catalog.requireKnown(symbol);
        return call("refresh " + symbol, () -> {
            io.tradingbot.bitfinex.model.Ticker raw = rest.ticker(symbol);
            boolean tickerPublished = ticker(symbol, raw);
            int candles = 0;
            for (String timeframe : config.timeframes()) {
                CandleTrack track = track(symbol, timeframe);
                HistoryQuery query = track.started()
                        ? new HistoryQuery(track.watermark(), null, config.historySize(), 1)
                        : HistoryQuery.limit(config.historySize());
                candles += candles(symbol, timeframe, rest.candles(timeframe, symbol, query));
            }
            if (reasons.containsKey(symbol)) {
                health.seen(symbol);
            }
            return new RefreshResult(symbol, lastTickers.get(symbol), tickerPublished, candles);
        });
    }

    /** The latest ticker: the feed's for a watched symbol, else read from the exchange. */
    public Ticker ticker(String symbol) {
        catalog.requireKnown(symbol);
        Ticker known = reasons.containsKey(symbol) ? lastTickers.get(symbol) : null;
        if (known != null) {
            return known;
        }
        io.tradingbot.bitfinex.model.Ticker raw = readExchange(symbol, () -> rest.ticker(symbol));
        return new Ticker(symbol, System.currentTimeMillis(), raw.bid(), raw.ask(), raw.lastPrice(), raw.volume(),
                raw.dailyChange(), raw.dailyChangeRelative());
    }

    /**
     * The newest {@code limit} candles, oldest first, the newest one still open: from the feed's history when it holds
     * that many, else from the exchange.
     */
    public List<Candle> candles(String symbol, String timeframe, int limit) {
        if (timeframe == null || !Symbols.TIMEFRAME.matcher(timeframe).matches()) {
            throw new IllegalArgumentException("timeframe '" + timeframe + "' is not a Bitfinex candle timeframe "
                    + "(1m 5m 15m 30m 1h 3h 6h 12h 1D 1W 14D 1M)");
        }
        if (limit < 1 || limit > 10_000) {
            throw new IllegalArgumentException("limit " + limit + " is out of range: 1 to 10000 candles");
        }
        catalog.requireKnown(symbol);
        CandleTrack track = reasons.containsKey(symbol) ? tracks.get(symbol + "|" + timeframe) : null;
        if (track != null && track.size() >= limit) {
            return track.history(limit);
        }
        List<io.tradingbot.bitfinex.model.Candle> newestFirst = readExchange(symbol,
                () -> rest.candles(timeframe, symbol, HistoryQuery.limit(limit)));
        List<Candle> out = new ArrayList<>();
        for (int i = newestFirst.size() - 1; i >= 0; i--) {
            io.tradingbot.bitfinex.model.Candle c = newestFirst.get(i);
            out.add(new Candle(symbol, timeframe, c.mts(), c.open(), c.close(), c.high(), c.low(), c.volume(), i != 0));
        }
        return out;
    }

    private static <T> T readExchange(String symbol, Callable<T> read) {
        try {
            return read.call();
        } catch (InvalidSymbolException e) {
            throw new UnknownSymbolException("Unknown symbol '" + symbol + "': " + e.getMessage());
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    // ---------------------------------------------------------------- the worker

    private void run(String what, Runnable task) {
        try {
            worker.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.errorf(e, "Market data task '%s' failed", what);
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.debugf("Shutting down: dropped '%s'", what);
        }
    }

    private <T> T call(String what, Callable<T> task) {
        Future<T> result = worker.submit(task);
        try {
            return result.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(what + " failed", e.getCause());
        } catch (TimeoutException e) {
            result.cancel(true);
            throw new FeedBusyException(what + " did not finish within 60 s: the exchange is slow or unreachable");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FeedBusyException(what + " was interrupted");
        }
    }
}
