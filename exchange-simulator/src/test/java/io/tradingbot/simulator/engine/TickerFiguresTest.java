package io.tradingbot.simulator.engine;

import com.fasterxml.jackson.databind.node.ArrayNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ticker's book depth and 24 h figures are kept between updates rather than recomputed from scratch; whatever the
 * price does, they must equal what a full recomputation from the book and the 1m candles gives.
 */
class TickerFiguresTest {
    private static final long START = 1_718_000_000_000L;
    private static final Instrument BTC = new Instrument("tBTCUSD", "BTC", "USD", new BigDecimal("43000"), 0.0, 0.8,
            new BigDecimal("0.5"), new BigDecimal("0.00004"), new BigDecimal("2000"), true);

    @ParameterizedTest
    @ValueSource(doubles = {0.0002, 0.05})
    void depthAndDailyFiguresFollowEveryPriceMove(double levelStep) {
        Exchange ex = exchange(levelStep);
        Market m = ex.market("tBTCUSD");
        String[] prices = {"43000", "43000", "0.5", "43010", "91000", "43015", "12"};
        for (int i = 0; i < 200; i++) {
            BigDecimal price = new BigDecimal(prices[i % prices.length]);
            ex.setPrice("tBTCUSD", price);
            boolean moved = i % 3 == 0;
            if (moved) {
                ex.advanceClock(45_000); // the 24 h window moves, candles close, the random walk steps
            }
            ArrayNode ticker = ex.ticker("tBTCUSD");

            List<Market.BookLevel> bids = m.levels(true);
            List<Market.BookLevel> asks = m.levels(false);
            // 25 levels 5 % apart: the bid side ends where the factor 1 - 20 × 0.05 reaches zero
            assertThat(bids).hasSize(levelStep == 0.05 ? 20 : 25);
            assertThat(bids.getFirst().price()).isEqualByComparingTo(m.bid());
            assertThat(asks.getFirst().price()).isEqualByComparingTo(m.ask());
            assertThat(new BigDecimal(ticker.get(1).asText())).isEqualByComparingTo(
                    BTC.levelSize().multiply(BigDecimal.valueOf(bids.size())));
            assertThat(new BigDecimal(ticker.get(3).asText())).isEqualByComparingTo(
                    BTC.levelSize().multiply(BigDecimal.valueOf(asks.size())));

            assertThat(new BigDecimal(ticker.get(6).asText())).as("last").isEqualByComparingTo(moved ? m.last() : price);
            assertDailyFiguresRecomputed(ex, m, ticker);
        }
    }

    @Test
    void aSpikeLeavesTheDailyHighWhenItLeavesTheWindow() {
        Exchange ex = exchange(0.0002);
        Market m = ex.market("tBTCUSD");
        ex.advanceClock(60_000);
        ex.setPrice("tBTCUSD", new BigDecimal("91000"));
        long spike = ex.now();
        ex.advanceClock(60_000);
        ex.setPrice("tBTCUSD", new BigDecimal("43000"));
        long spikeGone = ex.now() + 86_400_000L + 120_000; // the candle after the spike's opened at its price
        // A day and an hour of closes, one a minute: every candle joins the window, closes, and leaves it.
        for (int i = 0; i < 1_500; i++) {
            ex.advanceClock(60_000);
            ArrayNode ticker = ex.ticker("tBTCUSD");
            assertDailyFiguresRecomputed(ex, m, ticker);
            BigDecimal high = new BigDecimal(ticker.get(8).asText());
            if (ex.now() <= spike + 86_400_000L - 60_000) {
                assertThat(high).as("24 h high %d min after the spike", i + 1)
                        .isGreaterThanOrEqualTo(new BigDecimal("91000"));
            } else if (ex.now() >= spikeGone) {
                assertThat(high).as("24 h high a day after the spike").isLessThan(new BigDecimal("60000"));
            }
        }
    }

    private static Exchange exchange(double levelStep) {
        return new Exchange(new Exchange.Settings(3, 1000, 1500, 0.0002, levelStep, 25, 1000,
                new BigDecimal("0.001"), new BigDecimal("0.002"), new BigDecimal("5"), new BigDecimal("0.1"),
                List.of(BTC)), new SimClock(START, 0));
    }

    /** The ticker's 24 h volume, high and low against a full pass over the window's 1m candles. */
    private static void assertDailyFiguresRecomputed(Exchange ex, Market m, ArrayNode ticker) {
        List<Candle> window = m.candles(Timeframe.M1, ex.now() - 86_400_000L + 1, ex.now());
        BigDecimal high = window.stream().map(Candle::high).reduce(BigDecimal::max).orElseThrow();
        BigDecimal low = window.stream().map(Candle::low).reduce(BigDecimal::min).orElseThrow();
        BigDecimal volume = window.stream().map(Candle::volume).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(new BigDecimal(ticker.get(7).asText())).as("volume").isEqualByComparingTo(Prices.amount(volume));
        assertThat(new BigDecimal(ticker.get(8).asText())).as("high").isEqualByComparingTo(high);
        assertThat(new BigDecimal(ticker.get(9).asText())).as("low").isEqualByComparingTo(low);
    }
}
