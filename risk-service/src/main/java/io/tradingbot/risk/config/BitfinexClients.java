package io.tradingbot.risk.config;

import io.tradingbot.bitfinex.config.BitfinexClientConfig;
import io.tradingbot.bitfinex.rest.BitfinexRestClient;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Risk reads only public configuration (pair minimums) from the exchange: a public-only REST client. */
class BitfinexClients {

    @Produces
    @Singleton
    BitfinexRestClient restClient(@ConfigProperty(name = "bitfinex.base-url", defaultValue = "http://localhost:8090")
            String baseUrl) {
        return new BitfinexRestClient(BitfinexClientConfig.builder().baseUrl(baseUrl).build());
    }

    void close(@Disposes BitfinexRestClient client) {
        client.close();
    }
}
