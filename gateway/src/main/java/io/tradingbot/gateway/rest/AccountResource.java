package io.tradingbot.gateway.rest;

import io.tradingbot.gateway.auth.Roles;
import io.tradingbot.gateway.client.AccountClient;
import io.tradingbot.gateway.client.Upstream;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** Wallets, positions, margin, open orders, filled entries without their exit and the summary, from account-service. */
@Path("/api/v2/account")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.VIEWER)
public class AccountResource {
    private static final String SERVICE = "account-service";

    private final AccountClient account;

    public AccountResource(@RestClient AccountClient account) {
        this.account = account;
    }

    @GET
    @Path("/summary")
    @Operation(summary = "The account summary (the seed's get_account_summary)")
    public Response summary() {
        return Upstream.call(SERVICE, account::summary);
    }

    @GET
    @Path("/wallets")
    @Operation(summary = "Every wallet")
    public Response wallets() {
        return Upstream.call(SERVICE, account::wallets);
    }

    @GET
    @Path("/positions")
    @Operation(summary = "The open positions")
    public Response positions() {
        return Upstream.call(SERVICE, account::positions);
    }

    @GET
    @Path("/margin")
    @Operation(summary = "Margin: the account's base figures and per symbol")
    public Response margin() {
        return Upstream.call(SERVICE, account::margin);
    }

    @GET
    @Path("/orders")
    @Operation(summary = "The orders open on the exchange, as account-service follows them",
            description = "role (entry or exit) and verdict_id mark the orders order-service placed for a verdict: the bot's "
                    + "open trades, which risk-service counts towards max_open_positions.")
    public Response orders() {
        return Upstream.call(SERVICE, account::orders);
    }

    @GET
    @Path("/filled-entries")
    @Operation(summary = "The bot's spot entries that filled and whose exit is not on the exchange",
            description = "Trades open without their stop loss while order-service places the exit again, or after the "
                    + "exchange refused it; risk-service counts them as open trades and a SELL closes them.")
    public Response filledEntries() {
        return Upstream.call(SERVICE, account::filledEntries);
    }

    @POST
    @Path("/wallets/refresh")
    @Operation(summary = "Re-read the wallets from the exchange (the seed's update_wallet_info)",
            description = "Answers what was applied and any drift the refresh repaired.")
    public Response refreshWallets() {
        return Upstream.call(SERVICE, () -> account.refresh("wallets"));
    }

    @POST
    @Path("/positions/refresh")
    @Operation(summary = "Re-read the positions from the exchange (the seed's update_position_info)")
    public Response refreshPositions() {
        return Upstream.call(SERVICE, () -> account.refresh("positions"));
    }

    @POST
    @Path("/margin/refresh")
    @Operation(summary = "Re-read margin from the exchange (the seed's update_margin_info)")
    public Response refreshMargin() {
        return Upstream.call(SERVICE, () -> account.refresh("margin"));
    }
}
