package io.tradingbot.support.json;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import io.tradingbot.events.serde.EventJson;
import jakarta.inject.Singleton;

/**
 * REST speaks the event wire format: a record reads the same over HTTP as on Kafka (snake_case, money as decimal strings,
 * ISO-8601 instants), as the seed's API did.
 */
@Singleton
public class EventJsonCustomizer implements ObjectMapperCustomizer {
    @Override
    public void customize(ObjectMapper mapper) {
        EventJson.configure(mapper);
    }
}
