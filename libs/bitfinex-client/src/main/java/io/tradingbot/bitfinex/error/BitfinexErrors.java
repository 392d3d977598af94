package io.tradingbot.bitfinex.error;

import java.util.Locale;

/** Maps Bitfinex's {@code ["error", CODE, TEXT]} (and the older rate-limit shapes) to the typed exceptions. */
public final class BitfinexErrors {

    private BitfinexErrors() {
    }

    public static BitfinexException of(Integer code, String text, int httpStatus) {
        String msg = text == null ? "" : text;
        String lower = msg.toLowerCase(Locale.ROOT);
        String described = "Bitfinex error" + (code == null ? "" : " " + code) + (httpStatus > 0 ? " (HTTP " + httpStatus + ")" : "") + ": " + msg;
        if (httpStatus == 429 || (code != null && code == 11010) || lower.contains("ratelimit") || lower.contains("err_rate_limit")) {
            return new RateLimitException(described, code, httpStatus);
        }
        if (code != null && code == 10114 || lower.contains("nonce: small") || lower.contains("nonce")) {
            return new NonceTooSmallException(described, code, httpStatus);
        }
        if (code != null && (code == 20060 || code == 11000) || lower.contains("maintenance")) {
            return new MaintenanceException(described, code, httpStatus);
        }
        if (code != null && (code == 10100 || code == 10111 || code == 10112 || code == 10113 || code == 10200)
                || lower.startsWith("apikey") || lower.contains("permission")) {
            return new AuthenticationException(described, code, httpStatus);
        }
        if (lower.contains("symbol")) {
            return new InvalidSymbolException(described, code, httpStatus);
        }
        if (lower.contains("insufficient") || lower.contains("balance") || lower.contains("not enough")) {
            return new InsufficientBalanceException(described, code, httpStatus);
        }
        if (lower.contains("amount") || lower.contains("minimum size") || lower.contains("maximum size")) {
            return new InvalidAmountException(described, code, httpStatus);
        }
        if (httpStatus >= 500 && (code == null || code == 10000)) {
            return new ServerErrorException(described, code, httpStatus);
        }
        return new BitfinexException(described, code, httpStatus);
    }
}
