package io.tradingbot.account.rest;

import io.tradingbot.bitfinex.error.BitfinexException;
import io.tradingbot.support.rest.ErrorBody;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The exchange failing to answer is not the caller's fault: 502 with what the exchange said; 404 with words. */
public class ExchangeErrorMapper {

    @ServerExceptionMapper
    public Response exchangeFailed(BitfinexException e) {
        return ErrorBody.response(Response.Status.BAD_GATEWAY, "the exchange could not be read: " + e.getMessage());
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return ErrorBody.response(Response.Status.NOT_FOUND, e.getMessage());
    }
}
