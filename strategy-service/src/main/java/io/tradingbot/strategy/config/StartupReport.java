package io.tradingbot.strategy.config;

import io.quarkus.runtime.StartupEvent;
import io.tradingbot.strategy.engine.StrategyCatalog;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/** Says at start how this instance evaluates, so an operator reading the log knows which config won. */
class StartupReport {
    private static final Logger LOG = Logger.getLogger(StartupReport.class);

    void onStart(@Observes StartupEvent event, StrategyConfig config, StrategyCatalog catalog) {
        LOG.infof("Default strategy %s on %s candles, keeping at most %d bars per series; strategies: %s",
                config.defaultStrategy(), config.timeframe(), config.maxBars(),
                catalog.all().stream().map(d -> d.name()).toList());
    }
}
