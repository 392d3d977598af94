package io.tradingbot.gateway.client;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** order-service, as the gateway calls it (configKey {@code order}). */
@RegisterRestClient(configKey = "order")
@Path("/orders")
@Produces(MediaType.APPLICATION_JSON)
public interface OrderClient {

    /** Places the order of an approved verdict ({@code {"verdict_id": ...}}), exactly once; answers the trade result. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    JsonNode place(JsonNode body);

    @GET
    JsonNode active();

    @GET
    @Path("/history")
    JsonNode history(@QueryParam("symbol") String symbol, @QueryParam("limit") Integer limit);

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    JsonNode update(@PathParam("id") long id, JsonNode change);

    @DELETE
    @Path("/{id}")
    JsonNode cancel(@PathParam("id") long id);
}
