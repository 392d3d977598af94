package io.tradingbot.strategy.rest;

import io.tradingbot.strategy.service.NoMarketDataException;
import io.tradingbot.strategy.service.UnknownSymbolException;
import io.tradingbot.support.rest.ErrorBody;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The strategy-service's own errors; bad input in general is a 400 from service-support. */
class ErrorMappers {

    @ServerExceptionMapper
    Response unknownSymbol(UnknownSymbolException e) {
        return error(Response.Status.NOT_FOUND, e.getMessage());
    }

    @ServerExceptionMapper
    Response noData(NoMarketDataException e) {
        return error(Response.Status.SERVICE_UNAVAILABLE, e.getMessage());
    }

    private static Response error(Response.Status status, String message) {
        return ErrorBody.response(status, message);
    }
}
