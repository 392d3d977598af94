package io.tradingbot.strategy.engine;

import org.ta4j.core.BarSeries;
import org.ta4j.core.Rule;
import org.ta4j.core.indicators.MACDIndicator;
import org.ta4j.core.indicators.RSIIndicator;
import org.ta4j.core.indicators.averages.EMAIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.rules.CrossedDownIndicatorRule;
import org.ta4j.core.rules.CrossedUpIndicatorRule;

import java.util.Map;

/** Momentum: BUY when the MACD line crosses above its signal line, SELL when it crosses below, HOLD otherwise. */
public final class MacdStrategy implements StrategyDefinition {
    public static final String NAME = "macd";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "BUY when MACD(12,26) crosses above its signal EMA(9); SELL when it crosses below; HOLD otherwise";
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("fast-period", "12", "slow-period", "26", "signal-period", "9", "rsi-period", "14");
    }

    @Override
    public SignalStrategy bind(BarSeries series, StrategyParameters parameters) {
        int fast = parameters.period("fast-period", 2);
        int slow = parameters.period("slow-period", 3);
        int signal = parameters.period("signal-period", 2);
        if (fast >= slow) {
            throw new IllegalArgumentException("Strategy " + NAME + ": fast-period (" + fast
                    + ") must be shorter than slow-period (" + slow + ")");
        }
        ClosePriceIndicator close = new ClosePriceIndicator(series);
        MACDIndicator macd = new MACDIndicator(close, fast, slow);
        return new Bound(series, close, macd, new EMAIndicator(macd, signal), fast, slow, signal,
                new RSIIndicator(close, parameters.period("rsi-period", 2)));
    }

    private static final class Bound extends BoundStrategy {
        private final MACDIndicator macd;
        private final EMAIndicator signalLine;
        private final String macdName;
        private final String signalName;
        private final Rule crossesUp;
        private final Rule crossesDown;

        Bound(BarSeries series, ClosePriceIndicator close, MACDIndicator macd, EMAIndicator signalLine, int fast, int slow,
                int signal, RSIIndicator rsi) {
            super(series, close, rsi, macd.getLongTermEma(), slow + signal);
            this.macd = macd;
            this.signalLine = signalLine;
            this.macdName = "MACD(" + fast + "," + slow + ")";
            this.signalName = "signal EMA(" + signal + ")";
            this.crossesUp = new CrossedUpIndicatorRule(macd, signalLine);
            this.crossesDown = new CrossedDownIndicatorRule(macd, signalLine);
        }

        @Override
        protected Decision decide(int index) {
            String macdNow = Numbers.small(macd.getValue(index));
            String signalNow = Numbers.small(signalLine.getValue(index));
            if (crossesUp.isSatisfied(index)) {
                return Decision.buy(macdName + " " + macdNow + " crossed above its " + signalName + " " + signalNow);
            }
            if (crossesDown.isSatisfied(index)) {
                return Decision.sell(macdName + " " + macdNow + " crossed below its " + signalName + " " + signalNow);
            }
            boolean above = macd.getValue(index).isGreaterThan(signalLine.getValue(index));
            return Decision.hold("no crossover: " + macdName + " " + macdNow + (above ? " above " : " below ") + "its "
                    + signalName + " " + signalNow);
        }
    }
}
