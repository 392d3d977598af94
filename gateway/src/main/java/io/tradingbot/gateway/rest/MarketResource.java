package io.tradingbot.gateway.rest;

import io.tradingbot.gateway.auth.Roles;
import io.tradingbot.gateway.client.MarketDataClient;
import io.tradingbot.gateway.client.Upstream;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** Market data of a symbol, from market-data-service. */
@Path("/api/v2/market/{symbol}")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.VIEWER)
public class MarketResource {
    private static final String SERVICE = "market-data-service";

    private final MarketDataClient market;

    public MarketResource(@RestClient MarketDataClient market) {
        this.market = market;
    }

    @GET
    @Path("/ticker")
    @Operation(summary = "The latest ticker")
    public Response ticker(@PathParam("symbol") String symbol) {
        TradingSymbol.require(symbol);
        return Upstream.call(SERVICE, () -> market.ticker(symbol));
    }

    @GET
    @Path("/candles")
    @Operation(summary = "The newest candles, oldest first; the last one is still open")
    public Response candles(@PathParam("symbol") String symbol,
            @QueryParam("timeframe") @DefaultValue("1m") String timeframe,
            @QueryParam("limit") @DefaultValue("100") String limit) {
        TradingSymbol.require(symbol);
        return Upstream.call(SERVICE, () -> market.candles(symbol, timeframe, limit));
    }

    @POST
    @Path("/refresh")
    @Operation(summary = "Re-read ticker and candles from the exchange (the seed's update_market_data)")
    public Response refresh(@PathParam("symbol") String symbol) {
        TradingSymbol.require(symbol);
        return Upstream.call(SERVICE, () -> market.refresh(symbol));
    }
}
