package io.tradingbot.gateway.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradingbot.events.TradeResult;
import io.tradingbot.gateway.auth.Roles;
import io.tradingbot.gateway.client.Upstream;
import io.tradingbot.gateway.service.Evaluation;
import io.tradingbot.gateway.service.TradingDesk;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** The seed's initialize, evaluate_trading_opportunity and execute_trading_signal. */
@Path("/api/v2/trading")
@Produces(MediaType.APPLICATION_JSON)
public class TradingResource {
    private final TradingDesk desk;

    public TradingResource(TradingDesk desk) {
        this.desk = desk;
    }

    @POST
    @Path("/initialize")
    @RolesAllowed(Roles.TRADER)
    @Operation(summary = "Refresh wallets, positions and margin from the exchange; answer the account summary")
    @APIResponse(responseCode = "200", description = "The account summary")
    @APIResponse(responseCode = "503", description = "account-service (or the exchange behind it) did not answer")
    public JsonNode initialize() {
        return desk.initialize();
    }

    @POST
    @Path("/{symbol}/evaluate")
    @RolesAllowed(Roles.VIEWER)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "The strategy's signal on the latest closed candles and risk's verdict on it",
            description = "Nothing is traded. The body is optional: {\"strategy\": \"macd\", \"timeframe\": \"5m\"}. "
                    + "A BUY or SELL comes with risk level, can_trade, reasons, position size, stop loss and take profit, "
                    + "and the verdict_id that execute trades; a HOLD has can_trade false and no verdict.")
    @APIResponse(responseCode = "200", description = "The evaluation")
    @APIResponse(responseCode = "400", description = "A malformed symbol, or a strategy/timeframe strategy-service refuses")
    public Evaluation evaluate(@PathParam("symbol") String symbol, JsonNode request) {
        TradingSymbol.require(symbol);
        return desk.evaluate(symbol, text(request, "strategy"), text(request, "timeframe"));
    }

    @POST
    @Path("/{symbol}/execute")
    @RolesAllowed(Roles.TRADER)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Trade an evaluation", description = "The body is the result of evaluate (its verdict_id is "
            + "what counts). order-service places the verdict's order exactly once: executing the same evaluation "
            + "again answers the order already placed.")
    @APIResponse(responseCode = "201", description = "The order placed")
    @APIResponse(responseCode = "400", description = "No evaluation, no verdict_id, or one of another symbol")
    @APIResponse(responseCode = "422", description = "Nothing to trade (HOLD, or can_trade false), the verdict was "
            + "rejected, or the exchange refused the order: success false and why")
    public Response execute(@PathParam("symbol") String symbol, JsonNode evaluation) {
        TradingSymbol.require(symbol);
        if (evaluation == null || !evaluation.isObject()) {
            throw new IllegalArgumentException("the body must be the result of POST /api/v2/trading/" + symbol
                    + "/evaluate");
        }
        String bodySymbol = text(evaluation, "symbol");
        if (bodySymbol != null && !bodySymbol.equals(symbol)) {
            throw new IllegalArgumentException("field 'symbol' is " + bodySymbol + " but the path says " + symbol);
        }
        String verdictId = text(evaluation, "verdict_id");
        if (verdictId == null) {
            if ("HOLD".equals(text(evaluation, "signal"))) {
                return refused(symbol, null, "nothing to execute: the evaluation is a HOLD", null);
            }
            throw new IllegalArgumentException("field 'verdict_id' is required: the id from POST /api/v2/trading/"
                    + symbol + "/evaluate");
        }
        if (evaluation.has("can_trade") && !evaluation.path("can_trade").asBoolean()) {
            return refused(symbol, verdictId, "nothing to execute: risk did not allow this trade", null);
        }
        try {
            TradeResult result = desk.execute(verdictId);
            return Response.status(Response.Status.CREATED)
                    .entity(new ExecutionResult(true, result.message(), symbol, verdictId, result.order(), null)).build();
        } catch (Upstream.Failure failure) {
            if (failure.status() != 422) {
                throw failure;
            }
            return refused(symbol, verdictId, failure.body().path("error").asText("order-service refused the order"),
                    failure.body());
        }
    }

    private static Response refused(String symbol, String verdictId, String message, JsonNode detail) {
        return Response.status(422).type(MediaType.APPLICATION_JSON)
                .entity(new ExecutionResult(false, message, symbol, verdictId, null, detail)).build();
    }

    private static String text(JsonNode node, String field) {
        if (node == null || !node.hasNonNull(field)) {
            return null;
        }
        JsonNode value = node.get(field);
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new IllegalArgumentException("field '" + field + "' must be a non-empty string");
        }
        return value.asText().trim();
    }
}
