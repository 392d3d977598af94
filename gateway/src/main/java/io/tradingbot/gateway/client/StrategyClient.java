package io.tradingbot.gateway.client;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** strategy-service, as the gateway calls it (configKey {@code strategy}). */
@RegisterRestClient(configKey = "strategy")
@Path("/strategy")
@Produces(MediaType.APPLICATION_JSON)
public interface StrategyClient {

    /** The signal of a strategy on the symbol's latest closed candles; {@code request} may name strategy and timeframe. */
    @POST
    @Path("/{symbol}/evaluate")
    @Consumes(MediaType.APPLICATION_JSON)
    JsonNode evaluate(@PathParam("symbol") String symbol, JsonNode request);
}
