package io.tradingbot.support.messaging;

import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * How a consumer that takes a poll at a time acknowledges it: once everything the poll started (the events it sent, the
 * records it dead-lettered) is done, while the next poll goes on without waiting. A dead letter that could not be
 * written leaves the poll unacknowledged: its offsets are not committed and a restart replays it, rather than the whole
 * poll being dead-lettered (what failing the stage handed to the connector would do).
 */
public final class PollAcknowledgement {
    private static final Logger LOG = Logger.getLogger(PollAcknowledgement.class);

    private PollAcknowledgement() {
    }

    /** Acknowledges {@code batch} once every stage in {@code settling} is done; {@code records} names them in the log. */
    public static void whenSettled(KafkaRecordBatch<?, ?> batch, List<CompletionStage<Void>> settling, String records) {
        CompletableFuture.allOf(settling.stream().map(CompletionStage::toCompletableFuture)
                        .toArray(CompletableFuture[]::new))
                .whenComplete((done, failure) -> {
                    if (failure == null) {
                        batch.ack();
                    } else {
                        LOG.errorf(failure, "A poll of %d %s records stays unacknowledged (replayed after a restart)",
                                batch.getRecords().size(), records);
                    }
                });
    }
}
