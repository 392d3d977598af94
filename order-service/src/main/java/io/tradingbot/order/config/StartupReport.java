package io.tradingbot.order.config;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/** Says at start how orders are protected, so an operator reading the log knows which config won. */
class StartupReport {
    private static final Logger LOG = Logger.getLogger(StartupReport.class);

    void onStart(@Observes StartupEvent event, OrderConfig config) {
        LOG.infof("Account %s; orders over %s; lost submits looked up by cid for %s; OCO exits %s; dead-man switch %s; submitted cids "
                + "journaled on orders.events.v1 and read back %s", config.account(),
                config.entry() == OrderConfig.Entry.WEBSOCKET ? "the authenticated WebSocket (REST while it is down)" : "REST",
                config.lookupTimeout(),
                config.exitOrders() ? "on (a partly filled entry's remainder cancelled after "
                        + config.partialFillGrace() + ")" : "off",
                config.deadManSwitch() ? "on" : "off", config.journal().lookback());
    }
}
