package io.tradingbot.bitfinex.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class NonceGeneratorTest {

    @Test
    void manyThreadsGetDistinctNoncesIncreasingInEachThread() throws Exception {
        AtomicLong clock = new AtomicLong(1_718_000_000_000_000L); // frozen clock: only the guard orders them
        NonceGenerator generator = new NonceGenerator(clock::get);
        int threads = 8;
        int perThread = 5_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<Long>>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Callable<List<Long>> task = () -> {
                    List<Long> mine = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        mine.add(generator.next());
                    }
                    return mine;
                };
                futures.add(pool.submit(task));
            }
            Set<Long> all = new HashSet<>();
            for (Future<List<Long>> f : futures) {
                List<Long> mine = f.get();
                for (int i = 1; i < mine.size(); i++) {
                    assertThat(mine.get(i)).isGreaterThan(mine.get(i - 1));
                }
                all.addAll(mine);
            }
            assertThat(all).hasSize(threads * perThread);
            assertThat(generator.last()).isEqualTo(1_718_000_000_000_000L + threads * perThread - 1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void followsTheMicrosecondClockAndNeverGoesBackWhenItDoes() {
        AtomicLong clock = new AtomicLong(1_000_000L);
        NonceGenerator generator = new NonceGenerator(clock::get);
        assertThat(generator.next()).isEqualTo(1_000_000L);
        clock.set(2_000_000L);
        assertThat(generator.next()).isEqualTo(2_000_000L);
        clock.set(1_500_000L); // NTP step back
        assertThat(generator.next()).isEqualTo(2_000_001L);
    }

    @Test
    void aRestartedProcessStartsAboveThePreviousProcessNonces() {
        AtomicLong clock = new AtomicLong(1_718_000_000_000_000L);
        NonceGenerator first = new NonceGenerator(clock::get);
        long lastOfFirst = 0;
        for (int i = 0; i < 10_000; i++) { // a burst runs ahead of the clock
            lastOfFirst = first.next();
        }
        clock.addAndGet(1_000_000L); // the restart takes at least a second
        NonceGenerator restarted = new NonceGenerator(clock::get);
        assertThat(restarted.next()).isGreaterThan(lastOfFirst);

        // With a clock that did not move (or moved back), the known floor still keeps it increasing.
        NonceGenerator restartedWithFloor = new NonceGenerator(() -> 1_718_000_000_000_000L, lastOfFirst);
        assertThat(restartedWithFloor.next()).isEqualTo(lastOfFirst + 1);
    }

    @Test
    void oneGeneratorPerApiKeyInTheJvm() {
        assertThat(NonceGenerator.forKey("key-a")).isSameAs(NonceGenerator.forKey("key-a"));
        assertThat(NonceGenerator.forKey("key-a")).isNotSameAs(NonceGenerator.forKey("key-b"));
        long a = NonceGenerator.forKey("key-a").next();
        assertThat(NonceGenerator.forKey("key-a").next()).isGreaterThan(a);
        assertThat(a).isLessThan(NonceGenerator.MAX_NONCE).isGreaterThan(1_700_000_000_000_000L);
    }

    @Test
    void refusesNoncesAboveMaxSafeInteger() {
        NonceGenerator generator = new NonceGenerator(() -> NonceGenerator.MAX_NONCE + 1);
        assertThatThrownBy(generator::next).isInstanceOf(IllegalStateException.class);
    }
}
