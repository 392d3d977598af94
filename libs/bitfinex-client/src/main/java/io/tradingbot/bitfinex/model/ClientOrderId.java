package io.tradingbot.bitfinex.model;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Client order ids (cid): microseconds since UTC midnight, strictly increasing within the JVM. Bitfinex wants a cid
 * unique per UTC day and below 2^45; 86 400 000 000 µs fits.
 */
public final class ClientOrderId {

    private static final AtomicLong LAST = new AtomicLong();

    private ClientOrderId() {
    }

    public static long next() {
        Instant now = Instant.now();
        long micros = (now.getEpochSecond() % 86_400L) * 1_000_000L + now.getNano() / 1_000L;
        return LAST.updateAndGet(prev -> Math.max(micros, prev + 1));
    }
}
