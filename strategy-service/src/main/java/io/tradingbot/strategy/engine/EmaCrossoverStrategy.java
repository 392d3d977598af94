package io.tradingbot.strategy.engine;

import org.ta4j.core.BarSeries;
import org.ta4j.core.Rule;
import org.ta4j.core.indicators.RSIIndicator;
import org.ta4j.core.indicators.averages.EMAIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.rules.CrossedDownIndicatorRule;
import org.ta4j.core.rules.CrossedUpIndicatorRule;

import java.util.Map;

/** Trend following: BUY when the fast EMA crosses above the slow one, SELL when it crosses below, HOLD otherwise. */
public final class EmaCrossoverStrategy implements StrategyDefinition {
    public static final String NAME = "ema-crossover";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "BUY when EMA(12) crosses above EMA(26); SELL when it crosses below; HOLD otherwise";
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("fast-period", "12", "slow-period", "26", "rsi-period", "14");
    }

    @Override
    public SignalStrategy bind(BarSeries series, StrategyParameters parameters) {
        int fast = parameters.period("fast-period", 2);
        int slow = parameters.period("slow-period", 3);
        if (fast >= slow) {
            throw new IllegalArgumentException("Strategy " + NAME + ": fast-period (" + fast
                    + ") must be shorter than slow-period (" + slow + ")");
        }
        ClosePriceIndicator close = new ClosePriceIndicator(series);
        return new Bound(series, close, new EMAIndicator(close, fast), new EMAIndicator(close, slow), fast, slow,
                new RSIIndicator(close, parameters.period("rsi-period", 2)));
    }

    private static final class Bound extends BoundStrategy {
        private final EMAIndicator fastEma;
        private final EMAIndicator slowEma;
        private final String fastName;
        private final String slowName;
        private final Rule crossesUp;
        private final Rule crossesDown;

        Bound(BarSeries series, ClosePriceIndicator close, EMAIndicator fastEma, EMAIndicator slowEma, int fast, int slow,
                RSIIndicator rsi) {
            super(series, close, rsi, slowEma, slow + 1);
            this.fastEma = fastEma;
            this.slowEma = slowEma;
            this.fastName = "EMA(" + fast + ")";
            this.slowName = "EMA(" + slow + ")";
            this.crossesUp = new CrossedUpIndicatorRule(fastEma, slowEma);
            this.crossesDown = new CrossedDownIndicatorRule(fastEma, slowEma);
        }

        @Override
        protected Decision decide(int index) {
            String fastNow = Numbers.price(fastEma.getValue(index));
            String slowNow = Numbers.price(slowEma.getValue(index));
            if (crossesUp.isSatisfied(index)) {
                return Decision.buy(fastName + " " + fastNow + " crossed above " + slowName + " " + slowNow);
            }
            if (crossesDown.isSatisfied(index)) {
                return Decision.sell(fastName + " " + fastNow + " crossed below " + slowName + " " + slowNow);
            }
            boolean above = fastEma.getValue(index).isGreaterThan(slowEma.getValue(index));
            return Decision.hold("no crossover: " + fastName + " " + fastNow + (above ? " above " : " below ") + slowName
                    + " " + slowNow);
        }
    }
}
