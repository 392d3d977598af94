package io.tradingbot.simulator.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.tradingbot.simulator.engine.Account;
import io.tradingbot.simulator.engine.ApiKey;
import io.tradingbot.simulator.engine.Exchange;
import io.tradingbot.simulator.engine.ExchangeException;
import io.tradingbot.simulator.engine.WireJson;
import io.tradingbot.simulator.service.ExchangeService;
import io.tradingbot.simulator.service.Faults;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.logging.Logger;

import java.io.ByteArrayOutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Bitfinex authenticated REST (POST /v2/auth/...). The signature is checked over the exact bytes received:
 * {@code "/api/v2/" + path + nonce + body}; the body is parsed only afterwards.
 */
@Path("/v2/auth")
@Produces(MediaType.APPLICATION_JSON)
public class AuthResource {
    private static final Logger LOG = Logger.getLogger(AuthResource.class);
    private static final Pattern ORDER_TRADES = Pattern.compile("r/order/(t[^/]+):(\\d+)/trades");
    private static final Pattern ORDERS = Pattern.compile("r/orders(?:/(t[^/]+))?(/hist)?");
    private static final Pattern TRADES = Pattern.compile("r/trades(?:/(t[^/]+))?/hist");
    private static final Pattern MARGIN = Pattern.compile("r/info/margin/([^/]+)");
    private static final Set<String> FIXED = Set.of("r/wallets", "r/positions", "r/permissions", "r/info/user",
            "w/order/submit", "w/order/update", "w/order/cancel", "w/order/cancel/multi", "w/order/multi");

    private final ExchangeService service;
    private final Faults faults;
    private final MeterRegistry metrics;

    public AuthResource(ExchangeService service, Faults faults, MeterRegistry metrics) {
        this.service = service;
        this.faults = faults;
        this.metrics = metrics;
    }

    @POST
    @Path("{path: .+}")
    @Consumes(MediaType.WILDCARD)
    @Operation(hidden = true)
    public Response call(@PathParam("path") String path, byte[] body, @Context HttpHeaders headers,
                         @Context HttpServerRequest request) {
        if (!known(path)) {
            return Response.status(404).type(MediaType.TEXT_PLAIN).entity("Cannot POST /v2/auth/" + path).build();
        }
        // By endpoint, as Bitfinex's rate limits go: what a bot costs in requests is learned on paper.
        metrics.counter("sim.auth.requests", "endpoint", endpoint(path)).increment();
        faults.delay();
        Exchange ex = service.exchange();
        byte[] raw = body == null ? new byte[0] : body;
        String nonce = headers.getHeaderString("bfx-nonce");
        try {
            ApiKey key = ex.authenticate(headers.getHeaderString("bfx-apikey"), nonce,
                    headers.getHeaderString("bfx-signature"), signedMessages(request.path(), path, nonce, raw), false);
            String text = new String(raw, StandardCharsets.UTF_8).trim();
            JsonNode json = text.isEmpty() ? WireJson.object() : WireJson.parse(text);
            if (json == null) {
                throw ExchangeException.invalid("json");
            }
            if (!key.can(path.startsWith("w/") ? "write" : "read")) {
                throw new ExchangeException(10100, "apikey: invalid permission");
            }
            return Response.ok(WireJson.write(route(ex, key, path, json)), MediaType.APPLICATION_JSON).build();
        } catch (ExchangeException e) {
            return PublicResource.error(e.code(), e.text());
        } catch (RuntimeException e) {
            LOG.error("auth request failed: " + path, e);
            return PublicResource.error(10000, "unknown error");
        }
    }

    /** Authenticated endpoints are POST only; like Bitfinex, anything else is simply not found. */
    @GET
    @Path("{path: .+}")
    @Operation(hidden = true)
    public Response notFound(@PathParam("path") String path) {
        return Response.status(404).type(MediaType.TEXT_PLAIN).entity("Cannot GET /v2/auth/" + path).build();
    }

    /** The endpoint a known path is a request of, its symbol and ids as placeholders: {@code r/orders/{symbol}/hist}. */
    static String endpoint(String path) {
        if (FIXED.contains(path)) {
            return path;
        }
        if (ORDER_TRADES.matcher(path).matches()) {
            return "r/order/{symbol}:{id}/trades";
        }
        Matcher orders = ORDERS.matcher(path);
        if (orders.matches()) {
            return "r/orders" + (orders.group(1) == null ? "" : "/{symbol}") + (orders.group(2) == null ? "" : "/hist");
        }
        Matcher trades = TRADES.matcher(path);
        if (trades.matches()) {
            return "r/trades" + (trades.group(1) == null ? "" : "/{symbol}") + "/hist";
        }
        return "r/info/margin/{key}";
    }

    private static boolean known(String path) {
        return FIXED.contains(path) || ORDER_TRADES.matcher(path).matches() || ORDERS.matcher(path).matches()
                || TRADES.matcher(path).matches() || MARGIN.matcher(path).matches();
    }

