package io.tradingbot.support.rest;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.stream.Collectors;

/**
 * Bad input is the caller's to fix: a 400 whose message says what to change (the field, the value), for every service.
 * An {@link IllegalArgumentException} from validation, an event record refusing an invalid field, malformed JSON.
 */
public class BadInputMappers {

    @ServerExceptionMapper
    public Response invalidArgument(IllegalArgumentException e) {
        return ErrorBody.response(Response.Status.BAD_REQUEST, e.getMessage());
    }

    @ServerExceptionMapper
    public Response invalidJson(JsonProcessingException e) {
        return ErrorBody.response(Response.Status.BAD_REQUEST, describe(e));
    }

    // Quarkus maps these more specific types itself, with an empty body outside dev mode; these say what was wrong.
    @ServerExceptionMapper
    public Response mistypedField(MismatchedInputException e) {
        return ErrorBody.response(Response.Status.BAD_REQUEST, describe(e));
    }

    @ServerExceptionMapper
    public Response refusedField(ValueInstantiationException e) {
        return ErrorBody.response(Response.Status.BAD_REQUEST, describe(e));
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonParseException e) {
        return ErrorBody.response(Response.Status.BAD_REQUEST, describe(e));
    }

    /** Quarkus answers a body it cannot parse with a bare 400; give it words. */
    @ServerExceptionMapper
    public Response bareBadRequest(WebApplicationException e) {
        Response response = e.getResponse();
        if (response.getStatus() != 400 || response.hasEntity()) {
            return response;
        }
        String detail = e.getCause() instanceof JsonProcessingException json ? describe(json)
                : "the request body could not be read" + (e.getCause() != null ? ": " + e.getCause().getMessage() : "");
        return ErrorBody.response(Response.Status.BAD_REQUEST, detail);
    }

    static String describe(JsonProcessingException e) {
        if (e instanceof ValueInstantiationException vie && vie.getCause() != null) {
            return vie.getCause().getMessage();
        }
        if (e instanceof JsonMappingException jme && !jme.getPath().isEmpty()) {
            String path = jme.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining("."));
            return "field '" + path + "': " + jme.getOriginalMessage();
        }
        return "malformed JSON: " + e.getOriginalMessage();
    }
}
