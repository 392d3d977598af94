package io.tradingbot.risk.flow;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.tradingbot.events.AccountSnapshot;
import io.tradingbot.events.AccountSummary;
import io.tradingbot.events.MarginInfo;
import io.tradingbot.events.RiskVerdict;
import io.tradingbot.events.Signal;
import io.tradingbot.events.SignalType;
import io.tradingbot.events.Topics;
import io.tradingbot.events.TradingSession;
import io.tradingbot.events.Wallet;
import io.tradingbot.events.serde.EventSerializer;
import io.tradingbot.kafka.testkit.EmbeddedKafkaBroker;
import io.tradingbot.kafka.testkit.InjectKafkaBroker;
import io.tradingbot.kafka.testkit.KafkaBrokerResource;
import io.tradingbot.support.messaging.TradingSessions;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
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
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * What happens when every 1m candle closes at once: a burst of signals over 100 traded symbols, an unreadable record in
 * the middle of it. Every signal gets exactly one verdict, a symbol's verdicts leave in its signals' order, the poison
 * record alone is dead-lettered, and the group commits the signal topic up to its end. The time the burst took to drain
 * is printed (no assertion on it: these machines are shared).
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerResource.class, restrictToAnnotatedClass = true)
@TestProfile(SignalBurstTest.KnownPairs.class)
class SignalBurstTest {
    private static final int SYMBOLS = 100;
    private static final int SIGNALS_PER_SYMBOL = 2;
    private static final String GROUP = "risk-service";

    private static final List<String> SYMBOL_NAMES = IntStream.range(0, SYMBOLS)
            .mapToObj(i -> String.format("tB%02dUSD", i)).toList();

