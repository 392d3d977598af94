package io.tradingbot.gateway.ws;

import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OpenConnections;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;

/**
 * On SIGTERM every WebSocket and Socket.IO client is told "going away" (1001) first, so it reconnects to another gateway
 * at once instead of finding a dead socket when the server closes; the REST requests in flight are drained after this.
 */
@ApplicationScoped
class GoingAway {
    private static final Logger LOG = Logger.getLogger(GoingAway.class);
    private static final CloseReason SHUTTING_DOWN = new CloseReason(1001, "the gateway is shutting down; reconnect");

    private final OpenConnections connections;

    GoingAway(OpenConnections connections) {
        this.connections = connections;
    }

    void closeAll(@Observes @Priority(1) ShutdownDelayInitiatedEvent event) {
        List<Uni<Void>> closing = connections.stream().map(c -> c.close(SHUTTING_DOWN)).toList();
        if (closing.isEmpty()) {
            return;
        }
        LOG.infof("Closing %d WebSocket connection(s): going away", closing.size());
        try {
            Uni.join().all(closing).andCollectFailures().await().atMost(Duration.ofSeconds(2));
        } catch (RuntimeException e) {
            // A client that does not answer its close frame is cut when the server stops.
            LOG.warnf("Not every WebSocket closed cleanly: %s", e.getMessage());
        }
    }
}
