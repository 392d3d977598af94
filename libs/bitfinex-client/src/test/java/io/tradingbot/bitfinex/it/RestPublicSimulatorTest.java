package io.tradingbot.bitfinex.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.tradingbot.bitfinex.error.InvalidSymbolException;
import io.tradingbot.bitfinex.model.Candle;
import io.tradingbot.bitfinex.model.PairInfo;
import io.tradingbot.bitfinex.model.PublicTrade;
import io.tradingbot.bitfinex.model.Ticker;
import io.tradingbot.bitfinex.model.TradingTickerRow;
import io.tradingbot.bitfinex.rest.BitfinexRestClient;
import io.tradingbot.bitfinex.rest.HistoryQuery;

/** Every public REST endpoint against the real simulator, with a public-only client. */
class RestPublicSimulatorTest extends SimulatorTestBase {

    private BitfinexRestClient rest;

    @BeforeEach
    void client() {
        rest = new BitfinexRestClient(config().build());
    }

    @AfterEach
    void closeClient() {
        rest.close();
    }

    @Test
    void platformIsOperative() {
        assertThat(rest.platformStatus()).isTrue();
    }

    @Test
    void tickerAndTickersFollowTheMarketPrice() {
        sim.setPrice("tBTCUSD", "43000");
        Ticker ticker = rest.ticker("tBTCUSD");
        assertThat(ticker.lastPrice()).isCloseTo(new BigDecimal("43000"), org.assertj.core.data.Percentage.withPercentage(1));
        assertThat(ticker.bid()).isLessThanOrEqualTo(ticker.ask());

        List<TradingTickerRow> rows = rest.tickers(List.of("tBTCUSD", "tETHUSD"));
        assertThat(rows).extracting(TradingTickerRow::symbol).containsExactlyInAnyOrder("tBTCUSD", "tETHUSD");
        assertThat(rows).allSatisfy(r -> assertThat(r.ticker().lastPrice()).isPositive());
    }

    @Test
    void candlesHistAndLast() {
        sim.advanceClock(5 * 60_000);
        List<Candle> candles = rest.candles("1m", "tBTCUSD", HistoryQuery.limit(3));
        assertThat(candles).isNotEmpty().hasSizeLessThanOrEqualTo(3);
        assertThat(candles).allSatisfy(c -> {
            assertThat(c.high()).isGreaterThanOrEqualTo(c.low());
            assertThat(c.high()).isGreaterThanOrEqualTo(c.open()).isGreaterThanOrEqualTo(c.low());
        });
        if (candles.size() > 1) {
            assertThat(candles.get(0).mts()).isGreaterThan(candles.get(1).mts()); // newest first by default
        }
        List<Candle> ascending = rest.candles("1m", "tBTCUSD", HistoryQuery.limit(3).ascending());
        if (ascending.size() > 1) {
            assertThat(ascending.get(0).mts()).isLessThan(ascending.get(1).mts());
        }
        assertThat(rest.lastCandle("1m", "tBTCUSD")).hasValueSatisfying(c -> assertThat(c.close()).isPositive());
    }

    @Test
    void publicTrades() {
        List<PublicTrade> trades = rest.trades("tBTCUSD", HistoryQuery.limit(10));
        assertThat(trades).hasSizeLessThanOrEqualTo(10);
        assertThat(trades).allSatisfy(t -> {
            assertThat(t.id()).isNotNull();
            assertThat(t.price()).isPositive();
            assertThat(t.amount().signum()).isNotZero();
        });
    }

    @Test
    void confListsPairsAndMinimumSizes() {
        assertThat(rest.exchangePairs()).contains("BTCUSD", "ETHUSD", "TESTBTC:TESTUSD");
        List<PairInfo> info = rest.pairInfo();
        assertThat(info).filteredOn(p -> p.pair().equals("BTCUSD")).singleElement().satisfies(p -> {
            assertThat(p.minOrderSize()).isPositive();
            assertThat(p.maxOrderSize()).isGreaterThan(p.minOrderSize());
        });
    }

    @Test
    void unknownSymbolIsATypedError() {
        assertThatThrownBy(() -> rest.ticker("tNOPEUSD")).isInstanceOf(InvalidSymbolException.class);
    }
}
