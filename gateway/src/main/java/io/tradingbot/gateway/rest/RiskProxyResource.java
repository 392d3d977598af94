package io.tradingbot.gateway.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.security.identity.SecurityIdentity;
import io.tradingbot.gateway.auth.Roles;
import io.tradingbot.gateway.client.RiskClient;
import io.tradingbot.gateway.client.Upstream;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** The risk limits through the gateway: read by viewers, set by traders (recorded as the token's user). */
@Path("/api/v2/risk")
@Produces(MediaType.APPLICATION_JSON)
public class RiskProxyResource {
    private static final String SERVICE = "risk-service";

    private final RiskClient risk;
    private final SecurityIdentity identity;

    public RiskProxyResource(@RestClient RiskClient risk, SecurityIdentity identity) {
        this.risk = risk;
        this.identity = identity;
    }

    @GET
    @Path("/limits")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "The risk limits in force")
    public Response limits() {
        return Upstream.call(SERVICE, risk::limits);
    }

    @PUT
    @Path("/limits")
    @RolesAllowed(Roles.TRADER)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace the risk limits", description = "Validated by risk-service: a value that makes no "
            + "sense is a 400 naming the field, and nothing changes.")
    public Response setLimits(JsonNode limits) {
        if (limits == null) {
            throw new IllegalArgumentException("the body must hold the limits");
        }
        return Upstream.call(SERVICE, () -> risk.setLimits(limits, identity.getPrincipal().getName()));
    }

    @GET
    @Path("/kill-switch")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "Whether the drawdown kill switch has stopped automated trading")
    public Response killSwitch() {
        return Upstream.call(SERVICE, risk::killSwitch);
    }

    @POST
    @Path("/kill-switch/reset")
    @RolesAllowed(Roles.TRADER)
    @Operation(summary = "Reset a tripped kill switch", description = "Recorded as the token's user. Sessions stopped by "
            + "the switch stay stopped: start them again.")
    public Response resetKillSwitch() {
        return Upstream.call(SERVICE, () -> risk.resetKillSwitch(identity.getPrincipal().getName()));
    }
}
