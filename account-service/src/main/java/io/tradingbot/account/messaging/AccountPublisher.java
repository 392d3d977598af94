package io.tradingbot.account.messaging;

import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.tradingbot.events.AccountSnapshot;
import io.tradingbot.events.ExchangePrivateEvent;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * What account-service writes: snapshots of the account (keyed by account) and the raw private events it follows
 * (keyed by symbol, else account). Neither call blocks: they are made from the WebSocket's and the publisher's threads.
 */
@ApplicationScoped
public class AccountPublisher {
    private static final Logger LOG = Logger.getLogger(AccountPublisher.class);

    private final MutinyEmitter<AccountSnapshot> snapshots;
    private final MutinyEmitter<ExchangePrivateEvent> privateEvents;

    public AccountPublisher(@Channel("snapshots") MutinyEmitter<AccountSnapshot> snapshots,
            @Channel("private-events") MutinyEmitter<ExchangePrivateEvent> privateEvents) {
        this.snapshots = snapshots;
        this.privateEvents = privateEvents;
    }

    public void snapshot(AccountSnapshot snapshot) {
        snapshots.sendMessage(keyed(snapshot.account(), snapshot)).subscribe().with(ok -> {
        }, failure -> LOG.errorf("Snapshot of %s not written to Kafka: %s", snapshot.account(), failure.getMessage()));
    }

    public void privateEvent(ExchangePrivateEvent event) {
        String key = event.symbol() != null ? event.symbol() : event.account();
        privateEvents.sendMessage(keyed(key, event)).subscribe().with(ok -> {
        }, failure -> LOG.errorf("Private event %s not written to Kafka: %s", event.code(), failure.getMessage()));
    }

    private static <T> Message<T> keyed(String key, T value) {
        return Message.of(value).addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(key).build());
    }
}
