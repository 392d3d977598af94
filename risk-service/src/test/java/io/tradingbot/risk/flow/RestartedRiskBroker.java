package io.tradingbot.risk.flow;

import io.tradingbot.events.RiskLimits;
import io.tradingbot.events.RiskState;
import io.tradingbot.events.Topics;
import io.tradingbot.events.serde.EventSerializer;
import io.tradingbot.kafka.testkit.KafkaBrokerResource;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A broker holding what an earlier risk-service wrote before it stopped: limits an operator set and a high-water mark.
 * The application under test starts on it as a restarted instance would.
 */
public class RestartedRiskBroker extends KafkaBrokerResource {
    static final Instant BEFORE = Instant.parse("2026-11-24T08:00:00Z");
    static final RiskLimits OPERATOR_LIMITS = new RiskLimits(new BigDecimal("0.01"), Map.of("tETHUSD", new BigDecimal("0.5")),
            new BigDecimal("2.5"), 3, new BigDecimal("5"), new BigDecimal("2"), new BigDecimal("5"), BEFORE, "alice");
    static final RiskState EARLIER_STATE = new RiskState("paper", new BigDecimal("10000"), new BigDecimal("9900"), false,
            null, null, BEFORE, "risk-service");

    @Override
    public Map<String, String> start() {
        Map<String, String> config = super.start();
        try (var producer = new KafkaProducer<String, Object>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker().bootstrapServers()),
                new StringSerializer(), new EventSerializer<>())) {
            producer.send(new ProducerRecord<>(Topics.RISK_LIMITS, "limits", OPERATOR_LIMITS)).get(10, TimeUnit.SECONDS);
            producer.send(new ProducerRecord<>(Topics.RISK_STATE, "paper", EARLIER_STATE)).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot prefill the risk topics", e);
        }
        return config;
    }
}
