package io.tradingbot.gateway.rest;

import io.quarkus.security.identity.SecurityIdentity;
import io.tradingbot.events.TradingSession;
import io.tradingbot.gateway.auth.Roles;
import io.tradingbot.gateway.config.GatewayConfig;
import io.tradingbot.gateway.messaging.SessionChannel;
import io.tradingbot.support.messaging.TradingSessions;
import io.tradingbot.support.rest.ErrorBody;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The seed's start/stop automated trading, as records on trading.sessions.v1 that every service follows. */
@Path("/api/v2/trading")
@Produces(MediaType.APPLICATION_JSON)
public class AutomationResource {
    private final SessionChannel channel;
    private final TradingSessions sessions;
    private final SecurityIdentity identity;
    private final GatewayConfig config;

    public AutomationResource(SessionChannel channel, TradingSessions sessions, SecurityIdentity identity,
            GatewayConfig config) {
        this.channel = channel;
        this.sessions = sessions;
        this.identity = identity;
        this.config = config;
    }

    @GET
    @Path("/automation")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "The symbols traded automatically now")
    public List<TradingSession> active() {
        return sessions.activeSessions();
    }

    @POST
    @Path("/{symbol}/automation")
    @RolesAllowed(Roles.TRADER)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Start automated trading of a symbol (the seed's start_automated_trading)",
            description = "From the next closed candle on: candle → signal → verdict → order. Events arrive on the "
                    + "WebSocket. The body is optional: {\"strategy\": \"macd\"}.")
    @APIResponse(responseCode = "200", description = "The session now in force")
    @APIResponse(responseCode = "400", description = "A malformed symbol or an unknown strategy")
    public TradingSession start(@PathParam("symbol") String symbol, AutomationRequest request) {
        TradingSymbol.require(symbol);
        String strategy = Optional.ofNullable(request).map(AutomationRequest::strategy).filter(s -> !s.isBlank())
                .orElse(config.defaultStrategy());
        if (!config.strategies().contains(strategy)) {
            throw new IllegalArgumentException("Unknown strategy '" + strategy + "'; known: " + config.strategies());
        }
        return channel.publish(new TradingSession(symbol, true, strategy, Instant.now(), user(), null));
    }

    @DELETE
    @Path("/{symbol}/automation")
    @RolesAllowed(Roles.TRADER)
    @Operation(summary = "Stop automated trading of a symbol (the seed's stop_automated_trading)",
            description = "Open orders and positions stay as they are.")
    @APIResponse(responseCode = "200", description = "The stopped session")
    @APIResponse(responseCode = "404", description = "The symbol is not traded automatically")
    public Response stop(@PathParam("symbol") String symbol) {
        TradingSymbol.require(symbol);
        return sessions.activeSession(symbol)
                .map(session -> Response.ok(channel.publish(stopped(session, "stopped"))).build())
                .orElseGet(() -> ErrorBody.response(Response.Status.NOT_FOUND,
                        symbol + " is not traded automatically"));
    }

    @POST
    @Path("/automation/stop-all")
    @RolesAllowed(Roles.TRADER)
    @Operation(summary = "Stop every automated session (the seed's stop_all_trading)")
    public List<TradingSession> stopAll() {
        return sessions.activeSessions().stream().map(s -> channel.publish(stopped(s, "stop-all"))).toList();
    }

    private TradingSession stopped(TradingSession session, String reason) {
        return new TradingSession(session.symbol(), false, session.strategy(), Instant.now(), user(), reason);
    }

    private String user() {
        return identity.getPrincipal().getName();
    }
}
