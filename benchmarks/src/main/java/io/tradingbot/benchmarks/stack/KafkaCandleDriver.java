package io.tradingbot.benchmarks.stack;

import io.tradingbot.events.Candle;
import io.tradingbot.events.Topics;
import io.tradingbot.events.serde.EventSerializer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Candle records written straight onto market.candles.v1 at a target rate, as market-data-service writes them for each
 * price update (the current candle, {@code closed: false}), round robin over the symbols: the capacity of Kafka →
 * strategy-service alone, without the simulator's admin API and market-data-service in front of it.
 */
public final class KafkaCandleDriver implements UpdateSource, AutoCloseable {
    private final KafkaProducer<String, Candle> producer;
    private final List<String> symbols;
    private final AtomicLong ok = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    public KafkaCandleDriver(String bootstrapServers, List<String> symbols) {
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.LINGER_MS_CONFIG, 5), new StringSerializer(), new EventSerializer<>());
        this.symbols = symbols;
    }

    @Override
    public Outcome drive(double perSecond, Duration duration) throws InterruptedException {
        long okBefore = ok.get();
        long failedBefore = failed.get();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        double intervalNanos = 1e9 / perSecond;
        long minute = System.currentTimeMillis() / 60_000 * 60_000;
        long sent = 0;
        while (true) {
            long due = start + (long) (sent * intervalNanos);
            if (due >= end) {
                break;
            }
            long now = System.nanoTime();
            if (due > now + 200_000) {
                Thread.sleep((due - now) / 1_000_000, (int) ((due - now) % 1_000_000));
                continue;
            }
            String symbol = symbols.get((int) (sent % symbols.size()));
            BigDecimal close = BigDecimal.valueOf(9990 + sent % 21, 2);
            Candle candle = new Candle(symbol, "1m", minute, new BigDecimal("100"), close, new BigDecimal("100.2"),
                    new BigDecimal("99.8"), new BigDecimal("12.5"), false);
            producer.send(new ProducerRecord<>(Topics.MARKET_CANDLES, symbol, candle), (metadata, error) -> {
                if (error == null) {
                    ok.incrementAndGet();
                } else {
                    failed.incrementAndGet();
                }
            });
            sent++;
        }
        producer.flush();
        return new Outcome(sent, ok.get() - okBefore, failed.get() - failedBefore, (System.nanoTime() - start) / 1e9);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
