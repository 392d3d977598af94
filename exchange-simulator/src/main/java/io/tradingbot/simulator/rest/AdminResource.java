package io.tradingbot.simulator.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.tradingbot.simulator.engine.Account;
import io.tradingbot.simulator.engine.AccountView;
import io.tradingbot.simulator.engine.ApiKey;
import io.tradingbot.simulator.engine.Exchange;
import io.tradingbot.simulator.engine.ExchangeException;
import io.tradingbot.simulator.engine.Market;
import io.tradingbot.simulator.engine.Prices;
import io.tradingbot.simulator.engine.PublicTrade;
import io.tradingbot.simulator.service.ExchangeService;
import io.tradingbot.simulator.service.Faults;
import io.tradingbot.simulator.ws.Publisher;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The simulator's own control API (not Bitfinex): accounts, price jumps, clock, faults, maintenance.
 * No authentication: a local test tool that must never be exposed.
 */
@Path("/sim")
@Tag(name = "simulator admin")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AdminResource {
    private final ExchangeService service;
    private final Faults faults;
    private final Publisher publisher;

    public AdminResource(ExchangeService service, Faults faults, Publisher publisher) {
        this.service = service;
        this.faults = faults;
        this.publisher = publisher;
    }

    public record WalletRequest(@NotBlank @Pattern(regexp = "exchange|margin|funding") String type,
                                @NotBlank String currency, @NotNull BigDecimal balance) {
    }

    public record CreateAccountRequest(@NotBlank @Pattern(regexp = "[A-Za-z0-9_.-]{1,64}") String name,
                                       List<@Pattern(regexp = "read|write") String> permissions,
                                       List<@Valid WalletRequest> wallets) {
    }

    public record CreatedAccount(String name, @JsonProperty("api_key") String apiKey,
                                 @JsonProperty("api_secret") String apiSecret) {
    }

    public record CreateKeyRequest(@NotEmpty List<@NotNull @Pattern(regexp = "read|write") String> permissions) {
    }

    public record PriceRequest(@NotNull BigDecimal price) {
    }

    public record PriceResponse(String symbol, String price, String bid, String ask, long mts) {
    }

    public record AdvanceRequest(@NotNull @Min(0) Long millis) {
    }

    public record ClockResponse(long now, double speed) {
    }

    public record HttpFaultRequest(@NotNull Integer status, @NotNull @Min(1) Integer count,
                                   @JsonProperty("path_prefix") String pathPrefix, Integer code) {
    }

    public record LatencyRequest(@NotNull @Min(0) @Max(60_000) Long millis) {
    }

    public record MaintenanceRequest(@NotNull Boolean active) {
    }

    public record ResetRequest(Long seed) {
    }

    private static Response problem(int status, String message) {
        return Response.status(status).entity(Map.of("error", message)).build();
    }

    @POST
    @Path("accounts")
    @Operation(summary = "Create an account with API key/secret, permissions (read, write) and funded wallets")
    public Response createAccount(@Valid @NotNull CreateAccountRequest request) {
        Set<String> permissions = request.permissions() == null ? Set.of("read", "write")
                : new LinkedHashSet<>(request.permissions());
        List<Exchange.WalletSpec> wallets = request.wallets() == null ? List.of() : request.wallets().stream()
                .map(w -> new Exchange.WalletSpec(w.type(), w.currency(), w.balance())).toList();
        if (service.exchange().account(request.name()) != null) {
            return problem(409, "account exists: " + request.name());
        }
        Account a = service.createAccount(request.name(), permissions, wallets);
        return Response.status(201).entity(new CreatedAccount(a.name(), a.apiKey(), a.apiSecret())).build();
    }

    @POST
    @Path("accounts/{name}/keys")
    @Operation(summary = "Add another API key (own secret, own nonces, given permissions) to an existing account")
    public Response createKey(@PathParam("name") String name, @Valid @NotNull CreateKeyRequest request) {
        ApiKey key = service.addKey(name, new LinkedHashSet<>(request.permissions()));
        if (key == null) {
            return problem(404, "unknown account: " + name);
        }
        return Response.status(201).entity(new CreatedAccount(name, key.key(), key.secret())).build();
    }

    @GET
    @Path("accounts/{name}")
    @Operation(summary = "Wallets, active orders, positions and trades of an account")
    public Response account(@PathParam("name") String name) {
        AccountView view = service.exchange().view(name);
        return view == null ? problem(404, "unknown account: " + name) : Response.ok(view).build();
    }

    @GET
    @Path("accounts")
    @Operation(summary = "Names of the accounts")
    public List<String> accounts() {
        return service.exchange().accounts().stream().map(Account::name).toList();
    }

    @PUT
    @Path("market/{symbol}/price")
    @Operation(summary = "Jump a symbol's price now: crossed orders fill, stops trigger, updates go out")
    public Response setPrice(@PathParam("symbol") String symbol, @Valid @NotNull PriceRequest request) {
        Exchange ex = service.exchange();
        if (ex.markets().stream().noneMatch(m -> m.symbol().equals(symbol))) {
            return problem(404, "unknown symbol: " + symbol);
        }
        if (request.price().signum() <= 0) {
            return problem(400, "price must be positive");
        }
        try {
            PublicTrade t = ex.setPrice(symbol, request.price());
            Market m = ex.market(symbol);
            return Response.ok(new PriceResponse(symbol, Prices.text(t.price()), Prices.text(m.bid()),
                    Prices.text(m.ask()), t.mts())).build();
        } catch (ExchangeException e) {
            return problem(400, e.text());
        }
    }

    /** Caps one bulk request so one lock acquisition stays short (other requests and the step timer wait on it). */
    static final int MAX_BULK_UPDATES = 20_000;

    public record BulkPriceResponse(int applied, long mts) {
    }

    @POST
    @Path("market/prices")
    @Operation(summary = "Jump many prices at once, in order, under one lock: "
            + "[{\"symbol\":\"tBTCUSD\",\"price\":\"43000\"}, ...]; each update goes out as a single jump's")
    public Response setPrices(JsonNode body) {
        if (body == null || !body.isArray()) {
            return problem(400, "body must be a JSON array of {\"symbol\",\"price\"}");
        }
        if (body.size() > MAX_BULK_UPDATES) {
            return problem(400, "at most " + MAX_BULK_UPDATES + " updates per request, got " + body.size());
        }
        Exchange ex = service.exchange();
        Set<String> known = new HashSet<>();
        ex.markets().forEach(m -> known.add(m.symbol()));
        List<Exchange.PriceUpdate> updates = new ArrayList<>(body.size());
        for (int i = 0; i < body.size(); i++) {
            JsonNode u = body.get(i);
            JsonNode symbol = u.get("symbol");
            JsonNode price = u.get("price");
            if (!u.isObject() || symbol == null || !symbol.isTextual() || price == null
                    || !(price.isTextual() || price.isNumber())) {
                return problem(400, "[" + i + "]: expected {\"symbol\":\"...\",\"price\":\"...\"}");
            }
            if (!known.contains(symbol.asText())) {
                return problem(400, "[" + i + "]: unknown symbol: " + symbol.asText());
            }
            BigDecimal p;
            try {
                // a string keeps every digit; a JSON number has already been through a double
                p = new BigDecimal(price.asText().trim());
            } catch (NumberFormatException e) {
                return problem(400, "[" + i + "]: price is not a number: " + price.asText());
            }
            if (p.signum() <= 0) {
                return problem(400, "[" + i + "]: price must be positive");
            }
            updates.add(new Exchange.PriceUpdate(symbol.asText(), p));
        }
        try {
            List<PublicTrade> trades = ex.setPrices(updates);
            long mts = trades.isEmpty() ? ex.now() : trades.get(trades.size() - 1).mts();
            return Response.ok(new BulkPriceResponse(trades.size(), mts)).build();
        } catch (ExchangeException e) {
            return problem(400, e.text());
        }
    }

    @GET
    @Path("clock")
    @Operation(summary = "The simulator clock")
    public ClockResponse clock() {
        Exchange ex = service.exchange();
        return new ClockResponse(ex.now(), ex.clock().speed());
    }

    @POST
    @Path("clock/advance")
    @Operation(summary = "Move the simulator clock forward: the price process steps, candles close")
    public ClockResponse advance(@Valid @NotNull AdvanceRequest request) {
        Exchange ex = service.exchange();
        return new ClockResponse(ex.advanceClock(request.millis()), ex.clock().speed());
    }

    @POST
    @Path("faults/ws-drop")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Close every open WebSocket connection")
    public Map<String, Integer> wsDrop() {
        return Map.of("closed", publisher.dropAll());
    }

    @POST
    @Path("faults/http")
    @Operation(summary = "The next `count` REST calls under `path_prefix` answer `status` (500 or 429) with Bitfinex "
            + "error `code`: 10000 (500's default), 11010 (429's, the only one with 429) or 10100 (a key refused for good)")
    public Response httpFault(@Valid @NotNull HttpFaultRequest request) {
        if (request.status() != 500 && request.status() != 429) {
            return problem(400, "status must be 500 or 429");
        }
        int code = request.code() != null ? request.code() : request.status() == 429 ? 11010 : 10000;
        if (request.status() == 429 ? code != 11010 : code != 10000 && code != 10100) {
            return problem(400, "code must be 11010 with status 429, 10000 or 10100 with status 500");
        }
        faults.setHttpFault(request.status(), code, request.count(), request.pathPrefix());
        return Response.noContent().build();
    }

    @POST
    @Path("faults/latency")
    @Operation(summary = "Delay every REST response and WebSocket frame; 0 clears")
    public Response latency(@Valid @NotNull LatencyRequest request) {
        faults.setLatencyMillis(request.millis());
        return Response.noContent().build();
    }

    @DELETE
    @Path("faults")
    @Operation(summary = "Clear every fault")
    public Response clearFaults() {
        faults.clear();
        return Response.noContent().build();
    }

    @POST
    @Path("maintenance")
    @Operation(summary = "Enter or leave maintenance (platform status, WS info 20060/20061, trading refused)")
    public Response maintenance(@Valid @NotNull MaintenanceRequest request) {
        service.exchange().setMaintenance(request.active());
        return Response.noContent().build();
    }

    @POST
    @Path("reset")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Rebuild the exchange (history, default account) with the configured or given seed")
    public Response reset(ResetRequest request) {
        service.reset(request == null ? null : request.seed());
        return Response.noContent().build();
    }
}
