package io.tradingbot.strategy.engine;

import org.ta4j.core.BarSeries;
import org.ta4j.core.Indicator;
import org.ta4j.core.Rule;
import org.ta4j.core.indicators.RSIIndicator;
import org.ta4j.core.indicators.averages.EMAIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandFacade;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.num.Num;
import org.ta4j.core.rules.CrossedDownIndicatorRule;
import org.ta4j.core.rules.CrossedUpIndicatorRule;

import java.math.BigDecimal;
import java.util.Map;

/**
 * Mean reversion: BUY when the close falls below the lower Bollinger band (stretched down, expected back toward the mean),
 * SELL when it rises above the upper band, HOLD inside the bands.
 */
public final class BollingerReversionStrategy implements StrategyDefinition {
    public static final String NAME = "bollinger";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "BUY when close crosses below the lower Bollinger band(20, 2); SELL when it crosses above the upper band; "
                + "HOLD inside the bands";
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("period", "20", "k", "2", "rsi-period", "14", "ema-period", "50");
    }

    @Override
    public SignalStrategy bind(BarSeries series, StrategyParameters parameters) {
        int period = parameters.period("period", 2);
        BigDecimal k = parameters.decimal("k", new BigDecimal("0.1"), BigDecimal.TEN);
        ClosePriceIndicator close = new ClosePriceIndicator(series);
        BollingerBandFacade bands = new BollingerBandFacade(close, period, k);
        return new Bound(series, close, bands.lower(), bands.middle(), bands.upper(), period, k,
                new RSIIndicator(close, parameters.period("rsi-period", 2)),
                new EMAIndicator(close, parameters.period("ema-period", 2)));
    }

    private static final class Bound extends BoundStrategy {
        private final Indicator<Num> lower;
        private final Indicator<Num> middle;
        private final Indicator<Num> upper;
        private final String bandName;
        private final Rule fallsBelowLower;
        private final Rule risesAboveUpper;

        Bound(BarSeries series, ClosePriceIndicator close, Indicator<Num> lower, Indicator<Num> middle,
                Indicator<Num> upper, int period, BigDecimal k, RSIIndicator rsi, EMAIndicator ema) {
            super(series, close, rsi, ema, period + 1);
            this.lower = lower;
            this.middle = middle;
            this.upper = upper;
            this.bandName = "Bollinger band(" + period + ", " + k.stripTrailingZeros().toPlainString() + ")";
            this.fallsBelowLower = new CrossedDownIndicatorRule(close, lower);
            this.risesAboveUpper = new CrossedUpIndicatorRule(close, upper);
        }

        @Override
        protected Decision decide(int index) {
            String closeNow = Numbers.price(close.getValue(index));
            String mean = Numbers.price(middle.getValue(index));
            if (fallsBelowLower.isSatisfied(index)) {
                return Decision.buy("close " + closeNow + " fell below the lower " + bandName + " "
                        + Numbers.price(lower.getValue(index)) + ": expecting a reversion toward the mean " + mean);
            }
            if (risesAboveUpper.isSatisfied(index)) {
                return Decision.sell("close " + closeNow + " rose above the upper " + bandName + " "
                        + Numbers.price(upper.getValue(index)) + ": expecting a reversion toward the mean " + mean);
            }
            return Decision.hold("close " + closeNow + " is within the " + bandName + " "
                    + Numbers.price(lower.getValue(index)) + " .. " + Numbers.price(upper.getValue(index)));
        }
    }
}
