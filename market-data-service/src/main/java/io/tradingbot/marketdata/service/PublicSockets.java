package io.tradingbot.marketdata.service;

import io.tradingbot.bitfinex.config.BitfinexClientConfig;
import io.tradingbot.bitfinex.ws.PublicChannelPool;
import io.tradingbot.marketdata.config.MarketDataConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The feed's exchange WebSockets: a pool instead of service-support's single client, because one Bitfinex connection
 * holds at most 30 channels (10 symbols with a ticker and two timeframes).
 */
@ApplicationScoped
class PublicSockets {

    @Produces
    @Singleton
    PublicChannelPool pool(BitfinexClientConfig client, MarketDataConfig config) {
        return new PublicChannelPool(client, config.channelsPerSocket());
    }

    void close(@Disposes PublicChannelPool pool) {
        pool.close();
    }
}
