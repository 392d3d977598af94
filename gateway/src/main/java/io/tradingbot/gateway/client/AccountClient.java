package io.tradingbot.gateway.client;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** account-service, as the gateway calls it (configKey {@code account}). */
@RegisterRestClient(configKey = "account")
@Path("/account")
@Produces(MediaType.APPLICATION_JSON)
public interface AccountClient {

    @GET
    @Path("/wallets")
    JsonNode wallets();

    @GET
    @Path("/positions")
    JsonNode positions();

    @GET
    @Path("/margin")
    JsonNode margin();

    @GET
    @Path("/summary")
    JsonNode summary();

    @GET
    @Path("/orders")
    JsonNode orders();

    @GET
    @Path("/filled-entries")
    JsonNode filledEntries();

    /** Re-reads {@code scope} (wallets, positions, margin, orders or all) from the exchange and repairs what drifted. */
    @POST
    @Path("/refresh")
    JsonNode refresh(@QueryParam("scope") String scope);
}
