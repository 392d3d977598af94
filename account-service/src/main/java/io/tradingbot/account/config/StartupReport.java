package io.tradingbot.account.config;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/** Says at start which account this instance keeps, so an operator reading the log knows which config won. */
class StartupReport {
    private static final Logger LOG = Logger.getLogger(StartupReport.class);

    void onStart(@Observes StartupEvent event, AccountConfig config) {
        LOG.infof("Keeping account '%s', reconciled over REST every %s", config.name(), config.reconcileInterval());
    }
}
