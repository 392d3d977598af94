package io.tradingbot.localstack;

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

/**
 * The gateway's token signing keys for one run of the stack: an RSA pair the launcher makes while the broker starts,
 * written to owner-only files and handed to the gateway the way a deployment mounts them. Left to itself the gateway
 * makes a pair in its own start (150-350 ms of its main thread), and every gateway of a run its own, so that one
 * refused the tokens of another.
 */
record TokenSigningKeys(Path folder, Path privateKey, Path publicKey) implements AutoCloseable {

    static TokenSigningKeys create() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Path folder = Files.createTempDirectory("tradingbot-stack-jwt-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            return new TokenSigningKeys(folder,
                    writePem(folder.resolve("private.pem"), "PRIVATE KEY", pair.getPrivate().getEncoded()),
                    writePem(folder.resolve("public.pem"), "PUBLIC KEY", pair.getPublic().getEncoded()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("This JVM cannot make RSA keys", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the gateway's token signing keys", e);
        }
    }

    /** The gateway's variables for the two key files, as its Kubernetes deployment sets them for the mounted Secret. */
    Map<String, String> environment() {
        return Map.of("SMALLRYE_JWT_SIGN_KEY_LOCATION", privateKey.toAbsolutePath().toString(),
                "MP_JWT_VERIFY_PUBLICKEY_LOCATION", publicKey.toAbsolutePath().toString());
    }

    /** Deletes the keys: tokens signed with them end with the run. */
    @Override
    public void close() {
        try {
            Files.deleteIfExists(privateKey);
            Files.deleteIfExists(publicKey);
            Files.deleteIfExists(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete the gateway's token signing keys in " + folder, e);
        }
    }

    private static Path writePem(Path file, String type, byte[] der) throws IOException {
        String pem = "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
        return Files.writeString(Files.createFile(file,
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))), pem);
    }
}
