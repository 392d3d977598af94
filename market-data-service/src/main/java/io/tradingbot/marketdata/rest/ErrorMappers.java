package io.tradingbot.marketdata.rest;

import io.tradingbot.bitfinex.error.BitfinexException;
import io.tradingbot.marketdata.service.FeedBusyException;
import io.tradingbot.marketdata.service.UnknownSymbolException;
import io.tradingbot.support.rest.ErrorBody;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * This API's errors beyond bad input (a malformed symbol, timeframe or limit is an IllegalArgumentException, a 400 from
 * service-support's BadInputMappers): a symbol the exchange does not list, an exchange that does not answer.
 */
class ErrorMappers {

    @ServerExceptionMapper
    Response unknownSymbol(UnknownSymbolException e) {
        return ErrorBody.response(Response.Status.NOT_FOUND, e.getMessage());
    }

    @ServerExceptionMapper
    Response exchangeUnavailable(BitfinexException e) {
        return ErrorBody.response(Response.Status.SERVICE_UNAVAILABLE, "The exchange did not answer: " + e.getMessage());
    }

    @ServerExceptionMapper
    Response busy(FeedBusyException e) {
        return ErrorBody.response(Response.Status.SERVICE_UNAVAILABLE, e.getMessage());
    }
}
