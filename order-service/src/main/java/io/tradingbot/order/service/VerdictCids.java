package io.tradingbot.order.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The client order ids (cid) of a verdict's orders, derived from the verdict id alone: a redelivered verdict, or one
 * processed again after a restart, yields the same cid, so the order it already became is found by cid instead of being
 * placed twice. Bitfinex takes a cid below 2^45: the first 45 bits of SHA-256 of the id (a collision between two
 * verdicts of the same day has odds of about n^2 / 2^46).
 */
public final class VerdictCids {
    private static final long MASK_45 = (1L << 45) - 1;

    private VerdictCids() {
    }

    /** The cid of the entry order of a verdict. */
    public static long entry(String verdictId) {
        return hash(verdictId);
    }

    /** The cid of the OCO exit (take profit with the stop loss as its twin) placed once the entry has filled. */
    public static long exit(String verdictId) {
        return hash(verdictId + "#exit");
    }

    static long hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            long value = 0;
            for (int i = 0; i < 8; i++) {
                value = (value << 8) | (digest[i] & 0xFF);
            }
            long cid = value & MASK_45;
            return cid == 0 ? 1 : cid;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
