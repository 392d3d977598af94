package io.tradingbot.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;

/** The gateway settings, under {@code gateway.*}: where the services it fronts answer. */
@ConfigMapping(prefix = "gateway")
public interface GatewayConfig {

    Services services();

    interface Services {
        @WithDefault("http://localhost:8081")
        URI marketData();

        @WithDefault("http://localhost:8082")
        URI strategy();

        @WithDefault("http://localhost:8083")
        URI risk();

        @WithDefault("http://localhost:8084")
        URI order();

        @WithDefault("http://localhost:8085")
        URI account();
    }
}
