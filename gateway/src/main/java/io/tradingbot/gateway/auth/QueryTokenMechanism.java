package io.tradingbot.gateway.auth;

import io.quarkus.smallrye.jwt.runtime.auth.JsonWebTokenCredential;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Set;

/**
 * {@code ?token=} on the WebSocket handshake, for browsers, which cannot set an Authorization header on one. Only on the
 * WebSocket path and only without a header: everywhere else a token in a URL would end up in access logs.
 */
@ApplicationScoped
@Priority(2000)
public class QueryTokenMechanism implements HttpAuthenticationMechanism {
    static final String WS_PATH = "/api/v2/ws";

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        String token = context.request().getParam("token");
        if (token == null || !WS_PATH.equals(context.normalizedPath())
                || context.request().getHeader("Authorization") != null) {
            return Uni.createFrom().optional(java.util.Optional.empty());
        }
        return identities.authenticate(new TokenAuthenticationRequest(new JsonWebTokenCredential(token)));
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", "Bearer"));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(TokenAuthenticationRequest.class);
    }
}
