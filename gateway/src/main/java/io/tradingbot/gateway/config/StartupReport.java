package io.tradingbot.gateway.config;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/** Says at start where the fronted services are, so an operator reading the log knows which config won. */
class StartupReport {
    private static final Logger LOG = Logger.getLogger(StartupReport.class);

    void onStart(@Observes StartupEvent event, GatewayConfig config) {
        GatewayConfig.Services services = config.services();
        LOG.infof("Fronting market-data %s, strategy %s, risk %s, order %s, account %s", services.marketData(),
                services.strategy(), services.risk(), services.order(), services.account());
    }
}
