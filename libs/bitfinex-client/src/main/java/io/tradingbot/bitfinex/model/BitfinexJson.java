package io.tradingbot.bitfinex.model;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;

/**
 * The one ObjectMapper the client parses with: floats become BigDecimal exactly as written on the wire (never through
 * double), trailing zeros kept.
 */
public final class BitfinexJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);

    private BitfinexJson() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
