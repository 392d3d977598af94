package io.tradingbot.order.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.StartupEvent;
import io.tradingbot.bitfinex.auth.NonceGenerator;
import io.tradingbot.bitfinex.auth.RequestSigner;
import io.tradingbot.bitfinex.config.BitfinexClientConfig;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * Refuses to start when this process's API key cannot write orders: better a clear message at start than every verdict
 * failing later. Reads {@code auth/r/permissions} ({@code [[SCOPE, READ, WRITE], ...]}); the bitfinex-client has no call
 * for it, so it is signed here with the client's own signer and the key's JVM-wide nonce generator.
 */
@ApplicationScoped
public class KeyPermissions {
    private static final Logger LOG = Logger.getLogger(KeyPermissions.class);
    static final String PATH = "auth/r/permissions";
    private static final java.time.Duration START_TIMEOUT = java.time.Duration.ofSeconds(15);

    private final BitfinexClientConfig client;
    private final OrderConfig config;

    public KeyPermissions(BitfinexClientConfig client, OrderConfig config) {
        this.client = client;
        this.config = config;
    }

    // Runs before the private stream connects (default priority 2500).
    void onStart(@Observes @Priority(100) StartupEvent event) {
        if (!config.checkPermissions()) {
            LOG.warn("order.check-permissions=false: the API key's permissions are not checked at start");
            return;
        }
        requireOrderWrite();
    }

    /** @throws IllegalStateException naming what is missing when the key cannot read and write orders */
    public void requireOrderWrite() {
        if (!client.hasCredentials()) {
            throw new IllegalStateException("order-service needs an API key: set bitfinex.api-key and bitfinex.api-secret "
                    + "(BITFINEX_API_KEY, BITFINEX_API_SECRET), a key of its own with the 'orders' read and write permission");
        }
        JsonNode permissions = read();
        for (JsonNode row : permissions) {
            if (row.isArray() && "orders".equals(row.path(0).asText())) {
                if (row.path(1).asInt() == 1 && row.path(2).asInt() == 1) {
                    LOG.info("API key has the 'orders' read and write permission");
                    return;
                }
                throw new IllegalStateException("the API key lacks the 'orders' " + (row.path(1).asInt() == 1 ? "write"
                        : "read and write") + " permission that order-service needs to place, update and cancel orders; "
                        + "give this process a key with it (auth/r/permissions answered " + row + ")");
            }
        }
        throw new IllegalStateException("the API key lacks the 'orders' permission (auth/r/permissions lists no 'orders' "
                + "scope); order-service needs 'orders' read and write");
    }

    private JsonNode read() {
        String body = "{}";
        long nonce = NonceGenerator.forKey(client.apiKey()).next();
        String base = client.authRestUrl().toString().replaceAll("/+$", "");
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/v2/" + PATH))
                // A cold exchange (or simulator) may be slow to its first answer; start-up can wait a little.
                .timeout(client.requestTimeout().compareTo(START_TIMEOUT) > 0 ? client.requestTimeout() : START_TIMEOUT)
                .header("Content-Type", "application/json")
                .header("bfx-nonce", Long.toString(nonce))
                .header("bfx-apikey", client.apiKey())
                .header("bfx-signature", new RequestSigner(client.apiSecret()).signRest(PATH, nonce, body))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(client.connectTimeout()).build()) {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode node = new ObjectMapper().readTree(response.body());
            if (response.statusCode() != 200 || node == null || !node.isArray()
                    || node.size() > 0 && "error".equals(node.path(0).asText())) {
                throw new IllegalStateException("the API key was refused when order-service read its permissions ("
                        + PATH + " answered HTTP " + response.statusCode() + ": " + response.body() + ")");
            }
            return node;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the API key's permissions from " + base + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the API key's permissions", e);
        }
    }
}
