package io.tradingbot.strategy.engine;

import org.junit.jupiter.api.Test;
import org.ta4j.core.BarSeries;
import org.ta4j.core.indicators.RSIIndicator;
import org.ta4j.core.indicators.averages.EMAIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * RSI and EMA as the strategies use them, against values computed independently with the textbook definitions (Wilder's
 * RSI seeded with the simple average of the first 14 changes; EMA seeded with the simple average of the first 50 closes,
 * then k = 2 / (n + 1)), in a separate Python script over the series below: close(i) = round(100 + 10 sin(i/7) +
 * 3 sin(i/2.3) + 0.05 i, 2). The same script reproduces StockCharts' published 14-day RSI worked example to within 0.1.
 * ta4j seeds its averages differently, which matters for the first bars only; from bar 200 on both agree to 0.01.
 */
class IndicatorReferenceTest {
    private static final double[] CLOSES = {
            100.0, 102.74, 105.21, 107.2, 108.57, 109.27, 109.38, 109.06, 108.51, 107.95,
            107.6, 107.56, 107.87, 108.47, 109.21, 109.87, 110.22, 110.08, 109.3, 107.85,
            105.8, 103.33, 100.67, 98.08, 95.83, 94.11, 93.02, 92.58, 92.68, 93.16,
            93.77, 94.32, 94.62, 94.58, 94.2, 93.57, 92.88, 92.34, 92.18, 92.57,
            93.63, 95.36, 97.64, 100.29, 103.06, 105.67, 107.88, 109.53, 110.53, 110.92,
            110.82, 110.43, 109.97, 109.65, 109.61, 109.93, 110.57, 111.41, 112.24, 112.83,
            112.98, 112.52, 111.38, 109.59, 107.28, 104.68, 102.04, 99.62, 97.66, 96.3,
            95.57, 95.41, 95.68, 96.17, 96.65, 96.93, 96.89, 96.49, 95.81, 94.99,
            94.25, 93.82, 93.91, 94.64, 96.06, 98.11, 100.62, 103.36, 106.05, 108.44,
            110.34, 111.62, 112.29, 112.42, 112.21, 111.85, 111.57, 111.54, 111.86, 112.53,
            113.44, 114.42, 115.24, 115.68, 115.55, 114.74, 113.24, 111.15, 108.66, 106.02,
            103.5, 101.34, 99.72, 98.72, 98.31, 98.36, 98.7, 99.11, 99.36, 99.32,
            98.92, 98.2, 97.28, 96.36, 95.68, 95.45, 95.85, 96.94, 98.71, 101.03,
            103.67, 106.39, 108.92, 111.02, 112.56, 113.49, 113.87, 113.83, 113.59, 113.37,
            113.36, 113.67, 114.35, 115.32, 116.42, 117.45, 118.17, 118.36, 117.9, 116.72,
            114.89, 112.57, 109.99, 107.42, 105.11, 103.27, 102.02, 101.35, 101.2, 101.38,
            101.69, 101.91, 101.87, 101.48, 100.73, 99.73, 98.66, 97.75, 97.22, 97.27,
            98.02, 99.47, 101.54, 104.05, 106.73, 109.33, 111.61, 113.37, 114.55, 115.16,
            115.32, 115.21, 115.05, 115.05, 115.36, 116.03, 117.04, 118.24, 119.46, 120.43,
            120.95, 120.84, 120.01, 118.48, 116.38, 113.92, 111.36, 108.95, 106.93, 105.44,
            104.54, 104.16, 104.18, 104.39, 104.57, 104.53, 104.15, 103.4, 102.35, 101.15,
            100.03, 99.22, 98.93, 99.31, 100.42, 102.21, 104.51, 107.11, 109.73, 112.13,
            114.09, 115.49, 116.33, 116.68, 116.71, 116.63, 116.65, 116.94, 117.59, 118.61,
            119.9, 121.26, 122.47, 123.3, 123.54, 123.08, 121.89, 120.06, 117.77, 115.26,
            112.81, 110.65, 108.96, 107.84, 107.25, 107.1, 107.2, 107.33, 107.29, 106.94,
            106.2, 105.12, 103.82, 102.52, 101.44, 100.82, 100.84, 101.59, 103.05, 105.11,
            107.56, 110.15, 112.61, 114.72, 116.33, 117.38, 117.92, 118.1, 118.1, 118.14,
            118.42, 119.05, 120.06, 121.39, 122.88, 124.3, 125.42, 126.01, 125.92, 125.09,
            123.57, 121.5, 119.11, 116.66, 114.41, 112.56, 111.23, 110.45, 110.13, 110.11,
            110.19, 110.15, 109.82, 109.11, 108.02, 106.66, 105.21, 103.89, 102.96, 102.61,
            102.98, 104.09, 105.86, 108.12, 110.62, 113.1, 115.32, 117.1, 118.35, 119.07,
            119.39, 119.48, 119.55, 119.81, 120.4, 121.39, 122.74, 124.32, 125.91, 127.3,
            128.22, 128.51, 128.06, 126.88, 125.08, 122.86, 120.47, 118.18, 116.2, 114.7,
            113.73, 113.24, 113.11, 113.12, 113.08, 112.78, 112.12, 111.05, 109.65, 108.08,
            106.56, 105.34, 104.64, 104.63, 105.36, 106.8, 108.81, 111.17, 113.62, 115.91,
            117.82, 119.24, 120.14, 120.6, 120.79, 120.89, 121.13, 121.68, 122.62, 123.96,
            125.59, 127.33, 128.95, 130.18, 130.84, 130.78, 129.97, 128.48, 126.48, 124.2,
            121.91, 119.86, 118.22, 117.08, 116.43, 116.17, 116.12, 116.07, 115.81, 115.2,
            114.18, 112.78, 111.13, 109.44, 107.96, 106.93, 106.53, 106.87, 107.96, 109.68,
            111.85, 114.21, 116.51, 118.52, 120.09, 121.15, 121.76, 122.03, 122.18, 122.4
    };

    private final BarSeries series = Series.ofCloses(CLOSES);
    private final ClosePriceIndicator close = new ClosePriceIndicator(series);

    @Test
    void rsi14MatchesWildersDefinition() {
        RSIIndicator rsi = new RSIIndicator(close, 14);
        assertThat(rsi.getValue(200).doubleValue()).isCloseTo(28.455489, within(0.01));
        assertThat(rsi.getValue(300).doubleValue()).isCloseTo(20.138476, within(0.01));
        assertThat(rsi.getValue(399).doubleValue()).isCloseTo(68.947523, within(0.01));
    }

    @Test
    void ema50MatchesTheTextbookDefinition() {
        EMAIndicator ema = new EMAIndicator(close, 50);
        assertThat(ema.getValue(200).doubleValue()).isCloseTo(110.730219, within(0.01));
        assertThat(ema.getValue(300).doubleValue()).isCloseTo(111.759162, within(0.01));
        assertThat(ema.getValue(399).doubleValue()).isCloseTo(116.985333, within(0.01));
    }
}
