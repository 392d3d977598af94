package io.tradingbot.marketdata.messaging;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tradingbot.events.Candle;
import io.tradingbot.events.Ticker;
import io.tradingbot.events.Topics;
import io.tradingbot.support.messaging.RecordSender;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/**
 * What the feed does while the broker is behind: at most a bounded number of records wait for it; past that a ticker or
 * an open candle is held as the latest state of its series (older states are dropped), closed candles are never dropped,
 * and only when too many closed candles are held does the feed wait. One class, so a recording sender stands in for the
 * Kafka channel; the real broker path is MarketFeedTest's.
 */
class MarketPublisherTest {
    private static final int IN_FLIGHT = 4;

    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    private final RecordingSender market = new RecordingSender();
    private final Sent<Candle> candles = new Sent<>(Candle.class);
    private final Sent<Ticker> tickers = new Sent<>(Ticker.class);

    @Test
    void whileTheBrokerIsBehindOnlyTheLatestTickerOfASymbolWaitsAndTheFeedGoesOn() {
        MarketPublisher publisher = new MarketPublisher(metrics, market, IN_FLIGHT, 100);
        for (int i = 0; i < IN_FLIGHT; i++) {
            publisher.publish(ticker("tETHUSD", i));
        }
        assertThat(tickers.sent()).hasSize(IN_FLIGHT)
                .extracting(Record::topic, Record::key).containsOnly(tuple(Topics.MARKET_TICKERS, "tETHUSD"));
        // The broker holds all four: a thousand more prices of BTC do not block the caller, nor queue up.
        for (int i = 0; i < 1_000; i++) {
            publisher.publish(ticker("tBTCUSD", i));
        }
        publisher.publish(ticker("tSOLUSD", 7));
        assertThat(tickers.sent()).hasSize(IN_FLIGHT);

        tickers.ack(0);
        tickers.ack(1);
        // One place each, in the order the series started waiting; BTC's is its latest price.
        assertThat(tickers.payloads()).extracting(Ticker::symbol, t -> t.last().intValue() - 1_000).endsWith(
                tuple("tBTCUSD", 999), tuple("tSOLUSD", 7));
        assertThat(tickers.sent()).hasSize(IN_FLIGHT + 2);
        assertThat(metrics.get("market_data_conflated").tag("kind", "ticker").counter().count()).isEqualTo(999);

        // Once the broker keeps up again, every price goes out as it comes.
        for (int i = 2; i < tickers.sent().size(); i++) {
            tickers.ack(i);
        }
        publisher.publish(ticker("tBTCUSD", 1_000));
        publisher.publish(ticker("tBTCUSD", 1_001));
        assertThat(tickers.payloads()).extracting(t -> t.last().intValue() - 1_000).endsWith(1_000, 1_001);
    }

    @Test
    void closedCandlesAreNeverDroppedAndKeepTheirOrderWithinTheirSeries() {
        MarketPublisher publisher = new MarketPublisher(metrics, market, IN_FLIGHT, 100);
        for (int i = 0; i < IN_FLIGHT; i++) {
            publisher.publish(candle("tETHUSD", i, false));
        }
        // BTC 1m while the broker is full: candle 10 moves three times and closes, 11 opens and closes, 12 moves twice.
        publisher.publish(candle("tBTCUSD", 10, false));
        publisher.publish(candle("tBTCUSD", 10, false));
        publisher.publish(candle("tBTCUSD", 10, true));
        publisher.publish(candle("tBTCUSD", 11, false));
        publisher.publish(candle("tBTCUSD", 11, true));
        publisher.publish(candle("tBTCUSD", 12, false));
        publisher.publish(candle("tBTCUSD", 12, false));

        for (int i = 0; i < IN_FLIGHT; i++) {
            candles.ack(i);
        }
        for (int i = IN_FLIGHT; i < candles.sent().size(); i++) {
            candles.ack(i);
        }
        List<Candle> btc = candles.payloads().stream().filter(c -> c.symbol().equals("tBTCUSD")).toList();
        assertThat(btc).extracting(Candle::mts, Candle::closed).containsExactly(
                tuple(600_000L, true), tuple(660_000L, true),
                tuple(720_000L, false));
        assertThat(metrics.get("market_data_candles_published").tag("symbol", "tBTCUSD").tag("closed", "true")
                .counter().count()).isEqualTo(2);
    }

    @Test
    void theFeedWaitsOnlyWhenTooManyClosedCandlesAreHeldAndGoesOnWhenTheBrokerAnswers() throws Exception {
        MarketPublisher publisher = new MarketPublisher(metrics, market, IN_FLIGHT, 3);
        for (int i = 0; i < IN_FLIGHT + 3; i++) {
            publisher.publish(candle("tBTCUSD", i, true));
        }
        assertThat(candles.sent()).hasSize(IN_FLIGHT);

        Thread feed = new Thread(() -> publisher.publish(candle("tBTCUSD", 100, true)), "market-data-feed");
        feed.start();
        feed.join(500);
        assertThat(feed.isAlive()).as("the feed waits while the broker holds every permitted record").isTrue();

        // A refusal frees a place too: the record is logged as lost, and the oldest held candle takes its place.
        candles.sent().get(0).nack(new IllegalStateException("broker gone"));
        feed.join(TimeUnit.SECONDS.toMillis(10));
        assertThat(feed.isAlive()).isFalse();
        assertThat(candles.sent()).hasSize(IN_FLIGHT + 1);
        for (int i = 1; i < 20 && i < candles.sent().size(); i++) {
            candles.ack(i);
        }
        assertThat(candles.payloads()).extracting(Candle::mts).containsExactly(0L, 60_000L, 120_000L, 180_000L,
                240_000L, 300_000L, 360_000L, 6_000_000L);
    }

    private static Candle candle(String symbol, int minute, boolean closed) {
        BigDecimal price = new BigDecimal("100.5");
        return new Candle(symbol, "1m", 60_000L * minute, price, price, price, price, BigDecimal.ONE, closed);
    }

    /** A ticker whose last price is {@code 1000 + n}, to tell them apart. */
    private static Ticker ticker(String symbol, int n) {
        BigDecimal price = BigDecimal.valueOf(1_000 + n);
        return new Ticker(symbol, 1L, price, price, price, BigDecimal.ONE, BigDecimal.ZERO, BigDecimal.ZERO);
    }

    /** The records of one type sent on the one channel, in order. */
    private final class Sent<T> {
        private final Class<T> type;

        Sent(Class<T> type) {
            this.type = type;
        }

        List<Record> sent() {
            return market.sent.stream().filter(r -> type.isInstance(r.value())).toList();
        }

        List<T> payloads() {
            return sent().stream().map(r -> type.cast(r.value())).toList();
        }

        void ack(int index) {
            sent().get(index).acknowledged().complete(null);
        }
    }

    /** One record handed to the producer, and what the broker will answer. */
    private record Record(String topic, String key, Object value, CompletableFuture<Void> acknowledged) {
        void nack(Exception error) {
            acknowledged.completeExceptionally(error);
        }
    }

    /** Keeps what is sent, acknowledging nothing until the test does. */
    private static final class RecordingSender implements RecordSender<Object> {
        final List<Record> sent = new CopyOnWriteArrayList<>();

        @Override
        public CompletionStage<Void> send(String topic, String key, Object value) {
            Record record = new Record(topic, key, value, new CompletableFuture<>());
            sent.add(record);
            return record.acknowledged();
        }
    }
}
