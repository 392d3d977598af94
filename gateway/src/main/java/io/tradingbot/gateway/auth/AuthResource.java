package io.tradingbot.gateway.auth;

import io.smallrye.jwt.build.Jwt;
import io.tradingbot.gateway.config.GatewayConfig;
import io.tradingbot.support.rest.ErrorBody;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.logging.Logger;

import java.time.Duration;

@Path("/api/v2/auth")
@Produces(MediaType.APPLICATION_JSON)
public class AuthResource {
    private static final Logger LOG = Logger.getLogger(AuthResource.class);

    private final UserDirectory users;
    private final LoginThrottle throttle;
    private final GatewayConfig config;

    public AuthResource(UserDirectory users, LoginThrottle throttle, GatewayConfig config) {
        this.users = users;
        this.throttle = throttle;
        this.config = config;
    }

    @POST
    @Path("/ws-token")
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Get a token", description = "A signed JWT (RS256) with the user's roles, for the REST API "
            + "(Authorization: Bearer) and the WebSocket (the same header, or ?token=).")
    @APIResponse(responseCode = "200", description = "{token, token_type: Bearer, expires_in}")
    @APIResponse(responseCode = "401", description = "Unknown user or wrong password")
    @APIResponse(responseCode = "429", description = "Too many failed logins from this client; Retry-After says when")
    public Response token(TokenRequest request, RoutingContext http) {
        String client = http.request().remoteAddress() == null ? "unknown" : http.request().remoteAddress().hostAddress();
        var blocked = throttle.blockedFor(client);
        if (blocked.isPresent()) {
            long seconds = Math.max(1, blocked.get().toSeconds());
            return Response.fromResponse(ErrorBody.response(Response.Status.TOO_MANY_REQUESTS,
                    "too many failed logins from this client; try again in " + seconds + " s"))
                    .header("Retry-After", seconds).build();
        }
        if (request == null || request.username() == null || request.password() == null) {
            throw new IllegalArgumentException("the body must hold a username and a password");
        }
        var account = users.authenticate(request.username(), request.password());
        if (account.isEmpty()) {
            throttle.failed(client);
            LOG.warnf("Failed login for '%s' from %s", request.username(), client);
            return ErrorBody.response(Response.Status.UNAUTHORIZED, "unknown user or wrong password");
        }
        throttle.succeeded(client);
        Duration ttl = config.auth().tokenTtl();
        String token = Jwt.issuer(config.auth().issuer())
                .subject(account.get().name())
                .upn(account.get().name())
                .groups(account.get().roles())
                .expiresIn(ttl)
                .sign();
        return Response.ok(new TokenResponse(token, "Bearer", ttl.toSeconds())).build();
    }
}
