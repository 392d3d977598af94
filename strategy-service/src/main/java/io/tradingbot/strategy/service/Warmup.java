package io.tradingbot.strategy.service;

import io.tradingbot.events.Candle;
import io.tradingbot.strategy.client.MarketDataClient;
import io.tradingbot.strategy.config.StrategyConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import java.util.List;

/**
 * Candle history from market-data-service, so a new or restarted series has enough bars for its indicators at once
 * instead of after an hour of live candles.
 */
@ApplicationScoped
public class Warmup {
    private static final Logger LOG = Logger.getLogger(Warmup.class);

    private final MarketDataClient marketData;
    private final StrategyConfig config;

    public Warmup(@RestClient MarketDataClient marketData, StrategyConfig config) {
        this.marketData = marketData;
        this.config = config;
    }

    /** The history, oldest first or not; empty when warm-up is off or market-data-service cannot be reached. */
    public List<Candle> history(String symbol, String timeframe) {
        if (!config.warmup().enabled()) {
            return List.of();
        }
        try {
            return marketData.candles(symbol, timeframe, config.warmup().bars());
        } catch (WebApplicationException e) {
            if (e.getResponse().getStatus() == 404) {
                throw new UnknownSymbolException(symbol);
            }
            LOG.warnf("No candle history for %s %s: market-data-service answered %d", symbol, timeframe,
                    e.getResponse().getStatus());
            return List.of();
        } catch (ProcessingException e) {
            LOG.warnf("No candle history for %s %s: market-data-service unreachable (%s)", symbol, timeframe,
                    e.getMessage());
            return List.of();
        }
    }
}
