package io.tradingbot.gateway.auth;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.tradingbot.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

/**
 * {@code AUTH_REQUIRED=false}: a caller without a token is a local user with both roles, so every endpoint is open for
 * local development. Tokens that are sent are still checked. Said loudly at start, because it must never reach production.
 */
@ApplicationScoped
public class LocalAccess implements SecurityIdentityAugmentor {
    private static final Logger LOG = Logger.getLogger(LocalAccess.class);

    private final boolean open;

    public LocalAccess(GatewayConfig config) {
        this.open = !config.auth().required();
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (!open || !identity.isAnonymous()) {
            return Uni.createFrom().item(identity);
        }
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal("local"))
                .addRole(Roles.VIEWER)
                .addRole(Roles.TRADER)
                .build());
    }

    void onStart(@Observes StartupEvent event) {
        if (open) {
            LOG.warn("""

                    ************************************************************************
                    *  AUTH_REQUIRED=false: THE GATEWAY IS OPEN. Anyone who can reach it   *
                    *  can read the account and place orders. Local development only.      *
                    ************************************************************************""");
        }
        String location = ConfigProvider.getConfig().getOptionalValue("smallrye.jwt.sign.key.location", String.class)
                .orElse("");
        if (location.contains(GeneratedSigningKeys.MARKER)) {
            LOG.warn("Token signing keys were generated for this run: tokens end with the process. Production mounts "
                    + "keys (SMALLRYE_JWT_SIGN_KEY_LOCATION, MP_JWT_VERIFY_PUBLICKEY_LOCATION).");
        }
    }
}
