package io.tradingbot.simulator.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.util.Collection;

/**
 * Bitfinex's wire form: positional JSON arrays with explicit nulls, numbers as JSON numbers in plain notation.
 * Reading keeps decimals exact (no double in between).
 */
public final class WireJson {
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private WireJson() {
    }

    /** A positional array; null, numbers, strings, booleans, nodes and collections (as nested arrays). */
    public static ArrayNode array(Object... values) {
        ArrayNode a = F.arrayNode();
        for (Object v : values) {
            add(a, v);
        }
        return a;
    }

    public static void add(ArrayNode a, Object v) {
        switch (v) {
            case null -> a.addNull();
            case BigDecimal d -> a.add(Prices.strip(d));
            case Long l -> a.add(l);
            case Integer i -> a.add(i);
            case String s -> a.add(s);
            case Boolean b -> a.add(b);
            case Double d -> a.add(Prices.strip(BigDecimal.valueOf(d)));
            case JsonNode n -> a.add(n);
            case Collection<?> c -> {
                ArrayNode inner = a.addArray();
                c.forEach(x -> add(inner, x));
            }
            default -> throw new IllegalArgumentException("not a wire value: " + v.getClass());
        }
    }

    public static ObjectNode object() {
        return F.objectNode();
    }

    public static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** ["error", code, text], Bitfinex's REST error body. */
    public static String error(int code, String text) {
        return write(array("error", code, text));
    }

    /** Parses JSON text, or returns null when it is not valid JSON. */
    public static JsonNode parse(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
