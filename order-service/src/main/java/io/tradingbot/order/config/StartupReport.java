package io.tradingbot.order.config;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/** Says at start how orders are protected, so an operator reading the log knows which config won. */
class StartupReport {
    private static final Logger LOG = Logger.getLogger(StartupReport.class);

    void onStart(@Observes StartupEvent event, OrderConfig config) {
        LOG.infof("Submit timeout %s; dead-man switch %s", config.submitTimeout(),
                config.deadManSwitch() ? "on" : "off");
    }
}
