package io.tradingbot.marketdata.config;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/** Says at start what this instance watches, so an operator reading the log knows which config won. */
class StartupReport {
    private static final Logger LOG = Logger.getLogger(StartupReport.class);

    void onStart(@Observes StartupEvent event, MarketDataConfig config) {
        LOG.infof("Watching %s on timeframes %s, at most %d channels per exchange WebSocket; a feed older than %s "
                + "turns readiness DOWN", config.symbols(), config.timeframes(), config.channelsPerSocket(),
                config.maxFeedAge());
    }
}
