package io.tradingbot.strategy.engine;

import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseBarSeriesBuilder;
import org.ta4j.core.num.DoubleNumFactory;

import java.time.Duration;
import java.time.Instant;

/** One-minute bar series built from closes, for rule and indicator tests. */
final class Series {
    private Series() {
    }

    static BarSeries ofCloses(double... closes) {
        BarSeries series = new BaseBarSeriesBuilder().withName("test").withNumFactory(DoubleNumFactory.getInstance())
                .build();
        Instant begin = Instant.parse("2026-11-25T00:00:00Z");
        for (double close : closes) {
            String price = Double.toString(close);
            series.barBuilder().timePeriod(Duration.ofMinutes(1)).beginTime(begin).endTime(begin.plusSeconds(60))
                    .openPrice(price).highPrice(price).lowPrice(price).closePrice(price).volume(1).add();
            begin = begin.plusSeconds(60);
        }
        return series;
    }
}
