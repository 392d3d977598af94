package io.tradingbot.strategy.flow;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.tradingbot.events.Candle;
import io.tradingbot.events.Signal;
import io.tradingbot.events.SignalType;
import io.tradingbot.events.Topics;
import io.tradingbot.events.TradingSession;
import io.tradingbot.events.serde.EventSerializer;
import io.tradingbot.kafka.testkit.EmbeddedKafkaBroker;
import io.tradingbot.kafka.testkit.InjectKafkaBroker;
import io.tradingbot.kafka.testkit.KafkaBrokerResource;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The candle stream as market-data-service writes it under load: every price update is a record per timeframe of the
 * still-forming candle, and only now and then a closed one. The service must drain such a backlog, signal every closed
 * candle of a traded symbol exactly once and in order, and commit its offsets up to the end of the topic. The rate it
 * drained at is printed (no assertion on it: these machines are shared).
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
class CandleBacklogTest {
    /** Symbols of their own, so the other flow tests' candles and signals do not mix in. */
    private static final List<String> SYMBOLS = List.of("tSOLUSD", "tADAUSD", "tDOTUSD", "tXLMUSD", "tEOSUSD");
    private static final int OPEN_RECORDS = Integer.getInteger("candles.backlog.open", 50_000);
    private static final int CLOSED_PER_SYMBOL = 12;
    private static final String GROUP = "strategy-service";

    @InjectKafkaBroker
    EmbeddedKafkaBroker broker;

    @Test
    void aBacklogOfOpenCandlesDrainsAndEveryClosedCandleSignalsOnceInOrder() throws Exception {
        long start = Instant.now().truncatedTo(ChronoUnit.MINUTES).toEpochMilli();
        try (var producer = producer(Map.of())) {
            for (String symbol : SYMBOLS) {
                send(producer, Topics.TRADING_SESSIONS, symbol, session(symbol));
            }
        }
        awaitSessions(SYMBOLS);

        // Per symbol: open 1m and 5m updates of the forming candle, and every (OPEN_RECORDS / closed) records the
        // 1m candle closes; the 5m ones close too (a series of their own, never signalled: 1m is the traded timeframe).
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        int perClose = OPEN_RECORDS / (SYMBOLS.size() * CLOSED_PER_SYMBOL);
        int opens = 0;
        for (int bar = 0; bar < CLOSED_PER_SYMBOL; bar++) {
            long mts = start + bar * 60_000L;
            for (int update = 0; update < perClose; update++) {
                for (String symbol : SYMBOLS) {
                    // The forming 1m candle wanders below and above the close it ends on: it must never reach a bar.
                    double price = 100 + bar + (update % 7 - 3) * 0.25;
                    String timeframe = update % 2 == 0 ? "1m" : "5m";
                    long candleMts = timeframe.equals("1m") ? mts : mts - mts % 300_000L;
                    records.add(record(symbol, candle(symbol, timeframe, candleMts, price, false)));
                    opens++;
                }
            }
            for (String symbol : SYMBOLS) {
                records.add(record(symbol, candle(symbol, "1m", mts, 100 + bar, true)));
                if (bar % 5 == 4) {
                    long fiveMinute = mts - mts % 300_000L;
                    records.add(record(symbol, candle(symbol, "5m", fiveMinute, 100 + bar, true)));
                }
            }
        }

        Map<String, List<Signal>> bySymbol = new LinkedHashMap<>();
        SYMBOLS.forEach(symbol -> bySymbol.put(symbol, new ArrayList<>()));
        long lastCandle = start + (CLOSED_PER_SYMBOL - 1) * 60_000L;
        long drainedAt;
        long began;
        try (var signals = signalsFromNow()) {
            began = System.nanoTime();
            try (var producer = producer(Map.of(ProducerConfig.LINGER_MS_CONFIG, 5,
                    ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024))) {
                List<Future<?>> sent = new ArrayList<>(records.size());
                for (ProducerRecord<String, byte[]> record : records) {
                    sent.add(producer.send(record));
                }
                producer.flush();
                for (Future<?> future : sent) {
                    future.get(30, TimeUnit.SECONDS);
                }
            }
            long written = System.nanoTime();
            drainedAt = written;
            long deadline = System.currentTimeMillis() + 180_000;
            while (!SYMBOLS.stream().allMatch(symbol -> bySymbol.get(symbol).stream()
                    .anyMatch(s -> s.candleMts() == lastCandle)) && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, Signal> record : signals.poll(Duration.ofMillis(20))) {
                    List<Signal> list = bySymbol.get(record.key());
                    if (list != null) {
                        list.add(record.value());
                        drainedAt = System.nanoTime();
                    }
                }
            }
            // Anything else (a duplicate would be a bug) arrives within a moment.
            for (ConsumerRecord<String, Signal> record : signals.poll(Duration.ofSeconds(2))) {
                if (bySymbol.containsKey(record.key())) {
                    bySymbol.get(record.key()).add(record.value());
                }
            }
            System.out.printf("[candle-backlog] %,d records (%,d open, %,d closed): written in %.2f s, drained in %.2f s:"
                            + " %,.0f records/s%n", records.size(), opens, records.size() - opens,
                    (written - began) / 1e9, (drainedAt - began) / 1e9, records.size() / ((drainedAt - began) / 1e9));
        }

