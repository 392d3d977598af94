package io.tradingbot.order.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.tradingbot.bitfinex.model.Notification;
import io.tradingbot.bitfinex.model.Order;
import io.tradingbot.bitfinex.model.OrderUpdateRequest;
import io.tradingbot.bitfinex.rest.BitfinexRestClient;
import io.tradingbot.bitfinex.rest.HistoryQuery;
import io.tradingbot.events.RiskVerdict;
import io.tradingbot.events.TradeResult;
import io.tradingbot.events.serde.EventJson;
import io.tradingbot.order.client.RiskVerdicts;
import io.tradingbot.order.messaging.OrderPublisher;
import io.tradingbot.order.service.OrderExecutor;
import io.tradingbot.order.service.OrderLifecycle;
import io.tradingbot.support.rest.ErrorBody;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

@Path("/orders")
@Produces(MediaType.APPLICATION_JSON)
public class OrderResource {
    private static final Duration RESULT_ACK = Duration.ofSeconds(15);

    private final OrderExecutor executor;
    private final OrderLifecycle lifecycle;
    private final OrderPublisher publisher;
    private final BitfinexRestClient exchange;
    private final RiskVerdicts risk;

    public OrderResource(OrderExecutor executor, OrderLifecycle lifecycle, OrderPublisher publisher,
            BitfinexRestClient exchange, @RestClient RiskVerdicts risk) {
        this.executor = executor;
        this.lifecycle = lifecycle;
        this.publisher = publisher;
        this.exchange = exchange;
        this.risk = risk;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Place the order of an approved verdict", description = "The verdict is fetched from "
            + "risk-service (GET /risk/verdicts/{id}); only an approved one is traded, exactly once (its cid is derived "
            + "from the verdict id). The trade result also goes to trading.results.v1.")
    @APIResponse(responseCode = "201", description = "The trade result: the order placed, or the one already placed")
    @APIResponse(responseCode = "400", description = "No verdict id")
    @APIResponse(responseCode = "404", description = "risk-service gave no verdict with that id recently")
    @APIResponse(responseCode = "422", description = "The verdict was rejected by risk, or the exchange refused the order "
            + "(its words in the message)")
    @APIResponse(responseCode = "503", description = "risk-service or the exchange did not answer")
    public Response place(PlaceOrder body) {
        if (body == null || body.verdictId() == null || body.verdictId().isBlank()) {
            throw new IllegalArgumentException("field 'verdict_id' is required: the id of a verdict from risk-service "
                    + "(POST /risk/assess or risk.verdicts.v1)");
        }
        Optional<RiskVerdict> verdict = fetch(body.verdictId().trim());
        if (verdict.isEmpty()) {
            return ErrorBody.response(Response.Status.NOT_FOUND, "risk-service has no recent verdict with id '"
                    + body.verdictId().trim() + "'");
        }
        TradeResult result = executor.execute(verdict.get());
        publisher.result(result).await().atMost(RESULT_ACK);
        if (!result.success()) {
            return Response.status(422).type(MediaType.APPLICATION_JSON)
                    .entity(new ErrorBody(422, result.message())).build();
        }
        return Response.status(Response.Status.CREATED).entity(result).build();
    }

