package io.tradingbot.order.support;

import io.tradingbot.order.service.OrderSubmitting;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Makes the simulator slow (its {@code /sim/faults/latency}) at the moment one chosen verdict's submit leaves, after its
 * cid look-up: the submit then times out while the exchange still takes the order.
 */
@ApplicationScoped
public class SubmitLatency {
    private final AtomicLong armedCid = new AtomicLong(-1);
    private volatile String simulatorUrl;
    private volatile long millis;

    public void arm(long cid, String simulatorUrl, long millis) {
        this.simulatorUrl = simulatorUrl;
        this.millis = millis;
        armedCid.set(cid);
    }

    void onSubmit(@Observes OrderSubmitting submitting) throws Exception {
        if (armedCid.compareAndSet(submitting.cid(), -1)) {
            try (HttpClient http = HttpClient.newHttpClient()) {
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(simulatorUrl + "/sim/faults/latency"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"millis\":" + millis + "}")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() / 100 != 2) {
                    throw new IllegalStateException("latency fault refused: " + answer.body());
                }
            }
        }
    }
}
