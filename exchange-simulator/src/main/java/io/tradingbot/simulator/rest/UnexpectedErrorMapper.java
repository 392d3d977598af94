package io.tradingbot.simulator.rest;

import io.tradingbot.simulator.engine.ExchangeException;
import io.tradingbot.simulator.engine.WireJson;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Keeps Bitfinex's error shape for anything unexpected under /v2 instead of an HTML error page. */
public class UnexpectedErrorMapper {
    private static final Logger LOG = Logger.getLogger(UnexpectedErrorMapper.class);

    @ServerExceptionMapper
    public Response exchange(ExchangeException e) {
        return Response.status(500).type(MediaType.APPLICATION_JSON).entity(WireJson.error(e.code(), e.text()))
                .build();
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        if (e instanceof WebApplicationException w) {
            return w.getResponse();
        }
        LOG.error("unexpected error", e);
        return Response.status(500).type(MediaType.APPLICATION_JSON).entity(WireJson.error(10000, "unknown error"))
                .build();
    }
}