    /**
     * The pairs' trading rules as configuration: no exchange runs here, and asking it (retries, then a fallback) would
     * stall the first judgement by seconds and swamp the drain time printed. BUYs are approved, spot SELLs refused: a
     * trade open in every symbol is within the limit.
     */
    public static class KnownPairs implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> pairs = new HashMap<>();
            SYMBOL_NAMES.forEach(symbol -> pairs.put("risk.pairs.\"" + symbol + "\".min-order-size", "0.0001"));
            pairs.put("risk.defaults.max-open-positions", Integer.toString(SYMBOLS + 1));
            return pairs;
        }
    }

    @InjectKafkaBroker
    EmbeddedKafkaBroker broker;

    @Inject
    TradingSessions sessions;

    @Test
    void aBurstOfSignalsGetsOneVerdictEachInOrderPerSymbolAndIsCommittedToTheEnd() throws Exception {
        List<String> symbols = SYMBOL_NAMES;
        try (var producer = producer(Map.of())) {
            for (String symbol : symbols) {
                send(producer, Topics.TRADING_SESSIONS, symbol,
                        new TradingSession(symbol, true, "rsi-ema", Instant.now(), "test", null));
            }
            send(producer, Topics.ACCOUNT_SNAPSHOTS, "paper", snapshot("10000"));
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> RestAssured.get("/risk/kill-switch").then()
                .statusCode(200).body("equity", equalTo("10000")));
        await().atMost(Duration.ofSeconds(30)).until(() -> symbols.stream()
                .allMatch(symbol -> sessions.activeSession(symbol).isPresent()));

        // Round by round, every symbol signals once (BUY, then SELL); the poison record sits in the middle of the burst.
        String tag = UUID.randomUUID().toString();
        byte[] poison = ("{\"id\":\"" + tag + "\",\"signal\":").getBytes(StandardCharsets.UTF_8);
        List<ProducerRecord<String, byte[]>> burst = new ArrayList<>();
        Map<String, List<String>> expected = new LinkedHashMap<>();
        for (int round = 0; round < SIGNALS_PER_SYMBOL; round++) {
            for (String symbol : symbols) {
                String id = "burst:" + symbol + ":" + round;
                SignalType type = round % 2 == 0 ? SignalType.BUY : SignalType.SELL;
                burst.add(new ProducerRecord<>(Topics.STRATEGY_SIGNALS, symbol,
                        new EventSerializer<>().serialize(Topics.STRATEGY_SIGNALS, signal(id, symbol, type))));
                expected.computeIfAbsent(symbol, s -> new ArrayList<>()).add("verdict:" + id);
                if (burst.size() == SYMBOLS) {
                    burst.add(new ProducerRecord<>(Topics.STRATEGY_SIGNALS, symbols.get(7), poison));
                }
            }
        }
        int total = SYMBOLS * SIGNALS_PER_SYMBOL;

        Map<String, List<String>> received = new LinkedHashMap<>();
        Map<String, List<Boolean>> approvals = new LinkedHashMap<>();
        int count = 0;
        long began;
        long drainedAt;
        try (var verdicts = verdictsFromNow()) {
            began = System.nanoTime();
            try (var producer = producer(Map.of(ProducerConfig.LINGER_MS_CONFIG, 5))) {
                List<Future<?>> sent = burst.stream().<Future<?>>map(producer::send).toList();
                producer.flush();
                for (Future<?> future : sent) {
                    future.get(30, TimeUnit.SECONDS);
                }
            }
            drainedAt = System.nanoTime();
            long deadline = System.currentTimeMillis() + 60_000;
            while (count < total && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, RiskVerdict> record : verdicts.poll(Duration.ofMillis(5))) {
                    received.computeIfAbsent(record.key(), s -> new ArrayList<>()).add(record.value().id());
                    approvals.computeIfAbsent(record.key(), s -> new ArrayList<>()).add(record.value().approved());
                    count++;
                    drainedAt = System.nanoTime();
                }
            }
            // A duplicate (which would be a bug) arrives within a moment.
            for (ConsumerRecord<String, RiskVerdict> record : verdicts.poll(Duration.ofSeconds(2))) {
                received.computeIfAbsent(record.key(), s -> new ArrayList<>()).add(record.value().id());
            }
        }
        System.out.printf("[signal-burst] %d signals over %d symbols and 1 unreadable record: %d verdicts read, the last"
                + " %.1f ms after the first signal was written%n", total, SYMBOLS, count, (drainedAt - began) / 1e6);

        assertThat(received.keySet()).containsExactlyInAnyOrderElementsOf(symbols);
        for (String symbol : symbols) {
            assertThat(received.get(symbol)).as("verdicts of %s, in signal order", symbol)
                    .containsExactlyElementsOf(expected.get(symbol));
        }
        assertThat(deadLetters(tag)).containsExactly(poison);
        // Judged, not just echoed: every BUY approved (USD in the wallet), every spot SELL refused (its trade is not in
        // the account yet: nothing of it to sell).
        assertThat(approvals).containsOnlyKeys(symbols).allSatisfy((symbol, approved) ->
                assertThat(approved).as("approvals of %s", symbol).containsExactly(true, false));
        awaitCommittedToTheEnd();
    }

    /** The group has committed every partition of the signal topic up to its end. */
    private void awaitCommittedToTheEnd() {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                assertThat(broker.uncommitted(GROUP, Topics.STRATEGY_SIGNALS))
                        .as("records of %s not yet committed by %s", Topics.STRATEGY_SIGNALS, GROUP).isZero());
    }

    /** A reader of the verdict topic positioned at its current end, without a group (no rebalance to wait for). */
    private KafkaConsumer<String, RiskVerdict> verdictsFromNow() {
        return broker.readerFromNow(Topics.RISK_VERDICTS, RiskVerdict.class);
    }

    private List<byte[]> deadLetters(String tag) {
        try (var consumer = new KafkaConsumer<String, byte[]>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.STRATEGY_SIGNALS + Topics.DEAD_LETTER_SUFFIX));
            List<byte[]> received = new ArrayList<>();
            long deadline = System.currentTimeMillis() + 30_000;
            while (received.isEmpty() && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(250)).forEach(r -> received.add(r.value()));
            }
            consumer.poll(Duration.ofSeconds(1)).forEach(r -> received.add(r.value()));
            return received.stream().filter(v -> new String(v, StandardCharsets.UTF_8).contains(tag)).toList();
        }
    }

    private KafkaProducer<String, byte[]> producer(Map<String, Object> extra) {
        Map<String, Object> config = new HashMap<>(extra);
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    private static void send(KafkaProducer<String, byte[]> producer, String topic, String key, Object event)
            throws Exception {
        producer.send(new ProducerRecord<>(topic, key, new EventSerializer<>().serialize(topic, event)))
                .get(10, TimeUnit.SECONDS);
    }

    private static Signal signal(String id, String symbol, SignalType type) {
        return new Signal(id, symbol, type, "burst", new BigDecimal("100"), new BigDecimal("31"), new BigDecimal("100"),
                "rsi-ema", "1m", 1L, Instant.now());
    }

    private static AccountSnapshot snapshot(String usd) {
        return new AccountSnapshot("paper", System.currentTimeMillis(),
                List.of(new Wallet("exchange", "USD", new BigDecimal(usd), BigDecimal.ZERO, new BigDecimal(usd))),
                List.of(), new MarginInfo(null, null, BigDecimal.ZERO, BigDecimal.ZERO, null),
                new AccountSummary(new BigDecimal(usd), BigDecimal.ZERO, BigDecimal.ZERO, null, null, "HEALTHY", 0,
                        BigDecimal.ZERO));
    }
}
