package io.tradingbot.account.messaging;

import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.tradingbot.events.AccountSnapshot;
import io.tradingbot.events.ExchangePrivateEvent;
import io.tradingbot.events.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * What account-service writes: snapshots of the account (keyed by account) and the raw private events it follows
 * (keyed by symbol, else account), through one producer, each record naming its topic. Neither call blocks: they are
 * made from the WebSocket's and the publisher's threads.
 */
@ApplicationScoped
public class AccountPublisher {
    private static final Logger LOG = Logger.getLogger(AccountPublisher.class);

    private final MutinyEmitter<Object> events;

    public AccountPublisher(@Channel("account-out") MutinyEmitter<Object> events) {
        this.events = events;
    }

    public void snapshot(AccountSnapshot snapshot) {
        events.sendMessage(record(Topics.ACCOUNT_SNAPSHOTS, snapshot.account(), snapshot)).subscribe().with(ok -> {
        }, failure -> LOG.errorf("Snapshot of %s not written to Kafka: %s", snapshot.account(), failure.getMessage()));
    }

    public void privateEvent(ExchangePrivateEvent event) {
        String key = event.symbol() != null ? event.symbol() : event.account();
        events.sendMessage(record(Topics.EXCHANGE_PRIVATE, key, event)).subscribe().with(ok -> {
        }, failure -> LOG.errorf("Private event %s not written to Kafka: %s", event.code(), failure.getMessage()));
    }

    private static Message<Object> record(String topic, String key, Object value) {
        return Message.of(value).addMetadata(
                OutgoingKafkaRecordMetadata.<String>builder().withTopic(topic).withKey(key).build());
    }
}
