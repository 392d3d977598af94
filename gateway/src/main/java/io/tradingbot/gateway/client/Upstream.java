package io.tradingbot.gateway.client;

import io.tradingbot.support.rest.ErrorBody;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.function.Supplier;

/**
 * A call to a service behind the gateway, answered the way a user can act on: the service's own 4xx passes through (its
 * message says what to change), a service that fails is a 502 and one that does not answer a 503, each naming the service.
 */
public final class Upstream {
    /** Who asked, forwarded so services can record it (risk limits, kill-switch resets). */
    public static final String USER_HEADER = "X-TradingBot-User";

    private Upstream() {
    }

    public static Response call(String service, Supplier<Object> call) {
        try {
            return Response.ok(call.get()).build();
        } catch (WebApplicationException e) {
            Response upstream = e.getResponse();
            if (upstream.getStatus() < 500) {
                String body = upstream.hasEntity() ? upstream.readEntity(String.class) : "";
                return Response.status(upstream.getStatus()).type(MediaType.APPLICATION_JSON)
                        .entity(body.isBlank() ? new ErrorBody(upstream.getStatus(), service + " refused the request") : body)
                        .build();
            }
            return ErrorBody.response(Response.Status.BAD_GATEWAY, service + " failed (HTTP " + upstream.getStatus() + ")");
        } catch (ProcessingException e) {
            return ErrorBody.response(Response.Status.SERVICE_UNAVAILABLE, service + " is unavailable: "
                    + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()));
        }
    }
}
