package io.tradingbot.gateway.rest;

import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.tradingbot.gateway.config.GatewayConfig;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * On SIGTERM, the requests in flight (an order being placed through order-service can take up to 30 s) get
 * {@code gateway.shutdown.drain-timeout} to finish; WebSocket connections are not waited for, and new ones are refused
 * (503) from the first moment of the shutdown.
 * <p>
 * Quarkus' own graceful shutdown ({@code quarkus.shutdown.timeout}) counts a WebSocket handshake as a request that never
 * ends (Quarkus 3.33 on Vert.x 4.5: the upgraded connection no longer reports to the request it came from, closed or
 * not), so a gateway that had served a single client took the whole timeout to stop, and a launcher with less patience
 * killed it. This counts only the requests that end.
 */
@ApplicationScoped
public class RequestDrain {
    private static final Logger LOG = Logger.getLogger(RequestDrain.class);

    private final Duration timeout;
    private final Object lock = new Object();
    private int inFlight;
    private volatile boolean draining;

    public RequestDrain(GatewayConfig config) {
        this.timeout = config.shutdown().drainTimeout();
    }

    void track(@Observes Router router) {
        // Ahead of every other route, REST and WebSocket handshakes alike.
        router.route().order(Integer.MIN_VALUE).handler(this::track);
    }

    private void track(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        if (isWebSocketHandshake(request)) {
            if (draining) {
                // Its clients were just told to go; a new one would be cut when the server closes.
                ctx.response().setStatusCode(503).putHeader(HttpHeaders.RETRY_AFTER, "1").end("the gateway is shutting down");
                return;
            }
            ctx.next();
            return;
        }
        synchronized (lock) {
            inFlight++;
        }
        ctx.addEndHandler(ended -> {
            synchronized (lock) {
                if (--inFlight == 0) {
                    lock.notifyAll();
                }
            }
        });
        if (draining) {
            // Served, but the client is told to take its next request elsewhere.
            ctx.response().putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
        }
        ctx.next();
    }

    /** First on SIGTERM, before the clients are told to go ({@code GoingAway}): no new WebSocket from here on. */
    void stopAccepting(@Observes @Priority(0) ShutdownDelayInitiatedEvent event) {
        draining = true;
    }

    /** Then, before the HTTP server closes: waits for the requests in flight, at most the drain timeout. */
    void drain(@Observes @Priority(2) ShutdownDelayInitiatedEvent event) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            if (inFlight > 0) {
                LOG.infof("Waiting up to %s for %d request(s) in flight", timeout, inFlight);
            }
            try {
                while (inFlight > 0) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        LOG.warnf("%d request(s) still in flight after %s; stopping anyway", inFlight, timeout);
                        return;
                    }
                    TimeUnit.NANOSECONDS.timedWait(lock, left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static boolean isWebSocketHandshake(HttpServerRequest request) {
        String upgrade = request.getHeader(HttpHeaders.UPGRADE);
        return upgrade != null && upgrade.equalsIgnoreCase("websocket");
    }
}
