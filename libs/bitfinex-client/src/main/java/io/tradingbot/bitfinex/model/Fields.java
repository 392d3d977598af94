package io.tradingbot.bitfinex.model;

import java.math.BigDecimal;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads Bitfinex's positional arrays leniently: a missing index (short array) or JSON null gives null, so records
 * decode both older shorter frames and newer longer ones.
 */
final class Fields {

    private Fields() {
    }

    static JsonNode at(JsonNode array, int index) {
        if (array == null || !array.isArray() || index >= array.size()) {
            return null;
        }
        JsonNode node = array.get(index);
        return node == null || node.isNull() || node.isMissingNode() ? null : node;
    }

    static BigDecimal decimal(JsonNode array, int index) {
        JsonNode node = at(array, index);
        if (node == null) {
            return null;
        }
        if (node.isNumber()) {
            return node.decimalValue();
        }
        String text = node.asText().trim();
        return text.isEmpty() ? null : new BigDecimal(text);
    }

    static Long int64(JsonNode array, int index) {
        JsonNode node = at(array, index);
        if (node == null) {
            return null;
        }
        if (node.isIntegralNumber()) {
            return node.longValue();
        }
        if (node.isNumber()) {
            return node.decimalValue().longValue();
        }
        String text = node.asText().trim();
        return text.isEmpty() ? null : new BigDecimal(text).longValue();
    }

    static Integer int32(JsonNode array, int index) {
        Long value = int64(array, index);
        return value == null ? null : value.intValue();
    }

    static String text(JsonNode array, int index) {
        JsonNode node = at(array, index);
        return node == null ? null : node.asText();
    }

    static boolean flag(JsonNode array, int index) {
        Long value = int64(array, index);
        return value != null && value != 0;
    }

    static JsonNode requireArray(JsonNode node, String what) {
        if (node == null || !node.isArray()) {
            throw new IllegalArgumentException(what + " must be a JSON array, got " + node);
        }
        return node;
    }
}
