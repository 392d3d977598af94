package io.tradingbot.order.messaging;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.tradingbot.events.RiskVerdict;
import io.tradingbot.events.TradeResult;
import io.tradingbot.events.serde.EventDeserializer;
import io.tradingbot.order.service.OrderExecutor;
import io.tradingbot.support.messaging.IncomingEvents;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.common.errors.SerializationException;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.util.concurrent.CompletionStage;

/**
 * Verdicts in, orders and trade results out. A verdict is acknowledged only once its result is on the broker; if the
 * process dies before that, the redelivered verdict finds its order by cid instead of placing a second one.
 */
@ApplicationScoped
public class VerdictConsumer {
    private static final Logger LOG = Logger.getLogger(VerdictConsumer.class);
    private static final EventDeserializer<RiskVerdict> VERDICTS = new EventDeserializer<>(RiskVerdict.class);

    private final OrderExecutor executor;
    private final OrderPublisher publisher;

    public VerdictConsumer(OrderExecutor executor, OrderPublisher publisher) {
        this.executor = executor;
        this.publisher = publisher;
    }

    @Incoming("verdicts")
    @Blocking(ordered = true)
    public CompletionStage<Void> onVerdict(Message<byte[]> message) {
        if (message.getPayload() == null) {
            return message.ack();
        }
        RiskVerdict verdict;
        try {
            verdict = IncomingEvents.decode(message, VERDICTS);
        } catch (SerializationException e) {
            LOG.warnf("Dead-lettering an unreadable verdict: %s", e.getMessage());
            return message.nack(e);
        }
        TradeResult result = executor.execute(verdict);
        LOG.infof("verdict %s: %s — %s", verdict.id(), result.success() ? "success" : "failed", result.message());
        return publisher.result(result).subscribeAsCompletionStage().thenCompose(sent -> message.ack());
    }
}
