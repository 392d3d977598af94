package io.tradingbot.benchmarks.stack;

import io.tradingbot.events.Candle;
import io.tradingbot.events.OrderEvent;
import io.tradingbot.events.OrderStatus;
import io.tradingbot.events.RiskLevel;
import io.tradingbot.events.RiskVerdict;
import io.tradingbot.events.Side;
import io.tradingbot.events.Signal;
import io.tradingbot.events.SignalType;
import io.tradingbot.events.Topics;
import io.tradingbot.events.serde.EventSerializer;
import io.tradingbot.kafka.testkit.EmbeddedKafkaBroker;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The tap against a real broker: what was written after it was made is read afterwards and chained by id. */
class EventTapTest {
    private static final long MTS = 1_795_608_000_000L;
    private static final String SIGNAL_ID = "bollinger:tA01USD:1m:" + MTS;
    private static final String VERDICT_ID = "verdict:" + SIGNAL_ID;
    private static final EventSerializer<Object> JSON = new EventSerializer<>();

    @Test
    void recordsWrittenSinceTheTapWasMadeAreReadAfterwardsWithTheirTimestamps() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().start();
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                     new StringSerializer(), new ByteArraySerializer())) {
            send(producer, Topics.MARKET_CANDLES, candle(MTS - 60_000, true)); // before the tap: not its business

            try (EventTap tap = new EventTap(broker.bootstrapServers())) {
                send(producer, Topics.MARKET_CANDLES, candle(MTS, true));
                send(producer, Topics.MARKET_CANDLES, candle(MTS + 60_000, false));
                producer.send(new ProducerRecord<>(Topics.STRATEGY_SIGNALS, "tA01USD",
                        "not json".getBytes(StandardCharsets.UTF_8))).get();
                send(producer, Topics.STRATEGY_SIGNALS, new Signal(SIGNAL_ID, "tA01USD", SignalType.BUY,
                        "closed below the lower band", new BigDecimal("97"), null, null, "bollinger", "1m", MTS,
                        Instant.ofEpochMilli(MTS)));
                send(producer, Topics.RISK_VERDICTS, new RiskVerdict(VERDICT_ID, SIGNAL_ID, "tA01USD", Side.BUY, true,
                        RiskLevel.LOW, List.of("within limits"), new BigDecimal("0.01"), "EXCHANGE MARKET", null,
                        BigDecimal.ONE, null, null, Instant.ofEpochMilli(MTS)));
                long sent = System.currentTimeMillis();
                send(producer, Topics.ORDERS_EVENTS, order(OrderStatus.SUBMITTED, null));
                send(producer, Topics.ORDERS_EVENTS, order(OrderStatus.FILLED, 42L));

                tap.collect();

                assertThat(tap.closedCandles).containsOnlyKeys("tA01USD|" + MTS);
                assertThat(tap.signals).containsOnlyKeys(SIGNAL_ID);
                assertThat(tap.verdicts.get(SIGNAL_ID).value().id()).isEqualTo(VERDICT_ID);
                assertThat(tap.orders.get(VERDICT_ID)).extracting(s -> s.value().status())
                        .containsExactly(OrderStatus.SUBMITTED, OrderStatus.FILLED);
                assertThat(tap.orders.get(VERDICT_ID).getFirst().timestamp()).isBetween(sent - 1, sent + 5_000);
            }
        }
    }

    private static Candle candle(long mts, boolean closed) {
        return new Candle("tA01USD", "1m", mts, new BigDecimal("100"), new BigDecimal("97"), new BigDecimal("100"),
                new BigDecimal("97"), BigDecimal.ONE, closed);
    }

    private static OrderEvent order(OrderStatus status, Long exchangeId) {
        return new OrderEvent(7L, exchangeId, "tA01USD", status, "EXCHANGE MARKET", new BigDecimal("0.01"),
                status == OrderStatus.FILLED ? BigDecimal.ZERO : new BigDecimal("0.01"), null, null, null, VERDICT_ID,
                MTS);
    }

    private static void send(KafkaProducer<String, byte[]> producer, String topic, Object event) throws Exception {
        producer.send(new ProducerRecord<>(topic, "tA01USD", JSON.serialize(topic, event))).get();
    }
}
