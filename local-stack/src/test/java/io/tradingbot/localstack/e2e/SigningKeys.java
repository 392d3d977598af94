package io.tradingbot.localstack.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The gateway's token keys as production mounts them (PEM files named by SMALLRYE_JWT_SIGN_KEY_LOCATION and
 * MP_JWT_VERIFY_PUBLICKEY_LOCATION), so a test can sign the tokens a real attacker or a stale client would present.
 */
final class SigningKeys {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KeyPair pair;
    final Path privateKey;
    final Path publicKey;

    SigningKeys(Path dir) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            pair = generator.generateKeyPair();
            Files.createDirectories(dir);
            privateKey = dir.resolve("token-signing.pem");
            publicKey = dir.resolve("token-verify.pem");
            Files.writeString(privateKey, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            Files.writeString(publicKey, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The gateway's environment for these keys. */
    Map<String, String> environment() {
        return Map.of("SMALLRYE_JWT_SIGN_KEY_LOCATION", privateKey.toString(),
                "MP_JWT_VERIFY_PUBLICKEY_LOCATION", publicKey.toString());
    }

    /** An RS256 token as the gateway issues them, valid from {@code issued} to {@code expires}. */
    String token(String subject, List<String> roles, Instant issued, Instant expires) {
        try {
            String header = encode(JSON.writeValueAsBytes(Map.of("alg", "RS256", "typ", "JWT")));
            String payload = encode(JSON.writeValueAsBytes(Map.of("iss", "tradingbot-gateway", "sub", subject,
                    "upn", subject, "groups", roles, "iat", issued.getEpochSecond(), "exp", expires.getEpochSecond())));
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(pair.getPrivate());
            rsa.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
            return header + "." + payload + "." + encode(rsa.sign());
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
