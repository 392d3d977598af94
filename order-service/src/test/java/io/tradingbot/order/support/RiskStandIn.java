package io.tradingbot.order.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * risk-service's {@code GET /risk/verdicts/{id}} over a real socket, answering as risk-service does (200 with the
 * verdict's JSON, 404 with an error body); a test stores the verdicts it wants served with {@code PUT} on the same path.
 * Sets {@code quarkus.rest-client.risk.url}.
 */
public class RiskStandIn implements QuarkusTestResourceLifecycleManager {
    private static final String PREFIX = "/risk/verdicts/";
    private final Map<String, byte[]> verdicts = new ConcurrentHashMap<>();
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext(PREFIX, this::handle);
        server.start();
        return Map.of("quarkus.rest-client.risk.url", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void handle(HttpExchange exchange) throws IOException {
        String id = URLDecoder.decode(exchange.getRequestURI().getRawPath().substring(PREFIX.length()),
                StandardCharsets.UTF_8);
        try (exchange) {
            switch (exchange.getRequestMethod()) {
                case "PUT" -> {
                    verdicts.put(id, exchange.getRequestBody().readAllBytes());
                    reply(exchange, 204, null);
                }
                case "GET" -> {
                    byte[] body = verdicts.get(id);
                    if (body == null) {
                        reply(exchange, 404, ("{\"status\":404,\"error\":\"no recent verdict with id '" + id + "'\"}")
                                .getBytes(StandardCharsets.UTF_8));
                    } else {
                        reply(exchange, 200, body);
                    }
                }
                default -> reply(exchange, 405, null);
            }
        }
    }

    private static void reply(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body == null ? -1 : body.length);
        if (body != null) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
