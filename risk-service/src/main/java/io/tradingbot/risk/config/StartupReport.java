package io.tradingbot.risk.config;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/** Says at start which default limits apply, so an operator reading the log knows which config won. */
class StartupReport {
    private static final Logger LOG = Logger.getLogger(StartupReport.class);

    void onStart(@Observes StartupEvent event, RiskConfig config) {
        RiskConfig.Defaults limits = config.defaults();
        LOG.infof("Default limits: max position %s, max leverage %s, max %d open positions, max drawdown %s%%, "
                + "stop loss %s%%, take profit %s%%; at most %s of the available balance per order",
                limits.maxPositionSize(), limits.maxLeverage(), limits.maxOpenPositions(), limits.maxDrawdownPercent(),
                limits.stopLossPercent(), limits.takeProfitPercent(), config.maxBalanceFraction());
    }
}
