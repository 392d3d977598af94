package io.tradingbot.risk.rest;

import io.tradingbot.events.RiskLimits;
import io.tradingbot.events.RiskState;
import io.tradingbot.events.RiskVerdict;
import io.tradingbot.events.Signal;
import io.tradingbot.risk.service.LimitsStore;
import io.tradingbot.risk.service.RiskService;
import io.tradingbot.risk.service.RiskStateStore;
import io.tradingbot.support.rest.ErrorBody;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.time.Instant;

@Path("/risk")
@Produces(MediaType.APPLICATION_JSON)
public class RiskResource {
    /** Who made a change, as the gateway forwards it; local callers without it are "operator". */
    private static final String ACTOR = "X-TradingBot-User";

    private final RiskService risk;
    private final LimitsStore limits;
    private final RiskStateStore state;

    public RiskResource(RiskService risk, LimitsStore limits, RiskStateStore state) {
        this.risk = risk;
        this.limits = limits;
        this.state = state;
    }

    @GET
    @Path("/limits")
    @Operation(summary = "The limits in force")
    public RiskLimits limits() {
        return limits.current();
    }

    @PUT
    @Path("/limits")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace the limits", description = "Stored on the compacted risk.limits.v1 before the answer, "
            + "so a restart keeps them. Every field is required.")
    @APIResponse(responseCode = "200", description = "The limits now in force")
    @APIResponse(responseCode = "400", description = "A value that makes no sense, named; nothing changed")
    public RiskLimits setLimits(LimitsUpdate update, @HeaderParam(ACTOR) @DefaultValue("operator") String by) {
        if (update == null) {
            throw new IllegalArgumentException("the body must hold the limits");
        }
        return risk.updateLimits(update.toLimits(Instant.now(), by), by);
    }

    @POST
    @Path("/assess")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Judge a signal now", description = "The verdict the stream would give, for the on-demand path "
            + "(evaluate, then execute by verdict id). Not published: nothing is traded by assessing.")
    @APIResponse(responseCode = "200", description = "The verdict: approved with size and exits, or rejected with reasons")
    @APIResponse(responseCode = "400", description = "A malformed signal, or a HOLD")
    public RiskVerdict assess(Signal signal) {
        if (signal == null) {
            throw new IllegalArgumentException("the body must hold a signal");
        }
        return risk.assess(signal);
    }

    @GET
    @Path("/verdicts/{id}")
    @Operation(summary = "A verdict given recently (stream or on demand), by id")
    public Response verdict(@PathParam("id") String id) {
        return risk.verdictById(id).map(v -> Response.ok(v).build())
                .orElseGet(() -> ErrorBody.response(Response.Status.NOT_FOUND, "no recent verdict with id '" + id + "'"));
    }

    @GET
    @Path("/kill-switch")
    @Operation(summary = "The high-water mark and the kill switch")
    public Response killSwitch() {
        return state.state().map(s -> Response.ok(s).build())
                .orElseGet(() -> ErrorBody.response(Response.Status.NOT_FOUND,
                        "no account snapshot has been seen yet: no high-water mark"));
    }

    @POST
    @Path("/kill-switch/reset")
    @Operation(summary = "Lift the kill switch", description = "Drawdown is measured afresh from the current equity.")
    public RiskState reset(@HeaderParam(ACTOR) @DefaultValue("operator") String by) {
        return risk.resetKillSwitch(by);
    }
}
