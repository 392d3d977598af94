package io.tradingbot.order.messaging;

import io.tradingbot.events.RiskVerdict;
import io.tradingbot.events.TradeResult;
import io.tradingbot.events.serde.EventDeserializer;
import io.tradingbot.order.service.OrderExecutor;
import io.tradingbot.support.messaging.IncomingEvents;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.common.errors.SerializationException;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Verdicts in, orders and trade results out: one lane per symbol, so a symbol's verdicts are placed in the order risk
 * made them while other symbols' go side by side. A verdict is acknowledged only once its result is on the broker; if the
 * process dies before that, the redelivered verdict is looked up by cid (its SUBMITTED record is journaled) instead of
 * becoming a second order.
 * <p>
 * Why lanes and not {@code concurrency=3} (three consumers, one per partition): {@code risk.verdicts.v1} has three
 * partitions and the symbols hash onto them unevenly ({@code tBTCUSD} and {@code tTESTBTC:TESTUSD} share partition 2),
 * so per-partition parallelism would still queue one symbol behind another. Here the records are taken in partition
 * order by one consumer, handed to their symbol's lane, and acknowledged when done; the connector commits an offset only
 * once every record before it in its partition is acknowledged, so acknowledging out of order across symbols loses
 * nothing on a crash.
 * <p>
 * A verdict goes from the channel's event loop straight to its lane: the connector hands the next record over only once
 * the stage returned for this one completes, so records still reach the lanes one at a time and in order, and nothing
 * here blocks the loop. With {@code @Blocking(ordered = true)} each verdict went through a worker thread first: 0.8 ms
 * at the median from the poll to this method at 100 symbols, 0.7 ms without (docs/benchmarks.md, 2026-11-29
 * afternoon). Past {@link #IN_FLIGHT} verdicts not yet done, the stage completes only once one is: back-pressure
 * onto Kafka.
 */
@ApplicationScoped
public class VerdictConsumer {
    private static final Logger LOG = Logger.getLogger(VerdictConsumer.class);
    private static final EventDeserializer<RiskVerdict> VERDICTS = new EventDeserializer<>(RiskVerdict.class);
    /** Verdicts taken but not yet acknowledged; past this the consumer waits (back-pressure onto Kafka). */
    public static final int IN_FLIGHT = 64;
    private static final CompletableFuture<Void> IDLE = CompletableFuture.completedFuture(null);

    private final OrderExecutor executor;
    private final OrderPublisher publisher;
    private final Semaphore inFlight = new Semaphore(IN_FLIGHT);
    /** symbol → the last verdict queued on its lane; each runs once the one before it has finished. */
    private final Map<String, CompletableFuture<Void>> lanes = new ConcurrentHashMap<>();
    private final AtomicInteger threads = new AtomicInteger();
    private final ExecutorService workers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "verdict-lane-" + threads.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    public VerdictConsumer(OrderExecutor executor, OrderPublisher publisher) {
        this.executor = executor;
        this.publisher = publisher;
    }

    @PreDestroy
    void stop() {
        // No interrupt: a verdict being placed finishes; one not acknowledged yet is read again after the restart.
        workers.shutdown();
    }

    @Incoming("verdicts")
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
        try {
            if (inFlight.tryAcquire()) {
                queue(verdict, message);
                return IDLE;
            }
            // Every permit taken: the next record waits, on a lane thread rather than the event loop, for one to be freed.
            return CompletableFuture.runAsync(() -> {
                inFlight.acquireUninterruptibly();
                queue(verdict, message);
            }, workers);
        } catch (RejectedExecutionException stopping) {
            // Shutting down: neither placed nor acknowledged, so read again after the restart; the stream ends here.
            LOG.infof("verdict %s left for after the restart: order-service is stopping", verdict.id());
            return new CompletableFuture<>();
        }
    }

    private void queue(RiskVerdict verdict, Message<byte[]> message) {
        // handle, not thenRun: a lane goes on after a verdict that failed.
        lanes.compute(verdict.symbol(), (symbol, last) -> (last == null ? IDLE : last)
                .handleAsync((ok, failed) -> {
                    place(verdict, message);
                    return null;
                }, workers));
    }

    private void place(RiskVerdict verdict, Message<byte[]> message) {
        TradeResult result;
        try {
            result = executor.execute(verdict);
        } catch (RuntimeException e) {
            LOG.errorf(e, "verdict %s could not be processed; dead-lettered", verdict.id());
            message.nack(e);
            inFlight.release();
            return;
        }
        LOG.infof("verdict %s: %s — %s", verdict.id(), result.success() ? "success" : "failed", result.message());
        publisher.result(result).subscribe().with(sent -> {
            message.ack();
            inFlight.release();
        }, failure -> {
            // Not acknowledged: read again after a restart, and then found by cid rather than placed twice.
            LOG.errorf("trade result of verdict %s not published (%s); the verdict stays unacknowledged", verdict.id(),
                    failure.getMessage());
            inFlight.release();
        });
    }
}
