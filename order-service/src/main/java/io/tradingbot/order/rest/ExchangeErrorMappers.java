package io.tradingbot.order.rest;

import io.tradingbot.bitfinex.error.AuthenticationException;
import io.tradingbot.bitfinex.error.BitfinexException;
import io.tradingbot.bitfinex.error.MaintenanceException;
import io.tradingbot.bitfinex.error.RateLimitException;
import io.tradingbot.bitfinex.error.ServerErrorException;
import io.tradingbot.bitfinex.error.TransportException;
import io.tradingbot.support.rest.ErrorBody;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The exchange's answers in HTTP: a refusal of the order itself (balance, minimum size, unknown order) is 422 with the
 * exchange's words; an exchange that cannot be reached or is in maintenance is 503; a refused key is 502 (ours to fix,
 * not the caller's).
 */
public class ExchangeErrorMappers {

    @ServerExceptionMapper
    public Response exchange(BitfinexException e) {
        if (e instanceof TransportException || e instanceof ServerErrorException || e instanceof RateLimitException
                || e instanceof MaintenanceException) {
            return ErrorBody.response(Response.Status.SERVICE_UNAVAILABLE, "the exchange did not answer: " + e.getMessage());
        }
        if (e instanceof AuthenticationException) {
            return ErrorBody.response(Response.Status.BAD_GATEWAY, "the exchange refused order-service's key: "
                    + e.getMessage());
        }
        return Response.status(422).type("application/json")
                .entity(new ErrorBody(422, "the exchange refused: " + e.getMessage())).build();
    }
}