    private Optional<RiskVerdict> fetch(String id) {
        String json;
        try (Response response = risk.verdict(id)) {
            json = response.readEntity(String.class);
        } catch (WebApplicationException e) {
            if (e.getResponse().getStatus() == 404) {
                return Optional.empty();
            }
            throw new RiskUnavailable("risk-service answered HTTP " + e.getResponse().getStatus() + " for verdict '"
                    + id + "'");
        } catch (ProcessingException e) {
            throw new RiskUnavailable("risk-service did not answer: " + e.getMessage());
        }
        try {
            return Optional.of(EventJson.mapper().readValue(json, RiskVerdict.class));
        } catch (JsonProcessingException e) {
            throw new RiskUnavailable("risk-service's verdict '" + id + "' is unreadable: " + e.getOriginalMessage());
        }
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change an open order's price and/or amount (signed like the order)")
    @APIResponse(responseCode = "200", description = "The order as the exchange answered")
    @APIResponse(responseCode = "400", description = "Nothing to change, a price that is not positive, a zero amount or "
            + "one of the other side")
    @APIResponse(responseCode = "404", description = "No open order with that id")
    @APIResponse(responseCode = "422", description = "The exchange refused the change")
    public Response update(@PathParam("id") long id, OrderChange change) {
        if (change == null || change.price() == null && change.amount() == null) {
            throw new IllegalArgumentException("give 'price', 'amount' or both");
        }
        if (change.price() != null && change.price().signum() <= 0) {
            throw new IllegalArgumentException("field 'price' must be positive, was " + change.price().toPlainString());
        }
        Optional<Order> open = open(id);
        if (open.isEmpty()) {
            return notOpen(id);
        }
        if (change.amount() != null && (change.amount().signum() == 0
                || open.get().amount() != null && change.amount().signum() != open.get().amount().signum())) {
            throw new IllegalArgumentException("field 'amount' must be non-zero and signed like the order ("
                    + (open.get().amount().signum() > 0 ? "+ buy" : "- sell") + "), was " + change.amount().toPlainString());
        }
        Notification answer = exchange.updateOrder(new OrderUpdateRequest(id, change.amount(), null, change.price(), null,
                null, null, null, null, null, null, null, null));
        Order updated = answer.orders().isEmpty() ? open(id).orElse(open.get()) : answer.orders().get(0);
        return Response.ok(OrderView.of(updated, lifecycle.verdictId(updated))).build();
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Cancel an open order")
    @APIResponse(responseCode = "200", description = "The order as it was when the exchange took the cancel")
    @APIResponse(responseCode = "404", description = "No open order with that id")
    public Response cancel(@PathParam("id") long id) {
        Optional<Order> open = open(id);
        if (open.isEmpty()) {
            return notOpen(id);
        }
        Notification answer = exchange.cancelOrder(id);
        Order cancelled = answer.orders().isEmpty() ? open.get() : answer.orders().get(0);
        return Response.ok(OrderView.of(cancelled, lifecycle.verdictId(cancelled))).build();
    }

    @GET
    @Operation(summary = "The account's open orders, as the exchange has them now")
    public List<OrderView> active() {
        return exchange.activeOrders().stream().map(o -> OrderView.of(o, lifecycle.verdictId(o))).toList();
    }

    @GET
    @Path("/history")
    @Operation(summary = "Closed and cancelled orders, newest first", description = "symbol: one pair (e.g. tBTCUSD), "
            + "else every pair; limit 1..2500, default 100")
    public List<OrderView> history(@QueryParam("symbol") String symbol, @QueryParam("limit") Integer limit) {
        int rows = limit == null ? 100 : limit;
        if (rows < 1 || rows > 2500) {
            throw new IllegalArgumentException("query parameter 'limit' must be between 1 and 2500, was " + rows);
        }
        if (symbol != null && !symbol.matches("t[A-Z0-9]{3,}(:[A-Z0-9]{3,})?")) {
            throw new IllegalArgumentException("query parameter 'symbol' must be a Bitfinex trading pair such as tBTCUSD, "
                    + "was '" + symbol + "'");
        }
        return exchange.orderHistory(symbol, HistoryQuery.limit(rows)).stream()
                .map(o -> OrderView.of(o, lifecycle.verdictId(o))).toList();
    }

    private Optional<Order> open(long id) {
        return exchange.activeOrders().stream().filter(o -> o.id() != null && o.id() == id).findFirst();
    }

    private static Response notOpen(long id) {
        return ErrorBody.response(Response.Status.NOT_FOUND, "no open order with id " + id);
    }

    /** risk-service could not be asked: the order is not placed (there is no path around risk). */
    static final class RiskUnavailable extends RuntimeException {
        RiskUnavailable(String message) {
            super(message);
        }
    }

    @ServerExceptionMapper
    public Response riskUnavailable(RiskUnavailable e) {
        return ErrorBody.response(Response.Status.SERVICE_UNAVAILABLE, e.getMessage() + "; no order was placed");
    }
}