    /**
     * The messages a client may have signed: the raw request path (as sent, e.g. with %3A) and its decoded form
     * — clients differ in which one they sign for symbols with a colon.
     */
    private static List<byte[]> signedMessages(String rawPath, String decodedSubPath, String nonce, byte[] body) {
        List<byte[]> out = new ArrayList<>();
        Set<String> paths = new HashSet<>();
        paths.add("/api/v2/auth/" + decodedSubPath);
        if (rawPath != null && rawPath.startsWith("/v2/")) {
            paths.add("/api" + rawPath);
            paths.add("/api" + URLDecoder.decode(rawPath, StandardCharsets.UTF_8));
        }
        for (String p : paths) {
            ByteArrayOutputStream msg = new ByteArrayOutputStream();
            msg.writeBytes((p + (nonce == null ? "" : nonce)).getBytes(StandardCharsets.UTF_8));
            msg.writeBytes(body);
            out.add(msg.toByteArray());
        }
        return out;
    }

    private static JsonNode route(Exchange ex, ApiKey key, String path, JsonNode body) {
        Account a = key.account();
        switch (path) {
            case "r/wallets":
                return ex.wallets(a, true);
            case "r/positions":
                return ex.positions(a);
            case "r/permissions": {
                ArrayNode out = WireJson.array();
                for (String scope : List.of("account", "history", "orders", "positions", "funding", "settings",
                        "wallets", "withdraw")) {
                    boolean write = key.can("write") && (scope.equals("orders") || scope.equals("positions"));
                    out.add(WireJson.array(scope, scope.equals("withdraw") ? 0 : 1, write ? 1 : 0));
                }
                return out;
            }
            case "r/info/user":
                return WireJson.array(a.userId(), a.name() + "@paper.local", a.name(), null, null, null, null, null);
            case "w/order/submit":
                return ex.submit(a, body).notification(false);
            case "w/order/update":
                return ex.updateOrder(a, body);
            case "w/order/cancel":
                return ex.cancelOrder(a, body);
            case "w/order/cancel/multi":
                return ex.cancelMulti(a, body);
            case "w/order/multi":
                return multi(ex, a, body);
            default:
                break;
        }
        Matcher m = MARGIN.matcher(path);
        if (m.matches()) {
            return switch (m.group(1)) {
                case "base" -> ex.marginBase(a);
                case "sym_all" -> ex.marginSymAll(a);
                default -> ex.marginSym(a, m.group(1));
            };
        }
        m = ORDER_TRADES.matcher(path);
        if (m.matches()) {
            ex.market(m.group(1));
            return ex.orderTrades(a, m.group(1), Long.parseLong(m.group(2)));
        }
        m = ORDERS.matcher(path);
        if (m.matches()) {
            String symbol = m.group(1);
            if (symbol != null) {
                ex.market(symbol);
            }
            Set<Long> ids = ids(body.get("id"));
            if (m.group(2) == null) {
                return ex.activeOrders(a, symbol, ids);
            }
            return ex.orderHistory(a, symbol, optLong(body, "start"), optLong(body, "end"),
                    (int) Math.min(2500, optLong(body, "limit") == null ? 25 : optLong(body, "limit")), ids);
        }
        m = TRADES.matcher(path);
        if (m.matches()) {
            String symbol = m.group(1);
            if (symbol != null) {
                ex.market(symbol);
            }
            Long limit = optLong(body, "limit");
            Long sort = optLong(body, "sort");
            return ex.trades(a, symbol, optLong(body, "start"), optLong(body, "end"),
                    (int) Math.min(2500, limit == null ? 25 : limit), sort != null && sort == 1);
        }
        throw new ExchangeException(10020, "request: invalid");
    }

    /** auth/w/order/multi: {ops:[["on",{..}],["oc",{..}],["oc_multi",{..}],["ou",{..}]]}, one result per op. */
    private static JsonNode multi(Exchange ex, Account a, JsonNode body) {
        JsonNode ops = body.get("ops");
        if (ops == null || !ops.isArray() || ops.size() > 75) {
            throw ExchangeException.invalid("ops");
        }
        ArrayNode results = WireJson.array();
        for (JsonNode op : ops) {
            String type = op.path(0).asText("");
            JsonNode payload = op.path(1);
            try {
                results.add(switch (type) {
                    case "on" -> ex.submit(a, payload).notification(false);
                    case "oc" -> ex.cancelOrder(a, payload);
                    case "oc_multi" -> ex.cancelMulti(a, payload);
                    case "ou" -> ex.updateOrder(a, payload);
                    default -> throw ExchangeException.invalid("op");
                });
            } catch (ExchangeException e) {
                results.add(Exchange.notificationArray(ex.now(), type + "-req", null, "ERROR", e.text()));
            }
        }
        return Exchange.notificationArray(ex.now(), "ox_multi-req", results, "SUCCESS",
                "Submitting " + ops.size() + " operations.");
    }

    private static Long optLong(JsonNode body, String field) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (n.canConvertToLong() || n.isTextual() && n.asText().matches("-?\\d+")) {
            return n.asLong();
        }
        throw ExchangeException.invalid(field);
    }

    private static Set<Long> ids(JsonNode list) {
        Set<Long> out = new HashSet<>();
        if (list != null && list.isArray()) {
            list.forEach(n -> out.add(n.asLong()));
        }
        return out;
    }
}
