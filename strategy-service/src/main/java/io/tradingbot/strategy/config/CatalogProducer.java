package io.tradingbot.strategy.config;

import io.tradingbot.strategy.engine.StrategyCatalog;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

class CatalogProducer {
    @Produces
    @Singleton
    StrategyCatalog catalog() {
        return StrategyCatalog.builtIn();
    }
}
