package io.tradingbot.gateway.rest;

import io.tradingbot.kafka.testkit.KafkaBrokerResource;
import io.tradingbot.simulator.testkit.ServiceProcess;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A real broker and the packaged risk-service as a process of its own on it; the gateway under test points at both. */
public class RiskServiceBehindGateway extends KafkaBrokerResource {
    private ServiceProcess risk;

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        risk = ServiceProcess.start("risk-service", "risk.jar",
                Map.of("KAFKA_BOOTSTRAP_SERVERS", broker().bootstrapServers()), List.of());
        config.put("gateway.services.risk", risk.baseUrl());
        return config;
    }

    @Override
    public void stop() {
        if (risk != null) {
            risk.close();
        }
        super.stop();
    }
}
