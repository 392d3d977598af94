package io.tradingbot.simulator.engine;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A market replaying a candle file walks each minute's open, extremes and close, and loops the file. */
class CandleReplayTest {

    @Test
    void replayedMinutesReachTheirHighsAndLows() {
        Instrument replayed = new Instrument("tBTCUSD", "BTC", "USD", new BigDecimal("100"), 0, 0.8,
                new BigDecimal("0.5"), new BigDecimal("0.0001"), new BigDecimal("100"), true,
                List.of(new Instrument.ReplayCandle(100, 110, 115, 95), new Instrument.ReplayCandle(110, 105, 112, 104)), 0);
        long start = 1_718_000_040_000L / 60_000L * 60_000L;
        Exchange ex = new Exchange(new Exchange.Settings(1, 1000, 4, 0.0002, 0.0002, 25, 1000,
                new BigDecimal("0.001"), new BigDecimal("0.002"), new BigDecimal("5"), new BigDecimal("0.1"),
                List.of(replayed)), new SimClock(start, 0));
        List<Candle> candles = ex.market("tBTCUSD").candles(Timeframe.M1, Long.MIN_VALUE, start - 1);
        assertThat(candles).hasSize(4);
        for (int i = 0; i < 4; i++) {
            Candle c = candles.get(i);
            boolean rising = i % 2 == 0;
            assertThat(c.high()).isEqualByComparingTo(rising ? "115" : "112");
            assertThat(c.low()).isEqualByComparingTo(rising ? "95" : "104");
        }
    }
}
