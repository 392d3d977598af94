package io.tradingbot.strategy.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import io.tradingbot.events.serde.EventJson;
import jakarta.inject.Singleton;

/** REST speaks the event wire format: a signal reads the same over HTTP as on Kafka (snake_case, decimal strings). */
@Singleton
class JsonConfig implements ObjectMapperCustomizer {
    @Override
    public void customize(ObjectMapper mapper) {
        EventJson.configure(mapper);
    }
}
