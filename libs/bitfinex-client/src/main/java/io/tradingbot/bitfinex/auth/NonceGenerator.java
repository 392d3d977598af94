package io.tradingbot.bitfinex.auth;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongFunction;
import java.util.function.LongSupplier;

/**
 * Nonces strictly increasing per API key: {@code max(now in µs, last + 1)}. The microsecond wall clock makes a new
 * process start above the previous one's nonces (unless it issued over a million per second, which the rate limits
 * forbid); the guard keeps the order when the clock stands still or steps back. A process can also start above a
 * nonce it knows was used ({@link #NonceGenerator(LongSupplier, long)}).
 */
public final class NonceGenerator {

    /** Bitfinex refuses nonces above JavaScript's MAX_SAFE_INTEGER. */
    public static final long MAX_NONCE = 9_007_199_254_740_991L;

    private static final Map<String, NonceGenerator> PER_KEY = new ConcurrentHashMap<>();

    private final LongSupplier microClock;
    private final AtomicLong last;
    /** Held from taking a nonce until its request is through (fair: callers go in the order they came). */
    private final ReentrantLock inOrder = new ReentrantLock(true);

    public NonceGenerator(LongSupplier microClock) {
        this(microClock, 0L);
    }

    /** @param floor the largest nonce already used with this key (every nonce issued will be greater) */
    public NonceGenerator(LongSupplier microClock, long floor) {
        this.microClock = microClock;
        this.last = new AtomicLong(floor);
    }

    /** The JVM-wide generator of an API key, so that several clients sharing one key never collide. */
    public static NonceGenerator forKey(String apiKey) {
        return PER_KEY.computeIfAbsent(apiKey, k -> new NonceGenerator(NonceGenerator::wallClockMicros));
    }

    public static long wallClockMicros() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000L;
    }

    public long next() {
        long now = microClock.getAsLong();
        long nonce = last.updateAndGet(prev -> Math.max(now, prev + 1));
        if (nonce > MAX_NONCE) {
            throw new IllegalStateException("nonce exceeds Bitfinex's maximum 9007199254740991");
        }
        return nonce;
    }

    /**
     * Takes the next nonce and makes the request signed with it while no other caller of this generator, whichever client
     * it uses, can take one. The exchange refuses a nonce below one it has seen for the key, and requests on separate
     * connections arrive in any order, so taking a nonce and sending its request are one step per key.
     */
    public <T> T inOrder(LongFunction<T> signedRequest) {
        inOrder.lock();
        try {
            return signedRequest.apply(next());
        } finally {
            inOrder.unlock();
        }
    }

    /** The last nonce issued (0 if none). */
    public long last() {
        return last.get();
    }
}
