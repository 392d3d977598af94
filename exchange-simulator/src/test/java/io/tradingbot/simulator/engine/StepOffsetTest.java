package io.tradingbot.simulator.engine;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A market's step offset: it trades at its own moment within each step, so its candles close there too. */
class StepOffsetTest {
    private static final long START = 1_718_000_040_000L;
    private static final long STEP = 1000;

    private static Instrument market(String symbol, long offset) {
        return new Instrument(symbol, symbol.substring(1, 4), "USD", new BigDecimal("100"), 0.0, 0.8,
                new BigDecimal("5"), new BigDecimal("0.001"), new BigDecimal("2000"), true, List.of(), offset);
    }

    private static Exchange exchange(Instrument... instruments) {
        return new Exchange(new Exchange.Settings(5, STEP, 3, 0.0002, 0.0002, 25, 1000, new BigDecimal("0.001"),
                new BigDecimal("0.002"), new BigDecimal("5"), new BigDecimal("0.1"), List.of(instruments)),
                new SimClock(START, 0));
    }

    @Test
    void eachMarketTradesAtItsOffsetWithinEveryStep() {
        Exchange ex = exchange(market("tAAAUSD", 0), market("tBBBUSD", 400), market("tCCCUSD", 750));
        ex.advanceClock(61_750); // every market has traded in the last step

        assertThat(ex.market("tAAAUSD").trades()).extracting(t -> Math.floorMod(t.mts(), STEP)).containsOnly(0L);
        assertThat(ex.market("tBBBUSD").trades()).extracting(t -> Math.floorMod(t.mts(), STEP)).containsOnly(400L);
        assertThat(ex.market("tCCCUSD").trades()).extracting(t -> Math.floorMod(t.mts(), STEP)).containsOnly(750L);
        // one trade per step for each: the offset moves a market's steps, it does not add or drop any
        assertThat(ex.market("tBBBUSD").trades()).hasSameSizeAs(ex.market("tAAAUSD").trades());
    }

    @Test
    void aMarketsCandleClosesAtItsFirstTradeOfTheNextMinute() {
        Exchange ex = exchange(market("tAAAUSD", 0), market("tBBBUSD", 400));
        long minute = START + 60_000;
        ex.advanceClock(minute - START); // at the minute: tAAAUSD has traded in it, tBBBUSD not yet
        assertThat(ex.market("tAAAUSD").lastCandle(Timeframe.M1).mts()).isEqualTo(minute);
        assertThat(ex.market("tBBBUSD").lastCandle(Timeframe.M1).mts()).isEqualTo(minute - 60_000);

        ex.advanceClock(399);
        assertThat(ex.market("tBBBUSD").lastCandle(Timeframe.M1).mts()).isEqualTo(minute - 60_000);
        ex.advanceClock(1);
        assertThat(ex.market("tBBBUSD").lastCandle(Timeframe.M1).mts()).isEqualTo(minute);
    }

    @Test
    void theClockSleepsUntilTheNextMarketsStep() {
        Exchange ex = exchange(market("tAAAUSD", 0), market("tBBBUSD", 400));
        assertThat(ex.tick()).isEqualTo(400); // tAAAUSD traded at the start, tBBBUSD is next
        ex.advanceClock(400);
        assertThat(ex.tick()).isEqualTo(600); // then tAAAUSD at the next step
    }

    @Test
    void noOffsetTradesEveryMarketAtOnceAsBefore() {
        Exchange ex = exchange(market("tAAAUSD", 0), market("tBBBUSD", 0));
        assertThat(ex.tick()).isEqualTo(STEP);
        ex.advanceClock(5_000);
        assertThat(ex.market("tBBBUSD").trades()).extracting(PublicTrade::mts)
                .isEqualTo(ex.market("tAAAUSD").trades().stream().map(PublicTrade::mts).toList());
    }

    @Test
    void anOffsetOfAWholeStepOrMoreIsRefused() {
        assertThatThrownBy(() -> exchange(market("tAAAUSD", STEP)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("tAAAUSD: step offset 1000 ms must be below the step of 1000 ms");
        assertThatThrownBy(() -> market("tAAAUSD", -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must not be negative");
    }
}
