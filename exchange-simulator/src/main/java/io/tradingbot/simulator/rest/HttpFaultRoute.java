package io.tradingbot.simulator.rest;

import io.tradingbot.simulator.engine.WireJson;
import io.tradingbot.simulator.service.Faults;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Answers injected HTTP faults before any resource runs, in Bitfinex's error shape. */
@ApplicationScoped
public class HttpFaultRoute {
    private final Faults faults;

    public HttpFaultRoute(Faults faults) {
        this.faults = faults;
    }

    void install(@Observes Router router) {
        router.route().order(-1000).handler(ctx -> {
            Faults.HttpFault fault = faults.consumeHttpFault(ctx.request().path());
            if (fault == null) {
                ctx.next();
                return;
            }
            // The texts the simulator answers these codes with elsewhere (10100: a key without the permission).
            String text = switch (fault.code()) {
                case 11010 -> "ratelimit: error";
                case 10100 -> "apikey: invalid permission";
                default -> "unknown error";
            };
            ctx.response().setStatusCode(fault.status()).putHeader("Content-Type", "application/json")
                    .end(WireJson.error(fault.code(), text));
        });
    }
}
