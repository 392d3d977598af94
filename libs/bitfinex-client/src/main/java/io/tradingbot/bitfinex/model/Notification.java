package io.tradingbot.bitfinex.model;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code [MTS, TYPE, MESSAGE_ID, _, DATA, CODE, STATUS, TEXT]}: the answer to every write (REST body and WebSocket
 * {@code n}). MTS is normalised to milliseconds (older frames carried seconds, sometimes fractional).
 */
public record Notification(Long mts, String type, Long messageId, JsonNode data, Integer code, String status, String text,
                           JsonNode raw) {

    private static final BigDecimal SECONDS_BELOW = BigDecimal.valueOf(100_000_000_000L);

    public static Notification fromArray(JsonNode a) {
        Fields.requireArray(a, "notification");
        return new Notification(millis(Fields.at(a, 0)), Fields.text(a, 1), Fields.int64(a, 2), Fields.at(a, 4),
                Fields.int32(a, 5), Fields.text(a, 6), Fields.text(a, 7), a);
    }

    private static Long millis(JsonNode mts) {
        if (mts == null) {
            return null;
        }
        BigDecimal value = mts.isNumber() ? mts.decimalValue() : new BigDecimal(mts.asText());
        // Anything below 10^11 cannot be a millisecond timestamp after 1973: it is seconds.
        return value.compareTo(SECONDS_BELOW) < 0 ? value.movePointRight(3).longValue() : value.longValue();
    }

    public boolean isSuccess() {
        return "SUCCESS".equalsIgnoreCase(status);
    }

    public boolean isError() {
        return "ERROR".equalsIgnoreCase(status) || "FAILURE".equalsIgnoreCase(status);
    }

    /**
     * The orders DATA carries: one flat ORDER ({@code oc-req}, WS {@code on-req}) or an array of ORDERs
     * (REST {@code on-req}, {@code oc_multi-req}). Empty when DATA holds no order.
     */
    public List<Order> orders() {
        List<Order> orders = new ArrayList<>();
        if (data == null || !data.isArray() || data.isEmpty()) {
            return orders;
        }
        if (data.get(0).isArray()) {
            for (JsonNode row : data) {
                if (row.isArray()) {
                    orders.add(Order.fromArray(row));
                }
            }
        } else {
            orders.add(Order.fromArray(data));
        }
        return orders;
    }
}
