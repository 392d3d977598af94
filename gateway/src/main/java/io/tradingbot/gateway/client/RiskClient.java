package io.tradingbot.gateway.client;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
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
}
