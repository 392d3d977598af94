package io.tradingbot.account.rest;

import io.tradingbot.account.service.AccountService;
import io.tradingbot.account.service.RefreshScope;
import io.tradingbot.events.AccountSummary;
import io.tradingbot.events.ActiveOrder;
import io.tradingbot.events.FilledEntry;
import io.tradingbot.events.MarginInfo;
import io.tradingbot.events.Position;
import io.tradingbot.events.Wallet;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.List;

/** The account as the exchange reports it, and the seed's summary. */
@Path("/account")
@Produces(MediaType.APPLICATION_JSON)
public class AccountResource {
    private final AccountService account;

    public AccountResource(AccountService account) {
        this.account = account;
    }

    @GET
    @Path("wallets")
    @Operation(summary = "Every wallet (exchange, margin, funding) with its balance")
    public List<Wallet> wallets() {
        return account.wallets();
    }

    @GET
    @Path("positions")
    @Operation(summary = "The open margin positions, P/L as the exchange last reported it")
    public List<Position> positions() {
        return account.positions();
    }

    @GET
    @Path("orders")
    @Operation(summary = "The orders still open on the exchange; role and verdict_id mark the ones order-service placed")
    public List<ActiveOrder> orders() {
        return account.orders();
    }

    @GET
    @Path("filled-entries")
    @Operation(summary = "The bot's spot entries that filled and whose exit is not on the exchange")
    public List<FilledEntry> filledEntries() {
        return account.filledEntries();
    }

    @GET
    @Path("margin")
    @Operation(summary = "The account's base margin info")
    public MarginInfo margin() {
        MarginInfo margin = account.margin();
        if (margin == null) {
            throw new NotFoundException("no margin info read from the exchange yet");
        }
        return margin;
    }

    @GET
    @Path("summary")
    @Operation(summary = "The seed's account summary, wallets valued at current tickers")
    public AccountSummary summary() {
        return account.summary();
    }

    @POST
    @Path("refresh")
    @Operation(summary = "Re-reads wallets, positions, margin, orders or all over REST and reports what had drifted")
    public AccountService.Refresh refresh(@QueryParam("scope") String scope) {
        return account.refresh(RefreshScope.parse(scope == null ? "all" : scope));
    }
}
