package io.tradingbot.marketdata.messaging;

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

import java.util.concurrent.CompletableFuture;

/**
 * Puts candles on {@code market.candles.v1} and tickers on {@code market.tickers.v1}, keyed by symbol so that one
 * symbol's records stay in order. While the broker is away records wait in the producer (and in this buffer) and go
 * out when it is back; the producer is idempotent, so its retries do not duplicate them.
 */
@ApplicationScoped
public class MarketPublisher {
    private static final Logger LOG = Logger.getLogger(MarketPublisher.class);
    private static final long BUFFER = 100_000;

    private final Emitter<Candle> candles;
    private final Emitter<Ticker> tickers;
    private final MeterRegistry metrics;

    public MarketPublisher(MeterRegistry metrics, @Channel("candles") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = BUFFER) Emitter<Candle> candles,
            @Channel("tickers") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = BUFFER) Emitter<Ticker> tickers) {
        this.candles = candles;
        this.tickers = tickers;
        this.metrics = metrics;
    }

    public void publish(Candle candle) {
        metrics.counter("market_data_candles_published", "symbol", candle.symbol(), "timeframe", candle.timeframe(),
                "closed", Boolean.toString(candle.closed())).increment();
        candles.send(keyed(candle.symbol(), candle, "candle " + candle.symbol() + " " + candle.timeframe() + " " + candle.mts()));
    }

    public void publish(Ticker ticker) {
        metrics.counter("market_data_tickers_published", "symbol", ticker.symbol()).increment();
        tickers.send(keyed(ticker.symbol(), ticker, "ticker " + ticker.symbol()));
    }

    private static <T> Message<T> keyed(String key, T payload, String what) {
        return Message.of(payload)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(key).build())
                .withNack(error -> {
                    LOG.warnf("Kafka refused the %s: %s", what, error.getMessage());
                    return CompletableFuture.completedFuture(null);
                });
    }
}
