package io.tradingbot.simulator.engine;

import com.fasterxml.jackson.databind.node.ArrayNode;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The same seed gives the same price path and the same fills; another seed another path. */
class DeterminismTest {
    private static final long START = 1_718_000_000_000L;

    private static Exchange exchange(long seed) {
        Instrument btc = new Instrument("tBTCUSD", "BTC", "USD", new BigDecimal("43000"), 0.0, 0.8,
                new BigDecimal("0.5"), new BigDecimal("0.00004"), new BigDecimal("2000"), true);
        Instrument eth = new Instrument("tETHUSD", "ETH", "USD", new BigDecimal("2300"), 0.05, 0.9,
                new BigDecimal("5"), new BigDecimal("0.001"), new BigDecimal("2000"), true);
        Exchange.Settings s = new Exchange.Settings(seed, 1000, 120, 0.0002, 0.0002, 25, 1000,
                new BigDecimal("0.001"), new BigDecimal("0.002"), new BigDecimal("5"), new BigDecimal("0.1"),
                List.of(btc, eth));
        Exchange ex = new Exchange(s, new SimClock(START, 0));
        ex.createAccount("a", "k", "s", Set.of("read", "write"),
                List.of(new Exchange.WalletSpec("exchange", "USD", new BigDecimal("100000"))));
        return ex;
    }

    private static String path(Exchange ex) {
        StringBuilder sb = new StringBuilder();
        for (Market m : ex.markets()) {
            for (Candle c : m.candles(Timeframe.M1, Long.MIN_VALUE, Long.MAX_VALUE)) {
                sb.append(Exchange.candleArray(c)).append('\n');
            }
        }
        return sb.toString();
    }

    private static String run(Exchange ex) {
        Account a = ex.account("a");
        ex.advanceClock(600_000);
        ex.submit(a, WireJson.parse("{\"type\":\"EXCHANGE LIMIT\",\"symbol\":\"tBTCUSD\",\"amount\":\"0.5\","
                + "\"price\":\"" + ex.market("tBTCUSD").bid() + "\"}"));
        ex.submit(a, WireJson.parse("{\"type\":\"EXCHANGE MARKET\",\"symbol\":\"tETHUSD\",\"amount\":\"3\"}"));
        ex.advanceClock(3_600_000);
        ArrayNode trades = ex.trades(a, null, null, null, 1000, true);
        return path(ex) + trades;
    }

    @Test
    void sameSeedSamePathAndFills() {
        String first = run(exchange(7));
        String second = run(exchange(7));
        assertThat(first).isEqualTo(second);
        assertThat(first.lines().count()).isGreaterThan(2 * 180);
        assertThat(run(exchange(8))).isNotEqualTo(first);
    }

    @Test
    void historyIsGeneratedBeforeTheStart() {
        Exchange ex = exchange(1);
        List<Candle> candles = ex.market("tBTCUSD").candles(Timeframe.M1, Long.MIN_VALUE, Long.MAX_VALUE);
        assertThat(candles).hasSizeGreaterThanOrEqualTo(120);
        assertThat(candles.get(candles.size() - 1).mts()).isLessThanOrEqualTo(START);
        assertThat(candles.get(0).mts()).isLessThanOrEqualTo(START - 119 * 60_000L);
    }
}
