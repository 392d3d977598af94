package io.tradingbot.simulator.service;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.tradingbot.simulator.ws.Publisher;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;

/** Simulator metrics at /q/metrics: orders, fills, open sockets, platform status. */
@Startup
@ApplicationScoped
public class SimMetrics {
    private final MeterRegistry registry;
    private final ExchangeService service;
    private final Publisher publisher;

    public SimMetrics(MeterRegistry registry, ExchangeService service, Publisher publisher) {
        this.registry = registry;
        this.service = service;
        this.publisher = publisher;
    }

    @PostConstruct
    void register() {
        FunctionCounter.builder("sim.orders.accepted", service, s -> s.exchange().acceptedOrders())
                .description("Orders accepted since the last reset").register(registry);
        FunctionCounter.builder("sim.orders.rejected", service, s -> s.exchange().rejectedOrders())
                .description("Order submits refused since the last reset").register(registry);
        FunctionCounter.builder("sim.fills", service, s -> s.exchange().fills())
                .description("Executions of account orders since the last reset").register(registry);
        Gauge.builder("sim.ws.connections", publisher, Publisher::openSockets)
                .description("Open /ws/2 connections").register(registry);
        Gauge.builder("sim.platform.status", service, s -> s.exchange().maintenance() ? 0 : 1)
                .description("1 operative, 0 maintenance").register(registry);
    }
}
