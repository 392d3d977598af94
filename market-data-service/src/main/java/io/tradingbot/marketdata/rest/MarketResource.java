package io.tradingbot.marketdata.rest;

import io.tradingbot.events.Candle;
import io.tradingbot.events.Ticker;
import io.tradingbot.marketdata.service.MarketFeed;
import io.tradingbot.marketdata.service.RefreshResult;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.List;

/** Market data of one symbol, in the event wire format (the records of market.candles.v1 / market.tickers.v1). */
@Path("/market/{symbol}")
@Produces(MediaType.APPLICATION_JSON)
public class MarketResource {
    private final MarketFeed feed;

    public MarketResource(MarketFeed feed) {
        this.feed = feed;
    }

    @GET
    @Path("/ticker")
    @Operation(summary = "The latest ticker of a symbol")
    public Ticker ticker(@PathParam("symbol") String symbol) {
        return feed.ticker(symbol);
    }

    @GET
    @Path("/candles")
    @Operation(summary = "The newest candles of a symbol, oldest first; the last one is still open")
    public List<Candle> candles(@PathParam("symbol") String symbol,
            @QueryParam("timeframe") @DefaultValue("1m") String timeframe,
            @QueryParam("limit") @DefaultValue("100") String limit) {
        return feed.candles(symbol, timeframe, parseLimit(limit));
    }

    @POST
    @Path("/refresh")
    @Operation(summary = "Re-read the ticker and candles over REST and publish what is new")
    public RefreshResult refresh(@PathParam("symbol") String symbol) {
        return feed.refresh(symbol);
    }

    private static int parseLimit(String limit) {
        try {
            return Integer.parseInt(limit.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("limit '" + limit + "' is not a whole number of candles (1 to 10000)");
        }
    }
}
