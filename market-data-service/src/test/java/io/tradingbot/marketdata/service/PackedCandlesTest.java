package io.tradingbot.marketdata.service;

import io.tradingbot.bitfinex.model.Candle;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Candles come back exactly as they were put in, sorted by start, one per start. */
class PackedCandlesTest {

    @Test
    void valuesComeBackEqualScaleIncludedEvenWhenTheyDoNotFitALong() {
        PackedCandles candles = new PackedCandles();
        Candle odd = new Candle(1, new BigDecimal("10.50"), new BigDecimal("-0.00000001"), new BigDecimal("1E+3"),
                new BigDecimal("123456789012345678901234567890.123"), new BigDecimal("1E-200"));
        Candle plain = new Candle(2, new BigDecimal("97000"), new BigDecimal("97010.5"), new BigDecimal("97020"),
                new BigDecimal("96990.25"), new BigDecimal("0.0125"));
        candles.put(odd);
        candles.put(plain);
        candles.put(new Candle(3, BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ZERO));

        assertThat(candles.get(0)).isEqualTo(odd);
        assertThat(candles.get(0).open().scale()).isEqualTo(2);
        assertThat(candles.get(0).high().scale()).isEqualTo(-3);
        assertThat(candles.get(1)).isEqualTo(plain);
    }

    @Test
    void keepsOneCandlePerStartInOrderWhateverOrderTheyCameIn() {
        PackedCandles candles = new PackedCandles();
        candles.put(c(5, "15"));
        candles.put(c(2, "12"));
        candles.put(c(9, "19"));
        candles.put(c(2, "12.5"));
        candles.put(c(9, "19.5"));

        assertThat(candles.size()).isEqualTo(3);
        assertThat(List.of(candles.mts(0), candles.mts(1), candles.mts(2))).containsExactly(2L, 5L, 9L);
        assertThat(candles.get(0).close()).isEqualTo("12.5");
        assertThat(candles.get(2).close()).isEqualTo("19.5");
        assertThat(candles.indexAfter(1)).isZero();
        assertThat(candles.indexAfter(2)).isEqualTo(1);
        assertThat(candles.indexAfter(8)).isEqualTo(2);
        assertThat(candles.indexAfter(9)).isEqualTo(3);
    }

    @Test
    void emptiedFromTheFrontAndRefilledItStillAgreesWithASortedMap() {
        Random random = new Random(42);
        PackedCandles candles = new PackedCandles(4);
        TreeMap<Long, Candle> expected = new TreeMap<>();
        long next = 1_000;
        for (int step = 0; step < 20_000; step++) {
            int op = random.nextInt(10);
            Candle c;
            if (op < 6) {
                c = random(next++, random);
            } else if (op < 8 && !expected.isEmpty()) {
                // an update of a candle already held, the open one most often
                long mts = random.nextBoolean() ? expected.lastKey()
                        : expected.firstKey() + random.nextInt(expected.size());
                c = random(mts, random);
            } else {
                // a late one, from a gap read
                c = random(next - 1 - random.nextInt(300), random);
            }
            candles.put(c);
            expected.put(c.mts(), c);
            while (expected.size() > 250) {
                candles.removeFirst();
                expected.pollFirstEntry();
            }
        }
        List<Candle> held = new ArrayList<>();
        for (int i = 0; i < candles.size(); i++) {
            held.add(candles.get(i));
        }
        assertThat(held).containsExactlyElementsOf(expected.values());
        while (!candles.isEmpty()) {
            candles.removeFirst();
        }
        assertThatThrownBy(candles::removeFirst).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> candles.get(0)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    private static Candle random(long mts, Random random) {
        BigDecimal[] v = new BigDecimal[5];
        for (int i = 0; i < v.length; i++) {
            v[i] = switch (random.nextInt(20)) {
                case 0 -> new BigDecimal(Long.MAX_VALUE).multiply(BigDecimal.TEN).movePointLeft(random.nextInt(10));
                case 1 -> BigDecimal.valueOf(random.nextLong(), 200);
                default -> BigDecimal.valueOf(random.nextLong(1, 10_000_000_000L), random.nextInt(9));
            };
        }
        return new Candle(mts, v[0], v[1], v[2], v[3], v[4]);
    }

    private static Candle c(long mts, String close) {
        BigDecimal p = new BigDecimal(close);
        return new Candle(mts, p, p, p, p, BigDecimal.ONE);
    }
}
