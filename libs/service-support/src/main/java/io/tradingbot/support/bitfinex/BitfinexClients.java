package io.tradingbot.support.bitfinex;

import io.quarkus.arc.DefaultBean;
import io.tradingbot.bitfinex.config.BitfinexClientConfig;
import io.tradingbot.bitfinex.rest.BitfinexRestClient;
import io.tradingbot.bitfinex.ws.BitfinexWebSocketClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * One REST client and one WebSocket client per process, configured from {@link BitfinexSettings} (with this process's key
 * when one is set). Default beans: a service that needs other clients produces its own and these step aside. The
 * WebSocket client is created unconnected; the service connects it once its listeners are in place.
 */
@ApplicationScoped
public class BitfinexClients {

    @Produces
    @Singleton
    @DefaultBean
    public BitfinexClientConfig clientConfig(BitfinexSettings settings) {
        BitfinexClientConfig.Builder builder = BitfinexClientConfig.builder().baseUrl(settings.baseUrl())
                .requestTimeout(settings.requestTimeout())
                .pingInterval(settings.pingInterval())
                .deadAfter(settings.deadAfter())
                .reconnectBackoff(settings.reconnectMin(), settings.reconnectMax())
                .rateLimited(settings.rateLimited());
        settings.restUrl().ifPresent(builder::publicRestUrl);
        settings.authRestUrl().ifPresent(builder::authRestUrl);
        settings.wsUrl().ifPresent(builder::webSocketUrl);
        if (settings.apiKey().isPresent() != settings.apiSecret().isPresent()) {
            throw new IllegalStateException("bitfinex.api-key and bitfinex.api-secret (BITFINEX_API_KEY, BITFINEX_API_SECRET) "
                    + "must be set together");
        }
        settings.apiKey().ifPresent(key -> builder.credentials(key, settings.apiSecret().orElseThrow()));
        return builder.build();
    }

    @Produces
    @Singleton
    @DefaultBean
    public BitfinexRestClient restClient(BitfinexClientConfig config) {
        return new BitfinexRestClient(config);
    }

    void closeRest(@Disposes BitfinexRestClient client) {
        client.close();
    }

    @Produces
    @Singleton
    @DefaultBean
    public BitfinexWebSocketClient webSocketClient(BitfinexClientConfig config) {
        return new BitfinexWebSocketClient(config);
    }

    void closeWebSocket(@Disposes BitfinexWebSocketClient client) {
        client.close();
    }
}
