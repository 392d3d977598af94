package io.tradingbot.marketdata.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.tradingbot.events.Candle;
import io.tradingbot.events.Ticker;
import io.tradingbot.events.Topics;
import io.tradingbot.marketdata.config.MarketDataConfig;
import io.tradingbot.support.messaging.ChannelProducer;
import io.tradingbot.support.messaging.RecordSender;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Puts candles on {@code market.candles.v1} and tickers on {@code market.tickers.v1}, keyed by symbol so that one
 * symbol's records stay in order. The producer is idempotent, so its retries do not duplicate them. Both go through one
 * channel and so one producer, each record naming its topic: one producer per topic took a fifth to a half more CPU per
 * price update (docs/benchmarks.md, 2026-11-26 late night). Records go to it from the thread that publishes them,
 * without a hand-off to the channel's sending thread ({@link ChannelProducer}).
 * <p>
 * At most {@code market-data.max-in-flight} records wait for the broker. When the broker is behind (an overload, an
 * outage), a ticker or an open candle is a state that the next one replaces, so only the latest per series is held
 * back and sent once there is room: consumers get current prices late by one round trip instead of every stale price in
 * order, and the exchange socket is still read at full speed (Bitfinex drops a client that reads too slowly). A closed
 * candle is an event and is never dropped: it supersedes the open updates of its own candle, and up to
 * {@value #HELD_CLOSED} of them are held; past that the feed waits for the broker.
 */
@ApplicationScoped
public class MarketPublisher {
    private static final Logger LOG = Logger.getLogger(MarketPublisher.class);
    /** Closed candles held while the broker is behind before the feed waits. */
    static final int HELD_CLOSED = 10_000;
    /** The emitter, used until the producer knows the topics, buffers as many records as may be in flight. */
    private static final long BUFFER = MarketDataConfig.MAX_IN_FLIGHT;

    private final RecordSender<Object> market;
    private final MeterRegistry metrics;
    private final int maxInFlight;
    private final int maxHeldClosed;

    // Guarded by this: which series wait, in the order they started waiting, and what each one holds.
    private final Map<String, Held> held = new HashMap<>();
    private final ArrayDeque<String> waiting = new ArrayDeque<>();
    private int inFlight;
    private int heldClosed;
    private boolean draining;

    /** Resolved once per series: a registry lookup with its tag arrays per record was a visible share of the feed's time. */
    private final Map<String, Counter> counters = new HashMap<>();
    private final Counter conflatedTickers;
    private final Counter conflatedCandles;

    @Inject
    public MarketPublisher(MeterRegistry metrics, MarketDataConfig config, KafkaClientService kafka,
            @Channel("market") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = BUFFER)
            MutinyEmitter<Object> market) {
        this(metrics, new ChannelProducer<>(kafka, market, "market", Topics.MARKET_CANDLES, Topics.MARKET_TICKERS),
                config.maxInFlight(), HELD_CLOSED);
    }

    MarketPublisher(MeterRegistry metrics, RecordSender<Object> market, int maxInFlight, int maxHeldClosed) {
        this.market = market;
        this.metrics = metrics;
        this.maxInFlight = maxInFlight;
        this.maxHeldClosed = maxHeldClosed;
        this.conflatedTickers = Counter.builder("market_data_conflated").tag("kind", "ticker")
                .description("Records replaced by a newer state of their series while the broker was behind")
                .register(metrics);
        this.conflatedCandles = Counter.builder("market_data_conflated").tag("kind", "open_candle")
                .description("Records replaced by a newer state of their series while the broker was behind")
                .register(metrics);
    }

    public void publish(Candle candle) {
        offer(new Outgoing(candle.symbol() + '|' + candle.timeframe(), candle, null));
    }

    public void publish(Ticker ticker) {
        offer(new Outgoing(ticker.symbol(), null, ticker));
    }

    private synchronized void offer(Outgoing record) {
        Held series = held.get(record.series());
        if (series == null && inFlight < maxInFlight) {
            send(record);
            return;
        }
        if (series == null) {
            series = new Held();
            held.put(record.series(), series);
            waiting.addLast(record.series());
        }
        if (!record.isClosedCandle()) {
            if (series.latest != null) {
                (record.ticker() != null ? conflatedTickers : conflatedCandles).increment();
            }
            series.latest = record;
            return;
        }
        // The final state of its candle: the open updates of that candle are moot. An open update of another candle
        // (never expected: a candle closes before the next opens) keeps its place in front.
        if (series.latest != null) {
            if (series.latest.candle().mts() == record.candle().mts()) {
                conflatedCandles.increment();
            } else {
                series.closed.addLast(series.latest);
                heldClosed++;
            }
            series.latest = null;
        }
        series.closed.addLast(record);
        heldClosed++;
        while (heldClosed > maxHeldClosed) {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                LOG.debug("Shutting down while the broker is behind: held closed candles are not sent");
                return;
            }
        }
    }

    /** A record left the producer (written or refused): its place goes to the series that waited longest. */
    private synchronized void settled() {
        inFlight--;
        if (draining) {
            return; // an acknowledgement inside send(): the loop below goes on
        }
        draining = true;
        try {
            while (inFlight < maxInFlight && !waiting.isEmpty()) {
                String key = waiting.pollFirst();
                Held series = held.get(key);
                Outgoing next = series.closed.pollFirst();
                if (next != null) {
                    heldClosed--;
                } else {
                    next = series.latest;
                    series.latest = null;
                }
                if (series.isEmpty()) {
                    held.remove(key);
                } else {
                    waiting.addLast(key); // one record per series per turn: a busy symbol does not starve the rest
                }
                send(next);
            }
        } finally {
            draining = false;
        }
        if (heldClosed <= maxHeldClosed) {
            notifyAll();
        }
    }

    @PreDestroy
    void stop() {
        if (market instanceof ChannelProducer<?> producer) {
            producer.close();
        }
    }

    /** Under the lock: hands one record to the producer. */
    private void send(Outgoing record) {
        inFlight++;
        Supplier<String> what;
        if (record.candle() != null) {
            Candle c = record.candle();
            counters.computeIfAbsent(record.series() + '|' + c.closed(), k -> metrics.counter(
                    "market_data_candles_published", "symbol", c.symbol(), "timeframe", c.timeframe(), "closed",
                    Boolean.toString(c.closed()))).increment();
            what = () -> "candle " + c.symbol() + " " + c.timeframe() + " " + c.mts();
            market.send(Topics.MARKET_CANDLES, c.symbol(), c).whenComplete((ok, error) -> acknowledged(error, what));
        } else {
            Ticker t = record.ticker();
            counters.computeIfAbsent(record.series(), k -> metrics.counter("market_data_tickers_published", "symbol",
                    t.symbol())).increment();
            what = () -> "ticker " + t.symbol();
            market.send(Topics.MARKET_TICKERS, t.symbol(), t).whenComplete((ok, error) -> acknowledged(error, what));
        }
    }

    // On the producer's network thread, or inside send() when the producer refused the record at once.
    private void acknowledged(Throwable error, Supplier<String> what) {
        settled();
        if (error != null) {
            LOG.warnf("Kafka refused the %s: %s", what.get(), error.getMessage());
        }
    }

    /** One candle or ticker and the series it belongs to: {@code symbol|timeframe} for candles, the symbol for tickers. */
    private record Outgoing(String series, Candle candle, Ticker ticker) {
        boolean isClosedCandle() {
            return candle != null && candle.closed();
        }
    }

    /** What one series holds back: closed candles in order, then at most one newer state. */
    private static final class Held {
        final ArrayDeque<Outgoing> closed = new ArrayDeque<>();
        Outgoing latest;

        boolean isEmpty() {
            return closed.isEmpty() && latest == null;
        }
    }
}
