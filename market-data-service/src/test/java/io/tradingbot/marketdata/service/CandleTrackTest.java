package io.tradingbot.marketdata.service;

import io.tradingbot.events.Candle;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Whatever order and however often candles are seen, each is published closed once, in order, after its successor started. */
class CandleTrackTest {
    private static final long M = 60_000;

    @Test
    void theStartIsABaselineNotAReplay() {
        CandleTrack track = new CandleTrack("tBTCUSD", "1m", 100);
        track.accept(List.of(c(3, "12"), c(1, "10"), c(2, "11")));
        List<Candle> out = track.drain();
        assertThat(out).singleElement().satisfies(open -> {
            assertThat(open.mts()).isEqualTo(3 * M);
            assertThat(open.closed()).isFalse();
        });
        assertThat(track.history(10)).extracting(Candle::mts).containsExactly(M, 2 * M, 3 * M);
        assertThat(track.history(10)).extracting(Candle::closed).containsExactly(true, true, false);
    }

    @Test
    void aCandleClosesOnceWhenTheNextStartsAndCopiesAreIgnored() {
        CandleTrack track = new CandleTrack("tBTCUSD", "1m", 100);
        track.accept(List.of(c(1, "10")));
        track.drain();
        track.accept(List.of(c(1, "10.5")));
        assertThat(track.drain()).extracting(Candle::closed, Candle::close)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(false, new BigDecimal("10.5")));
        track.accept(List.of(c(1, "10.5")));
        assertThat(track.drain()).as("unchanged: nothing new").isEmpty();

        track.accept(List.of(c(2, "11")));
        List<Candle> out = track.drain();
        assertThat(out).extracting(Candle::mts, Candle::closed)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(M, true), org.assertj.core.groups.Tuple.tuple(2 * M, false));
        assertThat(out.get(0).close()).isEqualByComparingTo("10.5");

        // a snapshot after a reconnect repeats what was published: the late copy of a closed candle changes nothing
        track.accept(List.of(c(2, "11"), c(1, "99")));
        assertThat(track.drain()).isEmpty();
    }

    @Test
    void aMissingPeriodIsReportedBeforeAnythingCloses() {
        CandleTrack track = new CandleTrack("tBTCUSD", "1m", 100);
        track.accept(List.of(c(1, "10")));
        track.drain();
        track.accept(List.of(c(4, "13")));
        assertThat(track.gap()).hasValueSatisfying(range -> assertThat(range).containsExactly(2 * M, 4 * M));
        track.accept(List.of(c(3, "12"), c(2, "11")));
        assertThat(track.gap()).isEmpty();
        List<Candle> closed = new ArrayList<>(track.drain().stream().filter(Candle::closed).toList());
        assertThat(closed).extracting(Candle::mts).containsExactly(M, 2 * M, 3 * M);
    }

    @Test
    void aRestartContinuesAfterTheLastCandleAnEarlierRunClosed() {
        CandleTrack track = new CandleTrack("tBTCUSD", "1m", 100, 2 * M);
        track.accept(List.of(c(5, "15"), c(4, "14"), c(3, "13"), c(2, "12"), c(1, "11")));
        assertThat(track.drain()).extracting(Candle::mts, Candle::closed).containsExactly(
                org.assertj.core.groups.Tuple.tuple(3 * M, true), org.assertj.core.groups.Tuple.tuple(4 * M, true),
                org.assertj.core.groups.Tuple.tuple(5 * M, false));

        // a resume point older than the history read cannot be honoured without a hole: start from the current candle
        CandleTrack tooOld = new CandleTrack("tBTCUSD", "1m", 100, -10 * M);
        tooOld.accept(List.of(c(5, "15"), c(4, "14")));
        assertThat(tooOld.drain()).extracting(Candle::closed).containsExactly(false);
    }

    private static io.tradingbot.bitfinex.model.Candle c(long minute, String close) {
        BigDecimal price = new BigDecimal(close);
        return new io.tradingbot.bitfinex.model.Candle(minute * M, price, price, price, price, BigDecimal.ONE);
    }
}
