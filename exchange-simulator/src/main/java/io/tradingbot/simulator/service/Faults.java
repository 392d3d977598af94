package io.tradingbot.simulator.service;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.atomic.AtomicLong;

/** Faults injected through the admin API: canned HTTP errors and added latency. */
@ApplicationScoped
public class Faults {

    /** The next {@code remaining} REST calls under {@code pathPrefix} answer {@code status} with Bitfinex error {@code code}. */
    public record HttpFault(int status, int code, int remaining, String pathPrefix) {
    }

    private HttpFault httpFault;
    private final AtomicLong latencyMillis = new AtomicLong();

    public synchronized void setHttpFault(int status, int code, int count, String pathPrefix) {
        httpFault = count > 0 ? new HttpFault(status, code, count, pathPrefix == null ? "/" : pathPrefix) : null;
    }

    /** Consumes one injected failure for this path, if any; never for the admin API or Quarkus endpoints. */
    public synchronized HttpFault consumeHttpFault(String path) {
        if (httpFault == null || path.startsWith("/sim") || path.startsWith("/q/")
                || !path.startsWith(httpFault.pathPrefix())) {
            return null;
        }
        HttpFault consumed = httpFault;
        httpFault = consumed.remaining() > 1
                ? new HttpFault(consumed.status(), consumed.code(), consumed.remaining() - 1, consumed.pathPrefix()) : null;
        return consumed;
    }

    public void setLatencyMillis(long millis) {
        latencyMillis.set(Math.max(0, millis));
    }

    public long latencyMillis() {
        return latencyMillis.get();
    }

    /** Delays the calling (worker) thread by the injected latency. */
    public void delay() {
        long ms = latencyMillis.get();
        if (ms > 0) {
            try {
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public synchronized void clear() {
        httpFault = null;
        latencyMillis.set(0);
    }
}
