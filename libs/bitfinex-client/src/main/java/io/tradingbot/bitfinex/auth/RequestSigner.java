package io.tradingbot.bitfinex.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Bitfinex v2 signatures: HMAC-SHA384 keyed with the API secret, lowercase hex. REST signs
 * {@code "/api/v2/" + path + nonce + body}; WebSocket auth signs {@code "AUTH" + nonce}.
 */
public final class RequestSigner {

    private static final String ALGORITHM = "HmacSHA384";

    private final SecretKeySpec key;

    public RequestSigner(String apiSecret) {
        this.key = new SecretKeySpec(apiSecret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    /**
     * @param path the path after {@code /v2/}, e.g. {@code auth/r/wallets}
     * @param body the exact body sent
     */
    public String signRest(String path, long nonce, String body) {
        return hmac("/api/v2/" + path + nonce + body);
    }

    /** The WebSocket auth payload for a nonce. */
    public static String authPayload(long nonce) {
        return "AUTH" + nonce;
    }

    public String hmac(String message) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA384 unavailable", e);
        }
    }

    @Override
    public String toString() {
        return "RequestSigner[***]";
    }
}
