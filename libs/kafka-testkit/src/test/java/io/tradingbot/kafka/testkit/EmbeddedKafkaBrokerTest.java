package io.tradingbot.kafka.testkit;

import io.tradingbot.events.Candle;
import io.tradingbot.events.Topics;
import io.tradingbot.events.serde.EventDeserializer;
import io.tradingbot.events.serde.EventSerializer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmbeddedKafkaBrokerTest {
    private static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        long started = System.nanoTime();
        broker = EmbeddedKafkaBroker.builder().start();
        System.out.printf("Kafka broker ready on %s in %d ms%n", broker.bootstrapServers(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    @AfterAll
    static void closeBroker() {
        broker.close();
    }

    @Test
    void createsEveryDeclaredTopicWithItsDeadLetterTopic() throws Exception {
        try (Admin admin = broker.admin()) {
            var names = admin.listTopics().names().get(10, TimeUnit.SECONDS);
            for (var spec : Topics.ALL) {
                assertThat(names).contains(spec.name(), spec.deadLetterTopic());
            }
            TopicDescription candles = admin.describeTopics(List.of(Topics.MARKET_CANDLES)).allTopicNames()
                    .get(10, TimeUnit.SECONDS).get(Topics.MARKET_CANDLES);
            assertThat(candles.partitions()).hasSize(3);
            var resource = new ConfigResource(ConfigResource.Type.TOPIC, Topics.TRADING_SESSIONS);
            ConfigEntry policy = admin.describeConfigs(List.of(resource)).all().get(10, TimeUnit.SECONDS).get(resource)
                    .get(TopicConfig.CLEANUP_POLICY_CONFIG);
            assertThat(policy.value()).isEqualTo(TopicConfig.CLEANUP_POLICY_COMPACT);
        }
    }

    @Test
    void anEventProducedOverTcpIsConsumedBackIntact() {
        Candle candle = new Candle("tETHUSD", "1m", 1_700_000_000_000L, new BigDecimal("2210.4"), new BigDecimal("2211"),
                new BigDecimal("2215.5"), new BigDecimal("2209.9"), new BigDecimal("41.5"), true);
        try (var producer = new KafkaProducer<String, Candle>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new EventSerializer<>())) {
            producer.send(new ProducerRecord<>(Topics.MARKET_CANDLES, candle.symbol(), candle)).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        try (var consumer = new KafkaConsumer<String, Object>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "testkit-roundtrip",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new EventDeserializer<>())) {
            consumer.subscribe(List.of(Topics.MARKET_CANDLES));
            List<ConsumerRecord<String, Object>> received = new ArrayList<>();
            long deadline = System.currentTimeMillis() + 20_000;
            while (received.isEmpty() && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
            }
            assertThat(received).singleElement().satisfies(record -> {
                assertThat(record.key()).isEqualTo("tETHUSD");
                assertThat(record.value()).isEqualTo(candle);
            });
        }
    }

    @Test
    void stopsAndComesBackOnTheSamePortWithItsData() throws Exception {
        try (EmbeddedKafkaBroker own = EmbeddedKafkaBroker.builder().topics(List.of()).start()) {
            int port = own.port();
            try (Admin admin = own.admin()) {
                admin.createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic("kept", 1, (short) 1)))
                        .all().get(10, TimeUnit.SECONDS);
            }
            own.stop();
            assertThat(own.isRunning()).isFalse();
            assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(java.io.IOException.class);
            own.start();
            assertThat(own.port()).isEqualTo(port);
            try (Admin admin = own.admin()) {
                assertThat(admin.listTopics().names().get(20, TimeUnit.SECONDS)).contains("kept");
            }
        }
    }
}
