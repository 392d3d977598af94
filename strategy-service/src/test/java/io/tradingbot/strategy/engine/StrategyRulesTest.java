package io.tradingbot.strategy.engine;

import io.tradingbot.events.SignalType;
import org.junit.jupiter.api.Test;
import org.ta4j.core.BarSeries;

import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Each strategy on a crafted price series whose signals were worked out by hand (and checked with the textbook formulas
 * in a separate script): BUY and SELL at the known bars, HOLD everywhere else.
 */
class StrategyRulesTest {

    /** A gentle uptrend (+1/-0.6), a four-bar dip, a sharp rebound, a rally, and a drop. */
    private static final double[] DIP_AND_RALLY = {
            101.0, 100.4, 101.4, 100.8, 101.8, 101.2, 102.2, 101.6, 102.6, 102.0,
            103.0, 102.4, 103.4, 102.8, 103.8, 103.2, 104.2, 103.6, 104.6, 104.0,
            105.0, 104.4, 105.4, 104.8, 105.8, 105.2, 106.2, 105.6, 106.6, 106.0,
            107.0, 106.4, 107.4, 106.8, 107.8, 107.2, 108.2, 107.6, 108.6, 108.0,
            106.5, 105.0, 103.5, 102.5, 106.5, 108.5, 111.5, 114.5, 117.5, 117.0,
            113.0};

    /** A slow decline, then eight bars up, then ten bars down. */
    private static final double[] RISE_AND_FALL = {
            102, 101.8, 101.6, 101.4, 101.2, 101, 100.8, 100.6, 100.4, 100.2,
            101, 102, 103, 104, 105, 106, 107, 108, 107, 105.5,
            104, 102.5, 101, 99.5, 98, 96.5, 95, 93.5};

    /** A quiet range (100 / 100.4), a plunge to 97, back to the range, a spike to 103.5. */
    private static final double[] PLUNGE_AND_SPIKE = {
            100, 100.4, 100, 100.4, 100, 100.4, 100, 100.4, 100, 100.4,
            100, 100.4, 100, 100.4, 100, 100.4, 100, 100.4, 100, 100.4,
            97.0, 98, 100, 100.4, 100, 100.4, 100, 100.4, 100, 100.4,
            103.5, 102, 100.2, 100};

    @Test
    void rsiEmaBuysTheEndOfADipInAnUptrendAndSellsOnTheBreakAndTheExhaustion() {
        SignalStrategy strategy = bind(new RsiEmaStrategy(), DIP_AND_RALLY,
                Map.of("rsi-period", "5", "ema-period", "10"));
        Map<Integer, SignalType> fired = signals(strategy, DIP_AND_RALLY.length);
        assertThat(fired).containsExactly(Map.entry(40, SignalType.SELL), Map.entry(44, SignalType.BUY),
                Map.entry(50, SignalType.SELL));
        assertThat(strategy.evaluate(44).reason())
                .isEqualTo("RSI(5) crossed up through 30 (16.5 -> 56.2) and close 106.5 > EMA(10) 105.74");
        assertThat(strategy.evaluate(40).reason()).isEqualTo("close 106.5 fell below EMA(10) 107.29 (was 108 vs 107.46)");
        assertThat(strategy.evaluate(50).reason()).startsWith("RSI(5) crossed down through 70 (82.8 -> 55.1)");
        assertThat(strategy.evaluate(30).reason()).startsWith("no rule fired: RSI(5) ");
        assertThat(strategy.evaluate(44).rsi()).isBetween(new java.math.BigDecimal("56.1"), new java.math.BigDecimal("56.3"));
    }

    @Test
    void tooLittleHistoryIsAHoldThatSaysHowMuchIsMissing() {
        SignalStrategy strategy = bind(new RsiEmaStrategy(), new double[] {100, 101, 102, 103, 104, 105, 106, 107, 108, 109,
                110, 111}, Map.of());
        Evaluation evaluation = strategy.evaluate(11);
        assertThat(evaluation.signal()).isEqualTo(SignalType.HOLD);
        assertThat(evaluation.reason()).isEqualTo("insufficient data: 12 of 51 bars");
        assertThat(evaluation.rsi()).isNull();
    }

    @Test
    void emaCrossoverFollowsTheTrend() {
        SignalStrategy strategy = bind(new EmaCrossoverStrategy(), RISE_AND_FALL,
                Map.of("fast-period", "3", "slow-period", "6"));
        assertThat(signals(strategy, RISE_AND_FALL.length))
                .containsExactly(Map.entry(11, SignalType.BUY), Map.entry(20, SignalType.SELL));
        assertThat(strategy.evaluate(11).reason()).startsWith("EMA(3) ").contains(" crossed above EMA(6) ");
    }

    @Test
    void macdFollowsMomentum() {
        SignalStrategy strategy = bind(new MacdStrategy(), RISE_AND_FALL,
                Map.of("fast-period", "3", "slow-period", "6", "signal-period", "3"));
        assertThat(signals(strategy, RISE_AND_FALL.length))
                .containsExactly(Map.entry(10, SignalType.BUY), Map.entry(18, SignalType.SELL));
        assertThat(strategy.evaluate(18).reason()).startsWith("MACD(3,6) ").contains(" crossed below its signal EMA(3) ");
    }

    @Test
    void bollingerBuysThePlungeAndSellsTheSpike() {
        SignalStrategy strategy = bind(new BollingerReversionStrategy(), PLUNGE_AND_SPIKE, Map.of("period", "10"));
        assertThat(signals(strategy, PLUNGE_AND_SPIKE.length))
                .containsExactly(Map.entry(20, SignalType.BUY), Map.entry(30, SignalType.SELL));
        assertThat(strategy.evaluate(20).reason()).startsWith("close 97 fell below the lower Bollinger band(10, 2) ");
    }

    @Test
    void parametersAreCheckedByName() {
        RsiEmaStrategy rsiEma = new RsiEmaStrategy();
        assertThatThrownBy(() -> StrategyParameters.of("rsi-ema", rsiEma.defaults(), Map.of("oversoldd", "25")))
                .hasMessageContaining("no parameter [oversoldd]");
        BarSeries series = Series.ofCloses(100);
        assertThatThrownBy(() -> rsiEma.bind(series, StrategyParameters.of("rsi-ema", rsiEma.defaults(),
                Map.of("oversold", "80")))).hasMessageContaining("oversold (80) must be below overbought (70)");
        assertThatThrownBy(() -> rsiEma.bind(series, StrategyParameters.of("rsi-ema", rsiEma.defaults(),
                Map.of("rsi-period", "NaN")))).hasMessageContaining("rsi-period must be a whole number");
        assertThatThrownBy(() -> rsiEma.bind(series, StrategyParameters.of("rsi-ema", rsiEma.defaults(),
                Map.of("oversold", "-5")))).hasMessageContaining("oversold must be between 0 and 100");
    }

    private static SignalStrategy bind(StrategyDefinition definition, double[] closes, Map<String, String> overrides) {
        return definition.bind(Series.ofCloses(closes),
                StrategyParameters.of(definition.name(), definition.defaults(), overrides));
    }

    /** Every bar that is not a HOLD, in order. */
    private static Map<Integer, SignalType> signals(SignalStrategy strategy, int bars) {
        Map<Integer, SignalType> fired = new TreeMap<>();
        for (int i = 0; i < bars; i++) {
            SignalType signal = strategy.evaluate(i).signal();
            if (signal != SignalType.HOLD) {
                fired.put(i, signal);
            }
        }
        return fired;
    }
}
