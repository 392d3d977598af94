package io.tradingbot.simulator.service;

import org.junit.jupiter.api.Test;

import static io.tradingbot.simulator.service.ExchangeService.tickSleepNanos;
import static org.assertj.core.api.Assertions.assertThat;

/** The clock thread sleeps until the markets' next step, within tick-millis of it, and never past 250 ms. */
class ClockSleepTest {
    private static final long MS = 1_000_000;

    @Test
    void withShortTicksItSleepsUntilTheNextStepIsDue() {
        // 10× clock: a step 300 simulated ms away is due in 30 real ms; one simulated ms more (0.1 real ms) so as not
        // to wake just before it
        assertThat(tickSleepNanos(5, 300, 10)).isEqualTo(30_100_000);
        assertThat(tickSleepNanos(5, 301, 10)).isEqualTo(30_200_000);
        // at real time, one ms more
        assertThat(tickSleepNanos(5, 100, 1)).isEqualTo(101 * MS);
        // a step 10 simulated seconds away: woken at 250 ms all the same, in case the clock or the exchange changed
        assertThat(tickSleepNanos(5, 10_000, 10)).isEqualTo(250 * MS);
        // an exchange without markets never steps
        assertThat(tickSleepNanos(5, Long.MAX_VALUE, 10)).isEqualTo(250 * MS);
        // a step due sooner than tick-millis waits for it, as every catch-up did before
        assertThat(tickSleepNanos(5, 20, 10)).isEqualTo(5 * MS);
        assertThat(tickSleepNanos(5, 0, 1)).isEqualTo(5 * MS);
    }

    @Test
    void theDefaultTickAndLongerOnesAreKeptAsTheyWere() {
        assertThat(tickSleepNanos(250, 10, 1)).isEqualTo(250 * MS);
        assertThat(tickSleepNanos(250, 60_000, 1)).isEqualTo(250 * MS);
        assertThat(tickSleepNanos(1_000, 10, 1)).isEqualTo(1_000 * MS);
    }
}
