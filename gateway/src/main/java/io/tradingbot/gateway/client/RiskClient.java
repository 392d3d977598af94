package io.tradingbot.gateway.client;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** risk-service, as the gateway calls it (configKey {@code risk}). */
@RegisterRestClient(configKey = "risk")
@Path("/risk")
@Produces(MediaType.APPLICATION_JSON)
public interface RiskClient {

    @GET
    @Path("/limits")
    JsonNode limits();

    @PUT
    @Path("/limits")
    @Consumes(MediaType.APPLICATION_JSON)
    JsonNode setLimits(JsonNode limits, @HeaderParam(Upstream.USER_HEADER) String user);

    /** The verdict on a signal now (kept by risk-service for execution by id, not published). */
    @POST
    @Path("/assess")
    @Consumes(MediaType.APPLICATION_JSON)
    JsonNode assess(JsonNode signal);

    @GET
    @Path("/kill-switch")
    JsonNode killSwitch();

    @POST
    @Path("/kill-switch/reset")
    JsonNode resetKillSwitch(@HeaderParam(Upstream.USER_HEADER) String user);
}
