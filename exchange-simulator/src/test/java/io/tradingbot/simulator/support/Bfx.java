package io.tradingbot.simulator.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.DeserializationFeature;
import io.restassured.RestAssured;
import io.restassured.response.Response;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static io.restassured.RestAssured.given;

/** Raw-protocol helpers for tests: signing as a Bitfinex client does, admin calls, JSON parsing. */
public final class Bfx {
    public static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final AtomicLong NONCE = new AtomicLong(System.currentTimeMillis() * 1000);

    private Bfx() {
    }

    public record Creds(String name, String key, String secret) {
    }

    public static long nonce() {
        return NONCE.incrementAndGet();
    }

    public static String hmac(String secret, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA384");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA384"));
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** POST /v2/{path} signed over "/api/v2/" + path + nonce + body, like bitfinex-api-node. */
    public static Response auth(Creds c, String path, String body) {
        String nonce = Long.toString(nonce());
        return given().contentType("application/json")
                .header("bfx-nonce", nonce).header("bfx-apikey", c.key())
                .header("bfx-signature", hmac(c.secret(), "/api/v2/" + path + nonce + body))
                .body(body).post("/v2/" + path);
    }

    /** An authenticated call that must succeed; returns the parsed body. */
    public static JsonNode ok(Creds c, String path, String body) {
        Response r = auth(c, path, body);
        if (r.statusCode() != 200) {
            throw new AssertionError(path + " -> " + r.statusCode() + " " + r.asString());
        }
        return parse(r.asString());
    }

    public static JsonNode parse(String s) {
        try {
            return JSON.readTree(s);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + s, e);
        }
    }

    public static Creds account(List<String> permissions, String... wallets) {
        String name = "t" + UUID.randomUUID().toString().substring(0, 8);
        StringBuilder ws = new StringBuilder();
        for (String w : wallets) {
            String[] p = w.split(":");
            if (!ws.isEmpty()) {
                ws.append(',');
            }
            ws.append("{\"type\":\"").append(p[0]).append("\",\"currency\":\"").append(p[1])
                    .append("\",\"balance\":\"").append(p[2]).append("\"}");
        }
        String perms = String.join("\",\"", permissions);
        String body = "{\"name\":\"" + name + "\",\"permissions\":[\"" + perms + "\"],\"wallets\":[" + ws + "]}";
        Response r = given().contentType("application/json").body(body).post("/sim/accounts");
        if (r.statusCode() != 201) {
            throw new AssertionError("create account: " + r.statusCode() + " " + r.asString());
        }
        JsonNode j = parse(r.asString());
        return new Creds(name, j.get("api_key").asText(), j.get("api_secret").asText());
    }

    public static Creds trader(String... wallets) {
        return account(List.of("read", "write"), wallets);
    }

    public static void setPrice(String symbol, String price) {
        given().contentType("application/json").body(Map.of("price", price))
                .put("/sim/market/" + symbol + "/price").then().statusCode(200);
    }

    public static void advance(long millis) {
        given().contentType("application/json").body(Map.of("millis", millis))
                .post("/sim/clock/advance").then().statusCode(200);
    }

    public static JsonNode view(Creds c) {
        return parse(RestAssured.get("/sim/accounts/" + c.name()).asString());
    }

    public static JsonNode wallet(Creds c, String type, String currency) {
        for (JsonNode w : view(c).get("wallets")) {
            if (w.get("type").asText().equals(type) && w.get("currency").asText().equals(currency)) {
                return w;
            }
        }
        throw new AssertionError("no wallet " + type + " " + currency);
    }

    public static String order(String type, String symbol, String amount, String price, String extra) {
        StringBuilder b = new StringBuilder("{\"type\":\"").append(type).append("\",\"symbol\":\"").append(symbol)
                .append("\",\"amount\":\"").append(amount).append('"');
        if (price != null) {
            b.append(",\"price\":\"").append(price).append('"');
        }
        if (extra != null) {
            b.append(',').append(extra);
        }
        return b.append('}').toString();
    }
}
