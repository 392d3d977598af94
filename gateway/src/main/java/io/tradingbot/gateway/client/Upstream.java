package io.tradingbot.gateway.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.tradingbot.events.serde.EventJson;
import io.tradingbot.support.rest.ErrorBody;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

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

    /** The call's answer, as the gateway's 200. */
    public static Response call(String service, Supplier<?> call) {
        return Response.ok(invoke(service, call)).build();
    }

    /** The call's answer; a refusal or failure becomes a {@link Failure} holding what the user gets. */
    public static <T> T invoke(String service, Supplier<T> call) {
        try {
            return call.get();
        } catch (WebApplicationException e) {
            Response upstream = e.getResponse();
            int status = upstream.getStatus();
            if (status < 500) {
                String body = upstream.hasEntity() ? upstream.readEntity(String.class) : "";
                throw new Failure(status, parse(body, status, service));
            }
            throw failure(Response.Status.BAD_GATEWAY, service + " failed (HTTP " + status + ")");
        } catch (ProcessingException e) {
            throw failure(Response.Status.SERVICE_UNAVAILABLE, service + " is unavailable: "
                    + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()));
        }
    }

    /** A service answered 2xx with something the gateway cannot read: that service failed. */
    public static Failure unreadable(String service, String why) {
        return failure(Response.Status.BAD_GATEWAY, service + " answered unreadably: " + why);
    }

    private static Failure failure(Response.Status status, String message) {
        return new Failure(status.getStatusCode(),
                EventJson.mapper().valueToTree(new ErrorBody(status.getStatusCode(), message)));
    }

    private static JsonNode parse(String body, int status, String service) {
        if (!body.isBlank()) {
            try {
                JsonNode json = EventJson.mapper().readTree(body);
                if (json != null && json.isObject()) {
                    return json;
                }
            } catch (JsonProcessingException e) {
                // not JSON: say what the service said in words below
            }
        }
        String message = body.isBlank() ? service + " refused the request" : service + ": " + body.strip();
        return EventJson.mapper().valueToTree(new ErrorBody(status, message));
    }

    /** What a service answered (or that it did not), handed back to the user as is. */
    public static final class Failure extends RuntimeException {
        private final int status;
        private final transient JsonNode body;

        Failure(int status, JsonNode body) {
            super(body.path("error").asText(), null, false, false);
            this.status = status;
            this.body = body;
        }

        public int status() {
            return status;
        }

        /** The error body: {@code {"status": ..., "error": "..."}} (a service's own fields kept). */
        public JsonNode body() {
            return body;
        }

        public Response response() {
            return Response.status(status).type(MediaType.APPLICATION_JSON).entity(body).build();
        }
    }

    public static final class FailureMapper {
        @ServerExceptionMapper
        public Response map(Failure failure) {
            return failure.response();
        }
    }
}
