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
            Integer status = faults.consumeHttpFault(ctx.request().path());
            if (status == null) {
                ctx.next();
                return;
            }
            String body = status == 429 ? WireJson.error(11010, "ratelimit: error")
                    : WireJson.error(10000, "unknown error");
            ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body);
        });
    }
}
