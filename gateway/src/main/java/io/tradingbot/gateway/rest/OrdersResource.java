package io.tradingbot.gateway.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradingbot.gateway.auth.Roles;
import io.tradingbot.gateway.client.OrderClient;
import io.tradingbot.gateway.client.Upstream;
import jakarta.annotation.security.RolesAllowed;
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
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** Orders, from order-service: read by viewers; placed, changed and cancelled by traders. */
@Path("/api/v2/orders")
@Produces(MediaType.APPLICATION_JSON)
public class OrdersResource {
    private static final String SERVICE = "order-service";

    private final OrderClient orders;

    public OrdersResource(@RestClient OrderClient orders) {
        this.orders = orders;
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "The active orders")
    public Response active() {
        return Upstream.call(SERVICE, orders::active);
    }

    @GET
    @Path("/history")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "Closed and cancelled orders, newest first")
    public Response history(@QueryParam("symbol") String symbol, @QueryParam("limit") Integer limit) {
        if (symbol != null) {
            TradingSymbol.require(symbol);
        }
        return Upstream.call(SERVICE, () -> orders.history(symbol, limit));
    }

    @POST
    @RolesAllowed(Roles.TRADER)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Place the order of an approved verdict", description = "{\"verdict_id\": ...}: placed exactly "
            + "once; placing the same verdict again answers the order already placed.")
    @APIResponse(responseCode = "201", description = "The trade result with the order")
    @APIResponse(responseCode = "422", description = "The verdict was rejected, or the exchange refused the order")
    public Response place(JsonNode body) {
        if (body == null || !body.path("verdict_id").isTextual() || body.path("verdict_id").asText().isBlank()) {
            throw new IllegalArgumentException("field 'verdict_id' is required: the id of a verdict (from evaluate)");
        }
        JsonNode result = Upstream.invoke(SERVICE, () -> orders.place(body));
        return Response.status(Response.Status.CREATED).entity(result).build();
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed(Roles.TRADER)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change an active order's price and/or amount", description = "{\"price\": \"...\", "
            + "\"amount\": \"...\"} as decimal strings; order-service checks them before the exchange sees them.")
    public Response update(@PathParam("id") long id, JsonNode change) {
        if (change == null || !change.isObject()) {
            throw new IllegalArgumentException("the body must hold the new 'price' and/or 'amount'");
        }
        return Upstream.call(SERVICE, () -> orders.update(id, change));
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.TRADER)
    @Operation(summary = "Cancel an active order")
    public Response cancel(@PathParam("id") long id) {
        return Upstream.call(SERVICE, () -> orders.cancel(id));
    }
}
