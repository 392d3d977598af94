package io.tradingbot.simulator.engine;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The simulator's clock: sped up, it shows every simulated ms, not only those at whole real ms. */
class SimClockTest {

    @Test
    void atTenTimesRealTimeItShowsTheMillisecondsBetweenWholeRealOnes() {
        SimClock clock = new SimClock(1_000_000, 10);
        Set<Long> lastDigits = new HashSet<>();
        long until = System.nanoTime() + 50_000_000;
        long previous = clock.now();
        while (System.nanoTime() < until) {
            long now = clock.now();
            assertThat(now).isGreaterThanOrEqualTo(previous);
            previous = now;
            lastDigits.add(now % 10);
        }
        // counted from whole real ms, a 10x clock only ever showed multiples of 10
        assertThat(lastDigits).hasSizeGreaterThan(5);
    }

    @Test
    void stoppedItMovesOnlyWhenAdvanced() throws InterruptedException {
        SimClock clock = new SimClock(1_000_000, 0);
        Thread.sleep(5);
        assertThat(clock.now()).isEqualTo(1_000_000);
        clock.advance(250);
        assertThat(clock.now()).isEqualTo(1_000_250);
        assertThatThrownBy(() -> clock.advance(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
