package io.tradingbot.gateway.auth;

import org.eclipse.microprofile.config.spi.ConfigSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

/**
 * The token signing keys of a local run: an RSA key pair made for this process when first asked for, written to
 * owner-only files in a temporary folder, and offered as {@code smallrye.jwt.sign.key.location} /
 * {@code mp.jwt.verify.publickey.location} at the lowest priority. Production sets both locations (a Kubernetes Secret
 * mount, or {@code SMALLRYE_JWT_SIGN_KEY_LOCATION} and {@code MP_JWT_VERIFY_PUBLICKEY_LOCATION}), which win; then no key
 * is made. Tokens signed with generated keys end with the process.
 */
public class GeneratedSigningKeys implements ConfigSource {
    public static final String MARKER = "tradingbot-generated-jwt-";
    private static final String SIGN_KEY = "smallrye.jwt.sign.key.location";
    private static final String VERIFY_KEY = "mp.jwt.verify.publickey.location";
    private static final Set<String> NAMES = Set.of(SIGN_KEY, VERIFY_KEY);

    // Made on first read only: where the locations are configured this source is never asked, and an RSA key pair costs
    // 150 ms of the start's main thread (and would leave an unused private key on disk).
    private Map<String, String> properties;

    private synchronized Map<String, String> properties() {
        if (properties == null) {
            properties = generate();
        }
        return properties;
    }

    private static Map<String, String> generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Path dir = Files.createTempDirectory(MARKER, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
            // deleted at exit in the reverse order of registration: the folder last, once it is empty
            dir.toFile().deleteOnExit();
            Path privateKey = write(dir.resolve("private.pem"), "PRIVATE KEY", pair.getPrivate().getEncoded());
            privateKey.toFile().deleteOnExit();
            Path publicKey = write(dir.resolve("public.pem"), "PUBLIC KEY", pair.getPublic().getEncoded());
            publicKey.toFile().deleteOnExit();
            return Map.of(SIGN_KEY, privateKey.toUri().toString(), VERIFY_KEY, publicKey.toUri().toString());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("This JVM cannot make RSA keys", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the generated token signing keys", e);
        }
    }

    private static Path write(Path file, String type, byte[] der) throws IOException {
        String pem = "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
        Files.writeString(file, pem, StandardCharsets.US_ASCII);
        Files.setPosixFilePermissions(file, Set.of(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                java.nio.file.attribute.PosixFilePermission.OWNER_WRITE));
        return file;
    }

    @Override
    public Map<String, String> getProperties() {
        return properties();
    }

    @Override
    public Set<String> getPropertyNames() {
        return NAMES;
    }

    @Override
    public String getValue(String propertyName) {
        return NAMES.contains(propertyName) ? properties().get(propertyName) : null;
    }

    @Override
    public String getName() {
        return "generated token signing keys";
    }

    @Override
    public int getOrdinal() {
        return 1; // below every other source: any configured key wins
    }
}
