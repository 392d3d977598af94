package io.tradingbot.strategy.rest;

import io.tradingbot.strategy.service.NoMarketDataException;
import io.tradingbot.strategy.service.UnknownSymbolException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Bad input gets a status that says whose fault it is and a message that says what to change. */
class ErrorMappers {

    @ServerExceptionMapper
    Response badRequest(IllegalArgumentException e) {
        return error(Response.Status.BAD_REQUEST, e.getMessage());
    }

    @ServerExceptionMapper
    Response unknownSymbol(UnknownSymbolException e) {
        return error(Response.Status.NOT_FOUND, e.getMessage());
    }

    @ServerExceptionMapper
    Response noData(NoMarketDataException e) {
        return error(Response.Status.SERVICE_UNAVAILABLE, e.getMessage());
    }

    private static Response error(Response.Status status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(new ErrorBody(status.getStatusCode(), message)).build();
    }
}
