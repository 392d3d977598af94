package io.tradingbot.simulator.service;

import org.junit.jupiter.api.Test;

import static io.tradingbot.simulator.service.ExchangeService.tickSleepMillis;
import static org.assertj.core.api.Assertions.assertThat;

/** The clock thread sleeps until the markets' next step, within tick-millis of it, and never past 250 ms. */
class ClockSleepTest {

    @Test
    void withShortTicksItSleepsUntilTheNextStepIsDue() {
        // 10× clock: a step 300 simulated ms away is due in 30 real ms; one more so as not to wake just before it
        assertThat(tickSleepMillis(5, 300, 10)).isEqualTo(31);
        assertThat(tickSleepMillis(5, 301, 10)).isEqualTo(32);
        // a step 10 simulated seconds away: woken at 250 ms all the same, in case the clock or the exchange changed
        assertThat(tickSleepMillis(5, 10_000, 10)).isEqualTo(250);
        // a step due sooner than tick-millis waits for it, as every catch-up did before
        assertThat(tickSleepMillis(5, 20, 10)).isEqualTo(5);
        assertThat(tickSleepMillis(5, 0, 1)).isEqualTo(5);
    }

    @Test
    void theDefaultTickAndLongerOnesAreKeptAsTheyWere() {
        assertThat(tickSleepMillis(250, 10, 1)).isEqualTo(250);
        assertThat(tickSleepMillis(250, 60_000, 1)).isEqualTo(250);
        assertThat(tickSleepMillis(1_000, 10, 1)).isEqualTo(1_000);
    }
}
