package io.tradingbot.strategy.client;

import io.tradingbot.events.Candle;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.util.List;

/** market-data-service's candle history, for warming a series up (configKey {@code market-data}). */
@RegisterRestClient(configKey = "market-data")
@Path("/market")
public interface MarketDataClient {

    @GET
    @Path("/{symbol}/candles")
    List<Candle> candles(@PathParam("symbol") String symbol, @QueryParam("timeframe") String timeframe,
            @QueryParam("limit") int limit);
}
