package io.tradingbot.support.messaging;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaProducer;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.tradingbot.events.Topics;
import io.tradingbot.kafka.testkit.EmbeddedKafkaBroker;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Records sent through a channel's producer from the calling thread, against a real broker: in order per key across
 * the switch from the channel's emitter to the producer itself, never blocking the caller while the topic's partitions are
 * not known, and a refused record reported on its own stage.
 */
class ChannelProducerTest {
    private static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedKafkaBroker.builder().start();
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void recordsFromOneThreadReachTheTopicInOrderFromTheFirstOnAndThenGoStraightToTheProducer() throws Exception {
        String key = "tBTCUSD";
        try (var producer = producer(broker.bootstrapServers(), Map.of());
                var reader = reader(Topics.STRATEGY_SIGNALS);
                var channel = new ChannelProducer<>(clients("signals", producer), emitter(producer), "signals",
                        Topics.STRATEGY_SIGNALS)) {
            // Sent at once: the first ones go through the emitter while the producer is asked for the topic's partitions.
            List<CompletionStage<Void>> sent = new ArrayList<>();
            for (int i = 0; i < 2_000; i++) {
                sent.add(channel.send(Topics.STRATEGY_SIGNALS, key, "signal-" + i));
            }
            await().atMost(Duration.ofSeconds(30)).until(channel::sendsDirectly);
            for (int i = 2_000; i < 2_100; i++) {
                sent.add(channel.send(Topics.STRATEGY_SIGNALS, key, "signal-" + i));
            }
            CompletableFuture.allOf(sent.stream().map(CompletionStage::toCompletableFuture)
                    .toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);

            List<String> values = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                for (ConsumerRecord<String, String> record : reader.poll(Duration.ofMillis(200))) {
                    assertThat(record.key()).isEqualTo(key);
                    values.add(record.value());
                }
                assertThat(values).hasSize(2_100);
            });
            assertThat(values).isEqualTo(IntStream.range(0, 2_100).mapToObj(i -> "signal-" + i).toList());
        }
    }

    @Test
    void aSendReturnsAtOnceWhileNoBrokerAnswersAndItsStageFailsWhenTheProducerGivesUp() throws Exception {
        int nothingListens;
        try (ServerSocket socket = new ServerSocket(0)) {
            nothingListens = socket.getLocalPort();
        }
        // Sent from the caller's thread, this record would block it for the producer's max.block.ms (8 s).
        try (var producer = producer("127.0.0.1:" + nothingListens, Map.of(ProducerConfig.MAX_BLOCK_MS_CONFIG, 8_000));
                var channel = new ChannelProducer<>(clients("verdicts", producer), emitter(producer), "verdicts",
                        Topics.RISK_VERDICTS)) {
            CompletionStage<Void> stage = CompletableFuture.supplyAsync(
                    () -> channel.send(Topics.RISK_VERDICTS, "tETHUSD", "verdict")).get(4, TimeUnit.SECONDS);
            assertThat(channel.sendsDirectly()).isFalse();
            // On the emitter's sending thread the producer gives up after its max.block.ms, and the stage says why.
            assertThat(stage.toCompletableFuture()).failsWithin(Duration.ofSeconds(60))
                    .withThrowableOfType(ExecutionException.class)
                    .withMessageContaining(Topics.RISK_VERDICTS);
        }
    }

    @Test
    void aRecordTheProducerRefusesFailsItsStageAndTheNextOneStillGoesOut() throws Exception {
        try (var producer = producer(broker.bootstrapServers(), Map.of(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 1_024));
                var reader = reader(Topics.RISK_VERDICTS);
                var channel = new ChannelProducer<>(clients("verdicts", producer), emitter(producer), "verdicts",
                        Topics.RISK_VERDICTS)) {
            await().atMost(Duration.ofSeconds(30)).until(channel::sendsDirectly);
            CompletionStage<Void> tooLarge = channel.send(Topics.RISK_VERDICTS, "tETHUSD", "x".repeat(4_096));
            assertThat(tooLarge.toCompletableFuture()).failsWithin(Duration.ofSeconds(30))
                    .withThrowableOfType(ExecutionException.class)
                    .withCauseInstanceOf(RecordTooLargeException.class);

            channel.send(Topics.RISK_VERDICTS, "tETHUSD", "fits").toCompletableFuture().get(30, TimeUnit.SECONDS);
            List<String> values = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                reader.poll(Duration.ofMillis(200)).forEach(r -> values.add(r.value()));
                assertThat(values).containsExactly("fits");
            });
        }
    }

    private static org.apache.kafka.clients.producer.KafkaProducer<String, String> producer(String bootstrap,
            Map<String, Object> overrides) {
        Map<String, Object> config = new HashMap<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 0));
        config.putAll(overrides);
        return new org.apache.kafka.clients.producer.KafkaProducer<>(config, new StringSerializer(),
                new StringSerializer());
    }

    private static KafkaConsumer<String, String> reader(String topic) {
        return broker.readerFromNow(topic, new StringDeserializer());
    }

    /**
     * The channel's emitter as the connector runs it: each record handed to one sending thread, which gives it to the
     * producer (and waits there while the producer does), acknowledged once the broker has it.
     */
    @SuppressWarnings("unchecked")
    private static MutinyEmitter<String> emitter(org.apache.kafka.clients.producer.KafkaProducer<String, String> producer) {
        ExecutorService sendingThread = Executors.newSingleThreadExecutor(r -> Thread.ofPlatform().daemon().unstarted(r));
        return (MutinyEmitter<String>) Proxy.newProxyInstance(ChannelProducerTest.class.getClassLoader(),
                new Class<?>[] {MutinyEmitter.class}, (proxy, method, args) -> {
                    if (!method.getName().equals("sendMessage")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    Message<String> message = (Message<String>) args[0];
                    OutgoingKafkaRecordMetadata<String> metadata = message.getMetadata(OutgoingKafkaRecordMetadata.class)
                            .orElseThrow();
                    return Uni.createFrom().<Void>emitter(done -> producer.send(new ProducerRecord<>(metadata.getTopic(),
                                    metadata.getKey(), message.getPayload()), (sent, error) -> {
                                if (error == null) {
                                    done.complete(null);
                                } else {
                                    done.fail(error);
                                }
                            }))
                            .runSubscriptionOn(sendingThread);
                });
    }

    /** What the connector offers for one outgoing channel: its producer, unwrapped; nothing else is used. */
    @SuppressWarnings("unchecked")
    private static KafkaClientService clients(String channel,
            org.apache.kafka.clients.producer.KafkaProducer<String, String> producer) {
        KafkaProducer<String, String> connector = (KafkaProducer<String, String>) Proxy.newProxyInstance(
                ChannelProducerTest.class.getClassLoader(), new Class<?>[] {KafkaProducer.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "unwrap" -> producer;
                    case "configuration" -> Map.of();
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return new KafkaClientService() {
            @Override
            public <K, V> List<io.smallrye.reactive.messaging.kafka.KafkaConsumer<K, V>> getConsumers(String name) {
                return List.of();
            }

            @Override
            public <K, V> KafkaProducer<K, V> getProducer(String name) {
                return name.equals(channel) ? (KafkaProducer<K, V>) connector : null;
            }

            @Override
            public Set<String> getConsumerChannels() {
                return Set.of();
            }

            @Override
            public Set<String> getProducerChannels() {
                return Set.of(channel);
            }
        };
    }
}
