package io.tradingbot.strategy.rest;

import io.tradingbot.events.Signal;
import io.tradingbot.events.TradingSession;
import io.tradingbot.strategy.engine.StrategyCatalog;
import io.tradingbot.support.messaging.TradingSessions;
import io.tradingbot.strategy.service.SignalService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.util.List;
import java.util.Optional;

@Path("/strategy")
@Produces(MediaType.APPLICATION_JSON)
public class StrategyResource {
    private final SignalService signals;
    private final StrategyCatalog catalog;
    private final TradingSessions sessions;

    public StrategyResource(SignalService signals, StrategyCatalog catalog, TradingSessions sessions) {
        this.signals = signals;
        this.catalog = catalog;
        this.sessions = sessions;
    }

    @GET
    @Path("/sessions")
    @Operation(summary = "The automated trading sessions this instance evaluates for, as trading.sessions.v1 says")
    public List<TradingSession> sessions() {
        return sessions.activeSessions();
    }

    @POST
    @Path("/{symbol}/evaluate")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Evaluate a symbol now", description = "The signal the strategy gives on the newest closed candle. "
            + "The body is optional: {\"strategy\": \"macd\", \"timeframe\": \"5m\"}.")
    @APIResponse(responseCode = "200", description = "The signal, BUY/SELL/HOLD with its reason")
    @APIResponse(responseCode = "400", description = "Malformed symbol, unknown strategy or timeframe")
    @APIResponse(responseCode = "404", description = "The market does not list the symbol")
    @APIResponse(responseCode = "503", description = "No candles for the symbol yet")
    public Signal evaluate(@PathParam("symbol") String symbol, EvaluationRequest request) {
        Optional<EvaluationRequest> body = Optional.ofNullable(request);
        return signals.evaluateNow(symbol, body.map(EvaluationRequest::strategy), body.map(EvaluationRequest::timeframe));
    }

    @GET
    @Path("/strategies")
    @Operation(summary = "The built-in strategies, their rules and default parameters")
    public List<StrategyInfo> strategies() {
        return catalog.all().stream().map(d -> new StrategyInfo(d.name(), d.description(), d.defaults())).toList();
    }
}