        for (String symbol : SYMBOLS) {
            List<Signal> received = bySymbol.get(symbol);
            assertThat(received).as("signals of %s", symbol).hasSize(CLOSED_PER_SYMBOL);
            for (int bar = 0; bar < CLOSED_PER_SYMBOL; bar++) {
                Signal signal = received.get(bar);
                long mts = start + bar * 60_000L;
                assertThat(signal.id()).isEqualTo("rsi-ema:" + symbol + ":1m:" + mts);
                assertThat(signal.timeframe()).isEqualTo("1m");
                assertThat(signal.currentPrice()).isEqualByComparingTo(BigDecimal.valueOf(100 + bar));
                // The bar count proves that no open candle (and no 5m candle) ever reached the 1m series.
                assertThat(signal.signal()).isEqualTo(SignalType.HOLD);
                assertThat(signal.reason()).isEqualTo("insufficient data: " + (bar + 1) + " of 51 bars");
            }
        }
        awaitNoLag();

        // Then the stream as it mostly is: idle, and a candle closes. Candle written -> signal read, printed, not asserted.
        String symbol = SYMBOLS.get(0);
        List<Long> micros = new ArrayList<>();
        List<Long> toEvaluation = new ArrayList<>();
        try (var signals = signalsFromNow();
             var producer = producer(Map.of(ProducerConfig.LINGER_MS_CONFIG, 0))) {
            for (int bar = CLOSED_PER_SYMBOL; bar < CLOSED_PER_SYMBOL + 20; bar++) {
                long mts = start + bar * 60_000L;
                long sentAt = System.nanoTime();
                Instant wallSentAt = Instant.now();
                producer.send(record(symbol, candle(symbol, "1m", mts, 100 + bar, true))).get(10, TimeUnit.SECONDS);
                Signal signal = null;
                long deadline = System.currentTimeMillis() + 30_000;
                while (signal == null && System.currentTimeMillis() < deadline) {
                    for (ConsumerRecord<String, Signal> record : signals.poll(Duration.ofMillis(1))) {
                        if (record.key().equals(symbol)) {
                            signal = record.value();
                        }
                    }
                }
                micros.add((System.nanoTime() - sentAt) / 1_000);
                assertThat(signal).as("signal of bar %d", bar).isNotNull();
                toEvaluation.add(Duration.between(wallSentAt, signal.createdAt()).toNanos() / 1_000);
                assertThat(signal.id()).isEqualTo("rsi-ema:" + symbol + ":1m:" + mts);
                assertThat(signal.reason()).isEqualTo("insufficient data: " + (bar + 1) + " of 51 bars");
            }
        }
        List<Long> sorted = micros.stream().sorted().toList();
        List<Long> evaluated = toEvaluation.stream().sorted().toList();
        System.out.printf("[candle-latency] closed candle written -> signal read, idle consumer, %d candles: p50 %.1f ms,"
                        + " max %.1f ms; of which written -> evaluated (the signal's created_at): p50 %.1f ms, max %.1f ms%n",
                sorted.size(), sorted.get(sorted.size() / 2) / 1e3, sorted.get(sorted.size() - 1) / 1e3,
                evaluated.get(evaluated.size() / 2) / 1e3, evaluated.get(evaluated.size() - 1) / 1e3);
    }

    /**
     * What the benchmark's 100 symbols do every minute: all their 1m candles close at once, three minutes in a row here,
     * written in one go. Each closed candle signals once, in candle order per symbol, and the group commits to the end.
     * The time until the last signal is printed ({@code [candle-burst]}), not asserted.
     */
    @Test
    void whenEverySymbolsCandleClosesAtOnceEachSignalsOnceInOrder() throws Exception {
        List<String> symbols = IntStream.range(0, 100).mapToObj(i -> String.format("tC%02dUSD", i)).toList();
        int bars = 3;
        long start = Instant.now().truncatedTo(ChronoUnit.MINUTES).toEpochMilli();
        try (var producer = producer(Map.of())) {
            for (String symbol : symbols) {
                send(producer, Topics.TRADING_SESSIONS, symbol, session(symbol));
            }
        }
        awaitSessions(symbols);
        awaitNoLag();

        List<ProducerRecord<String, byte[]>> burst = new ArrayList<>();
        for (int bar = 0; bar < bars; bar++) {
            for (String symbol : symbols) {
                burst.add(record(symbol, candle(symbol, "1m", start + bar * 60_000L, 100 + bar, true)));
            }
        }
        Map<String, List<Signal>> bySymbol = new LinkedHashMap<>();
        symbols.forEach(symbol -> bySymbol.put(symbol, new ArrayList<>()));
        int count = 0;
        long began;
        long lastAt;
        try (var signals = signalsFromNow()) {
            began = System.nanoTime();
            try (var producer = producer(Map.of(ProducerConfig.LINGER_MS_CONFIG, 5))) {
                List<Future<?>> sent = burst.stream().<Future<?>>map(producer::send).toList();
                producer.flush();
                for (Future<?> future : sent) {
                    future.get(30, TimeUnit.SECONDS);
                }
            }
            lastAt = System.nanoTime();
            long deadline = System.currentTimeMillis() + 60_000;
            while (count < burst.size() && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, Signal> record : signals.poll(Duration.ofMillis(5))) {
                    List<Signal> list = bySymbol.get(record.key());
                    if (list != null) {
                        list.add(record.value());
                        count++;
                        lastAt = System.nanoTime();
                    }
                }
            }
            // A duplicate (which would be a bug) arrives within a moment.
            for (ConsumerRecord<String, Signal> record : signals.poll(Duration.ofSeconds(2))) {
                if (bySymbol.containsKey(record.key())) {
                    bySymbol.get(record.key()).add(record.value());
                }
            }
        }
        System.out.printf("[candle-burst] %d closed candles over %d symbols written at once: %d signals read, the last"
                + " %.1f ms after the first candle was written%n", burst.size(), symbols.size(), count,
                (lastAt - began) / 1e6);

        for (String symbol : symbols) {
            List<Signal> received = bySymbol.get(symbol);
            assertThat(received).as("signals of %s", symbol).hasSize(bars);
            for (int bar = 0; bar < bars; bar++) {
                assertThat(received.get(bar).id()).isEqualTo("rsi-ema:" + symbol + ":1m:" + (start + bar * 60_000L));
                assertThat(received.get(bar).reason()).isEqualTo("insufficient data: " + (bar + 1) + " of 51 bars");
            }
        }
        awaitNoLag();
    }

    @Test
    void unreadableRecordsInsideABatchAreDeadLetteredAndTheRecordsAroundThemAreProcessed() throws Exception {
        String symbol = "tTRXUSD";
        long start = Instant.now().truncatedTo(ChronoUnit.MINUTES).toEpochMilli();
        try (var producer = producer(Map.of())) {
            send(producer, Topics.TRADING_SESSIONS, symbol, session(symbol));
        }
        awaitSessions(List.of(symbol));
        // An idle consumer, so that what follows is fetched as one batch rather than cut at a max.poll.records boundary.
        awaitNoLag();

        String tag = UUID.randomUUID().toString();
        byte[] truncated = ("{\"symbol\":\"" + symbol + "\",\"tag\":\"" + tag + "\",\"open\":").getBytes(StandardCharsets.UTF_8);
        byte[] highBelowLow = ("{\"symbol\":\"" + symbol + "\",\"timeframe\":\"1m\",\"mts\":" + start
                + ",\"open\":\"1\",\"close\":\"1\",\"high\":\"1\",\"low\":\"2\",\"volume\":\"1\",\"closed\":true,"
                + "\"tag\":\"" + tag + "\"}").getBytes(StandardCharsets.UTF_8);
        List<ProducerRecord<String, byte[]>> batch = new ArrayList<>();
        batch.add(record(symbol, candle(symbol, "1m", start, 99, false)));
        batch.add(record(symbol, candle(symbol, "1m", start, 100, true)));
        batch.add(new ProducerRecord<>(Topics.MARKET_CANDLES, symbol, truncated));
        batch.add(record(symbol, candle(symbol, "1m", start + 60_000L, 101, false)));
        batch.add(record(symbol, candle(symbol, "1m", start + 60_000L, 102, true)));
        batch.add(new ProducerRecord<>(Topics.MARKET_CANDLES, symbol, highBelowLow));
        batch.add(record(symbol, candle(symbol, "1m", start + 120_000L, 103, true)));
        batch.add(record(symbol, candle(symbol, "1m", start + 180_000L, 104, false)));

        List<Signal> received = new ArrayList<>();
        try (var signals = signalsFromNow()) {
            // One producer batch: the records share a key, so they are one record batch on one partition, fetched together.
            try (var producer = producer(Map.of(ProducerConfig.LINGER_MS_CONFIG, 10_000))) {
                List<Future<?>> sent = batch.stream().<Future<?>>map(producer::send).toList();
                producer.flush();
                for (Future<?> future : sent) {
                    future.get(30, TimeUnit.SECONDS);
                }
            }
            long deadline = System.currentTimeMillis() + 60_000;
            while (received.stream().noneMatch(s -> s.candleMts() == start + 120_000L)
                    && System.currentTimeMillis() < deadline) {
                signals.poll(Duration.ofMillis(100)).forEach(r -> {
                    if (r.key().equals(symbol)) {
                        received.add(r.value());
                    }
                });
            }
            signals.poll(Duration.ofSeconds(1)).forEach(r -> {
                if (r.key().equals(symbol)) {
                    received.add(r.value());
                }
            });
        }
        assertThat(received).extracting(Signal::id).containsExactly(
                "rsi-ema:" + symbol + ":1m:" + start,
                "rsi-ema:" + symbol + ":1m:" + (start + 60_000L),
                "rsi-ema:" + symbol + ":1m:" + (start + 120_000L));
        assertThat(received).extracting(Signal::currentPrice).extracting(BigDecimal::toPlainString)
                .containsExactly("100", "102", "103");

        List<ConsumerRecord<String, byte[]>> deadLetters = deadLetters(tag, 2);
        assertThat(deadLetters).extracting(ConsumerRecord::value).containsExactly(truncated, highBelowLow);
        assertThat(deadLetters).allSatisfy(dead -> {
            assertThat(dead.key()).isEqualTo(symbol);
            assertThat(header(dead, "dead-letter-topic")).isEqualTo(Topics.MARKET_CANDLES);
            assertThat(header(dead, "dead-letter-reason")).contains("Cannot read a Candle from " + Topics.MARKET_CANDLES);
        });
        awaitNoLag();
    }

    /** The group has committed every partition of the candle topic up to its end. */
    private void awaitNoLag() {
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(broker.uncommitted(GROUP, Topics.MARKET_CANDLES))
                        .as("records of %s not yet committed by %s", Topics.MARKET_CANDLES, GROUP).isZero());
    }

    /** A reader of the signal topic positioned at its current end, without a group (no rebalance to wait for). */
    private KafkaConsumer<String, Signal> signalsFromNow() {
        return broker.readerFromNow(Topics.STRATEGY_SIGNALS, Signal.class);
    }

    private List<ConsumerRecord<String, byte[]>> deadLetters(String tag, int expected) {
        try (var consumer = new KafkaConsumer<String, byte[]>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.MARKET_CANDLES + Topics.DEAD_LETTER_SUFFIX));
            List<ConsumerRecord<String, byte[]>> received = new ArrayList<>();
            long deadline = System.currentTimeMillis() + 30_000;
            while (received.size() < expected && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(250)).forEach(r -> {
                    if (new String(r.value(), StandardCharsets.UTF_8).contains(tag)) {
                        received.add(r);
                    }
                });
            }
            return received;
        }
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static void awaitSessions(List<String> symbols) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                RestAssured.get("/strategy/sessions").then().statusCode(200)
                        .body("symbol", org.hamcrest.Matchers.hasItems(symbols.toArray(String[]::new))));
    }

    private KafkaProducer<String, byte[]> producer(Map<String, Object> extra) {
        Map<String, Object> config = new HashMap<>(extra);
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    private static ProducerRecord<String, byte[]> record(String symbol, Candle candle) {
        return new ProducerRecord<>(Topics.MARKET_CANDLES, symbol,
                new EventSerializer<>().serialize(Topics.MARKET_CANDLES, candle));
    }

    private static void send(KafkaProducer<String, byte[]> producer, String topic, String key, Object event)
            throws Exception {
        producer.send(new ProducerRecord<>(topic, key, new EventSerializer<>().serialize(topic, event)))
                .get(10, TimeUnit.SECONDS);
    }

    private static Candle candle(String symbol, String timeframe, long mts, double close, boolean closed) {
        BigDecimal price = BigDecimal.valueOf(close);
        BigDecimal high = price.add(BigDecimal.ONE);
        BigDecimal low = price.subtract(BigDecimal.ONE);
        return new Candle(symbol, timeframe, mts, price, price, high, low, BigDecimal.ONE, closed);
    }

    private static TradingSession session(String symbol) {
        return new TradingSession(symbol, true, "rsi-ema", Instant.now(), "test", null);
    }
}
