package io.tradingbot.strategy.engine;

import org.ta4j.core.BarSeries;
import org.ta4j.core.Rule;
import org.ta4j.core.indicators.RSIIndicator;
import org.ta4j.core.indicators.averages.EMAIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.num.Num;
import org.ta4j.core.rules.CrossedDownIndicatorRule;
import org.ta4j.core.rules.CrossedUpIndicatorRule;
import org.ta4j.core.rules.OverIndicatorRule;

import java.math.BigDecimal;
import java.util.Map;

/**
 * The seed's strategy: RSI with an EMA trend filter. BUY when RSI crosses up out of oversold while the close is above the
 * EMA (a dip in an uptrend ends); SELL when RSI crosses down out of overbought, or when the close falls below the EMA (the
 * trend breaks); HOLD otherwise. Crossings, not levels, so one move gives one signal rather than one per bar.
 */
public final class RsiEmaStrategy implements StrategyDefinition {
    public static final String NAME = "rsi-ema";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "BUY when RSI(14) crosses up through 30 while close > EMA(50); SELL when RSI(14) crosses down through 70 "
                + "or close crosses below EMA(50); HOLD otherwise";
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("rsi-period", "14", "oversold", "30", "overbought", "70", "ema-period", "50");
    }

    @Override
    public SignalStrategy bind(BarSeries series, StrategyParameters parameters) {
        int rsiPeriod = parameters.period("rsi-period", 2);
        int emaPeriod = parameters.period("ema-period", 2);
        BigDecimal oversold = parameters.decimal("oversold", BigDecimal.ZERO, BigDecimal.valueOf(100));
        BigDecimal overbought = parameters.decimal("overbought", BigDecimal.ZERO, BigDecimal.valueOf(100));
        if (oversold.compareTo(overbought) >= 0) {
            throw new IllegalArgumentException("Strategy " + NAME + ": oversold (" + oversold.toPlainString()
                    + ") must be below overbought (" + overbought.toPlainString() + ")");
        }
        return new Bound(series, rsiPeriod, emaPeriod, oversold, overbought);
    }

    private static final class Bound extends BoundStrategy {
        private final RSIIndicator rsi;
        private final EMAIndicator ema;
        private final int rsiPeriod;
        private final int emaPeriod;
        private final String oversoldText;
        private final String overboughtText;
        private final Rule leavesOversold;
        private final Rule leavesOverbought;
        private final Rule aboveEma;
        private final Rule fallsBelowEma;

        Bound(BarSeries series, int rsiPeriod, int emaPeriod, BigDecimal oversold, BigDecimal overbought) {
            this(series, new ClosePriceIndicator(series), rsiPeriod, emaPeriod, oversold, overbought);
        }

        private Bound(BarSeries series, ClosePriceIndicator close, int rsiPeriod, int emaPeriod, BigDecimal oversold,
                BigDecimal overbought) {
            this(series, close, new RSIIndicator(close, rsiPeriod), new EMAIndicator(close, emaPeriod), rsiPeriod,
                    emaPeriod, oversold, overbought);
        }

        private Bound(BarSeries series, ClosePriceIndicator close, RSIIndicator rsi, EMAIndicator ema, int rsiPeriod,
                int emaPeriod, BigDecimal oversold, BigDecimal overbought) {
            super(series, close, rsi, ema, Math.max(rsiPeriod, emaPeriod) + 1);
            this.rsi = rsi;
            this.ema = ema;
            this.rsiPeriod = rsiPeriod;
            this.emaPeriod = emaPeriod;
            this.oversoldText = oversold.stripTrailingZeros().toPlainString();
            this.overboughtText = overbought.stripTrailingZeros().toPlainString();
            Num oversoldNum = series.numFactory().numOf(oversold);
            Num overboughtNum = series.numFactory().numOf(overbought);
            this.leavesOversold = new CrossedUpIndicatorRule(rsi, oversoldNum);
            this.leavesOverbought = new CrossedDownIndicatorRule(rsi, overboughtNum);
            this.aboveEma = new OverIndicatorRule(close, ema);
            this.fallsBelowEma = new CrossedDownIndicatorRule(close, ema);
        }

        @Override
        protected Decision decide(int index) {
            String rsiName = "RSI(" + rsiPeriod + ")";
            String emaName = "EMA(" + emaPeriod + ")";
            String rsiNow = Numbers.oscillator(rsi.getValue(index));
            String rsiBefore = Numbers.oscillator(rsi.getValue(index - 1));
            String closeNow = Numbers.price(close.getValue(index));
            String emaNow = Numbers.price(ema.getValue(index));
            if (leavesOversold.isSatisfied(index)) {
                if (aboveEma.isSatisfied(index)) {
                    return Decision.buy(rsiName + " crossed up through " + oversoldText + " (" + rsiBefore + " -> " + rsiNow
                            + ") and close " + closeNow + " > " + emaName + " " + emaNow);
                }
                return Decision.hold(rsiName + " crossed up through " + oversoldText + " (" + rsiBefore + " -> " + rsiNow
                        + ") but close " + closeNow + " <= " + emaName + " " + emaNow + ": no uptrend to buy into");
            }
            if (leavesOverbought.isSatisfied(index)) {
                return Decision.sell(rsiName + " crossed down through " + overboughtText + " (" + rsiBefore + " -> "
                        + rsiNow + ") with close " + closeNow);
            }
            if (fallsBelowEma.isSatisfied(index)) {
                return Decision.sell("close " + closeNow + " fell below " + emaName + " " + emaNow + " (was "
                        + Numbers.price(close.getValue(index - 1)) + " vs " + Numbers.price(ema.getValue(index - 1)) + ")");
            }
            return Decision.hold("no rule fired: " + rsiName + " " + rsiNow + " (oversold " + oversoldText + ", overbought "
                    + overboughtText + "), close " + closeNow + (aboveEma.isSatisfied(index) ? " > " : " <= ") + emaName
                    + " " + emaNow);
        }
    }
}
