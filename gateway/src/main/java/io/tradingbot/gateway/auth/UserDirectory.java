package io.tradingbot.gateway.auth;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.tradingbot.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Who may log in: the configured users (bcrypt hashes only) and, when {@code TRADINGBOT_ADMIN_PASSWORD} is set, {@code admin}
 * with both roles. Passwords are checked in constant work whether the user exists or not, so timing tells nothing.
 */
@ApplicationScoped
public class UserDirectory {
    private static final Logger LOG = Logger.getLogger(UserDirectory.class);
    private static final String NOBODY = BcryptUtil.bcryptHash("not a password anyone has");

    private final Map<String, Account> accounts = new HashMap<>();

    public record Account(String name, String passwordHash, Set<String> roles) {
    }

    public UserDirectory(GatewayConfig config) {
        config.auth().users().forEach((name, user) -> {
            if (!user.passwordHash().startsWith("$2")) {
                throw new IllegalStateException("gateway.auth.users." + name
                        + ".password-hash must be a bcrypt hash ($2a$...), never a plain password");
            }
            accounts.put(name, new Account(name, user.passwordHash(), roles(user.roles())));
        });
        config.auth().adminPassword().filter(p -> !p.isBlank()).ifPresent(password ->
                accounts.put("admin", new Account("admin", BcryptUtil.bcryptHash(password),
                        Set.of(Roles.TRADER, Roles.VIEWER))));
        if (accounts.isEmpty() && config.auth().required()) {
            LOG.warn("No users are configured: nobody can get a token. Set TRADINGBOT_ADMIN_PASSWORD or "
                    + "gateway.auth.users.<name>.password-hash");
        }
    }

    /** The account when the password is right. */
    public Optional<Account> authenticate(String name, String password) {
        Account account = name == null ? null : accounts.get(name);
        boolean matches = BcryptUtil.matches(password == null ? "" : password,
                account == null ? NOBODY : account.passwordHash());
        return account != null && matches ? Optional.of(account) : Optional.empty();
    }

    /** A trader can do what a viewer can. */
    private static Set<String> roles(List<String> configured) {
        Set<String> roles = new LinkedHashSet<>();
        for (String role : configured) {
            if (!role.equals(Roles.VIEWER) && !role.equals(Roles.TRADER)) {
                throw new IllegalStateException("Unknown role '" + role + "'; roles are viewer and trader");
            }
            roles.add(role);
        }
        if (roles.contains(Roles.TRADER)) {
            roles.add(Roles.VIEWER);
        }
        return Set.copyOf(roles);
    }
}
