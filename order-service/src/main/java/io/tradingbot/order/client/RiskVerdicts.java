package io.tradingbot.order.client;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** risk-service's recent verdicts ({@code GET /risk/verdicts/{id}}): the only way into POST /orders. */
@RegisterRestClient(configKey = "risk")
@Path("/risk/verdicts")
public interface RiskVerdicts {

    /** 200 with the verdict, 404 when risk-service gave none with that id recently. */
    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    Response verdict(@PathParam("id") String id);
}
