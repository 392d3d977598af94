package io.tradingbot.strategy.engine;

import io.tradingbot.events.SignalType;
import org.ta4j.core.BarSeries;
import org.ta4j.core.Indicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.num.Num;

/**
 * What every built-in strategy shares: it refuses to judge a bar before it has enough history, and reports the RSI and EMA
 * it looked at (the seed's signal carries both, whatever the strategy).
 */
abstract class BoundStrategy implements SignalStrategy {
    protected final BarSeries series;
    protected final ClosePriceIndicator close;
    private final Indicator<Num> reportedRsi;
    private final Indicator<Num> reportedEma;
    private final int requiredBars;

    BoundStrategy(BarSeries series, ClosePriceIndicator close, Indicator<Num> reportedRsi, Indicator<Num> reportedEma,
            int requiredBars) {
        this.series = series;
        this.close = close;
        this.reportedRsi = reportedRsi;
        this.reportedEma = reportedEma;
        this.requiredBars = requiredBars;
    }

    @Override
    public final Evaluation evaluate(int index) {
        int available = index - series.getBeginIndex() + 1;
        if (available < requiredBars) {
            return new Evaluation(SignalType.HOLD, "insufficient data: " + Math.max(available, 0) + " of " + requiredBars
                    + " bars", available > 0 ? Numbers.value(close.getValue(index)) : null, null, null);
        }
        Decision decision = decide(index);
        return new Evaluation(decision.signal(), decision.reason(), Numbers.value(close.getValue(index)),
                Numbers.value(reportedRsi.getValue(index)), Numbers.value(reportedEma.getValue(index)));
    }

    @Override
    public final int requiredBars() {
        return requiredBars;
    }

    /** Applies the rules to a bar that has enough history behind it. */
    protected abstract Decision decide(int index);

    protected record Decision(SignalType signal, String reason) {
        static Decision buy(String reason) {
            return new Decision(SignalType.BUY, reason);
        }

        static Decision sell(String reason) {
            return new Decision(SignalType.SELL, reason);
        }

        static Decision hold(String reason) {
            return new Decision(SignalType.HOLD, reason);
        }
    }
}
