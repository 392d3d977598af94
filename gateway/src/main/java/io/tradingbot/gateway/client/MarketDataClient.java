package io.tradingbot.gateway.client;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** market-data-service, as the gateway calls it (configKey {@code market-data}). */
@RegisterRestClient(configKey = "market-data")
@Path("/market/{symbol}")
@Produces(MediaType.APPLICATION_JSON)
public interface MarketDataClient {

    @GET
    @Path("/ticker")
    JsonNode ticker(@PathParam("symbol") String symbol);

    @GET
    @Path("/candles")
    JsonNode candles(@PathParam("symbol") String symbol, @QueryParam("timeframe") String timeframe,
            @QueryParam("limit") String limit);

    @POST
    @Path("/refresh")
    JsonNode refresh(@PathParam("symbol") String symbol);
}
