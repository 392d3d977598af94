package io.tradingbot.marketdata.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.tradingbot.events.Candle;
import io.tradingbot.events.Ticker;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * Puts candles on {@code market.candles.v1} and tickers on {@code market.tickers.v1}, keyed by symbol so that one
 * symbol's records stay in order. While the broker is away records wait in the producer (and in this buffer, up to
 * {@value #IN_FLIGHT} records, then the feed waits) and go out when it is back; the producer is idempotent, so its
 * retries do not duplicate them.
 */
@ApplicationScoped
public class MarketPublisher {
    private static final Logger LOG = Logger.getLogger(MarketPublisher.class);
    /**
     * Records handed to the producer and not yet acknowledged. Past this the feed's worker waits for the broker, so that
     * an overload or a broker outage slows the feed down instead of filling the heap (100,000 buffered records per channel
     * took a 128 MB heap and the service with it, and the emitter then refused every record).
     */
    static final int IN_FLIGHT = 10_000;
    private static final long BUFFER = IN_FLIGHT;

    private final Emitter<Candle> candles;
    private final Emitter<Ticker> tickers;
    private final MeterRegistry metrics;
    private final Semaphore inFlight = new Semaphore(IN_FLIGHT);
    /** Resolved once per series: a registry lookup with its tag arrays per record was a visible share of the feed's time. */
    private final Map<String, Counter> candleCounters = new ConcurrentHashMap<>();
    private final Map<String, Counter> tickerCounters = new ConcurrentHashMap<>();

    public MarketPublisher(MeterRegistry metrics, @Channel("candles") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = BUFFER) Emitter<Candle> candles,
            @Channel("tickers") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = BUFFER) Emitter<Ticker> tickers) {
        this.candles = candles;
        this.tickers = tickers;
        this.metrics = metrics;
    }

    public void publish(Candle candle) {
        candleCounters.computeIfAbsent(candle.symbol() + '|' + candle.timeframe() + '|' + candle.closed(),
                k -> metrics.counter("market_data_candles_published", "symbol", candle.symbol(), "timeframe",
                        candle.timeframe(), "closed", Boolean.toString(candle.closed()))).increment();
        send(candles, candle.symbol(), candle,
                () -> "candle " + candle.symbol() + " " + candle.timeframe() + " " + candle.mts());
    }

    public void publish(Ticker ticker) {
        tickerCounters.computeIfAbsent(ticker.symbol(),
                k -> metrics.counter("market_data_tickers_published", "symbol", ticker.symbol())).increment();
        send(tickers, ticker.symbol(), ticker, () -> "ticker " + ticker.symbol());
    }

    private <T> void send(Emitter<T> emitter, String key, T payload, Supplier<String> what) {
        try {
            inFlight.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.debugf("Shutting down: the %s was not sent", what.get());
            return;
        }
        emitter.send(Message.of(payload)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(key).build())
                .withAck(() -> {
                    inFlight.release();
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(error -> {
                    inFlight.release();
                    LOG.warnf("Kafka refused the %s: %s", what.get(), error.getMessage());
                    return CompletableFuture.completedFuture(null);
                }));
    }
}
