package io.tradingbot.bitfinex.rest;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.tradingbot.bitfinex.auth.NonceGenerator;
import io.tradingbot.bitfinex.auth.RequestSigner;
import io.tradingbot.bitfinex.config.BitfinexClientConfig;
import io.tradingbot.bitfinex.error.BitfinexErrors;
import io.tradingbot.bitfinex.error.BitfinexException;
import io.tradingbot.bitfinex.error.OrderRejectedException;
import io.tradingbot.bitfinex.error.RateLimitException;
import io.tradingbot.bitfinex.error.ServerErrorException;
import io.tradingbot.bitfinex.error.TransportException;
import io.tradingbot.bitfinex.model.AccountTrade;
import io.tradingbot.bitfinex.model.BitfinexJson;
import io.tradingbot.bitfinex.model.CancelMultiRequest;
import io.tradingbot.bitfinex.model.Candle;
import io.tradingbot.bitfinex.model.ClientOrderId;
import io.tradingbot.bitfinex.model.MarginInfoBase;
import io.tradingbot.bitfinex.model.MarginInfoSymbol;
import io.tradingbot.bitfinex.model.Notification;
import io.tradingbot.bitfinex.model.Order;
import io.tradingbot.bitfinex.model.OrderRequest;
import io.tradingbot.bitfinex.model.OrderUpdateRequest;
import io.tradingbot.bitfinex.model.PairInfo;
import io.tradingbot.bitfinex.model.Position;
import io.tradingbot.bitfinex.model.PublicTrade;
import io.tradingbot.bitfinex.model.SubmittedOrder;
import io.tradingbot.bitfinex.model.Ticker;
import io.tradingbot.bitfinex.model.TradingTickerRow;
import io.tradingbot.bitfinex.model.Wallet;

/**
 * Bitfinex REST v2, public and authenticated. Thread-safe; one instance per API key is enough.
 * <ul>
 * <li>Reads are retried with exponential backoff and jitter after 429 / 11010, 5xx and timeouts.</li>
 * <li>Writes are never sent twice by the client. {@link #submitOrder} always carries a cid; when its answer is lost
 * (timeout, 5xx, 429) it looks the order up by cid (active orders, then history) instead of resending.</li>
 * <li>Every call first takes a slot from the per-endpoint {@link RateLimiter}.</li>
 * </ul>
 */
public final class BitfinexRestClient implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(BitfinexRestClient.class);

    private final BitfinexClientConfig config;
    private final HttpClient http;
    private final ObjectMapper mapper = BitfinexJson.mapper();
    private final RateLimiter rateLimiter;
    private final Sleeper sleeper;
    private final NonceGenerator nonces;
    private final RequestSigner signer;

    public BitfinexRestClient(BitfinexClientConfig config) {
        this(config, new RateLimiter(System::nanoTime), Sleeper.REAL,
                config.hasCredentials() ? NonceGenerator.forKey(config.apiKey()) : null);
    }

    public BitfinexRestClient(BitfinexClientConfig config, RateLimiter rateLimiter, Sleeper sleeper, NonceGenerator nonces) {
        this.config = config;
        this.rateLimiter = rateLimiter;
        this.sleeper = sleeper;
        this.nonces = nonces;
        this.signer = config.hasCredentials() ? new RequestSigner(config.apiSecret()) : null;
        this.http = HttpClient.newBuilder().connectTimeout(config.connectTimeout()).build();
    }

    // ---------------------------------------------------------------- public

    /** {@code GET /v2/platform/status}: true when operative, false in maintenance. */
    public boolean platformStatus() {
        JsonNode node = publicGet(EndpointFamily.PLATFORM_STATUS, "platform/status", Map.of());
        return node.isArray() && node.size() > 0 && node.get(0).asInt() == 1;
    }

    public Ticker ticker(String symbol) {
        return Ticker.fromArray(publicGet(EndpointFamily.TICKER, "ticker/" + symbol, Map.of()));
    }

    /** {@code GET /v2/tickers?symbols=...} (trading symbols). */
    public List<TradingTickerRow> tickers(List<String> symbols) {
        JsonNode node = publicGet(EndpointFamily.TICKERS, "tickers", Map.of("symbols", String.join(",", symbols)));
        return rows(node, TradingTickerRow::fromArray);
    }

    /** {@code GET /v2/candles/trade:TF:SYMBOL/hist}. */
    public List<Candle> candles(String timeframe, String symbol, HistoryQuery query) {
        JsonNode node = publicGet(EndpointFamily.CANDLES, "candles/" + candleKey(timeframe, symbol) + "/hist",
                query.toParams());
        return rows(node, Candle::fromArray);
    }

    /** {@code GET /v2/candles/trade:TF:SYMBOL/last}: the current (possibly still open) candle, or empty. */
    public Optional<Candle> lastCandle(String timeframe, String symbol) {
        JsonNode node = publicGet(EndpointFamily.CANDLES, "candles/" + candleKey(timeframe, symbol) + "/last", Map.of());
        return node.isArray() && !node.isEmpty() ? Optional.of(Candle.fromArray(node)) : Optional.empty();
    }

    public static String candleKey(String timeframe, String symbol) {
        return "trade:" + timeframe + ":" + symbol;
    }

    /** {@code GET /v2/trades/SYMBOL/hist}. */
    public List<PublicTrade> trades(String symbol, HistoryQuery query) {
        return rows(publicGet(EndpointFamily.TRADES, "trades/" + symbol + "/hist", query.toParams()), PublicTrade::fromArray);
    }

    /** Any {@code GET /v2/conf/pub:...} key, raw. */
    public JsonNode conf(String key) {
        return publicGet(EndpointFamily.CONF, "conf/" + key, Map.of());
    }

    /** Pairs tradable on the exchange wallet ({@code pub:list:pair:exchange}), e.g. {@code BTCUSD}, {@code TESTBTC:TESTUSD}. */
    public List<String> exchangePairs() {
        return firstList(conf("pub:list:pair:exchange"));
    }

    public List<String> marginPairs() {
        return firstList(conf("pub:list:pair:margin"));
    }

    public List<String> currencies() {
        return firstList(conf("pub:list:currency"));
    }

    /** Minimum/maximum order sizes and margins per pair ({@code pub:info:pair}). */
    public List<PairInfo> pairInfo() {
        JsonNode node = conf("pub:info:pair");
        JsonNode list = node.isArray() && !node.isEmpty() ? node.get(0) : node;
        return rows(list, PairInfo::fromArray);
    }

    // ---------------------------------------------------------------- authenticated reads

    public List<Wallet> wallets() {
        return rows(authRead(EndpointFamily.AUTH_WALLETS, "auth/r/wallets", Map.of()), Wallet::fromArray);
    }

    public List<Position> positions() {
        return rows(authRead(EndpointFamily.AUTH_POSITIONS, "auth/r/positions", Map.of()), Position::fromArray);
    }

    public MarginInfoBase marginInfoBase() {
        return MarginInfoBase.fromArray(authRead(EndpointFamily.AUTH_MARGIN_INFO, "auth/r/info/margin/base", Map.of()));
    }

    public MarginInfoSymbol marginInfo(String symbol) {
        return MarginInfoSymbol.fromArray(authRead(EndpointFamily.AUTH_MARGIN_INFO, "auth/r/info/margin/" + symbol, Map.of()));
    }

    public List<MarginInfoSymbol> marginInfoAllSymbols() {
        return rows(authRead(EndpointFamily.AUTH_MARGIN_INFO, "auth/r/info/margin/sym_all", Map.of()),
                MarginInfoSymbol::fromArray);
    }

    /** Active orders, of every symbol. */
    public List<Order> activeOrders() {
        return rows(authRead(EndpointFamily.AUTH_ORDERS, "auth/r/orders", Map.of()), Order::fromArray);
    }

    public List<Order> activeOrders(String symbol) {
        return rows(authRead(EndpointFamily.AUTH_ORDERS, "auth/r/orders/" + symbol, Map.of()), Order::fromArray);
    }

    /** Closed and canceled orders; {@code symbol} null for every symbol. */
    public List<Order> orderHistory(String symbol, HistoryQuery query) {
        String path = symbol == null ? "auth/r/orders/hist" : "auth/r/orders/" + symbol + "/hist";
        return rows(authRead(EndpointFamily.AUTH_ORDERS_HISTORY, path, query.toParams()), Order::fromArray);
    }

    /** The account's executions; {@code symbol} null for every symbol. */
    public List<AccountTrade> accountTrades(String symbol, HistoryQuery query) {
        String path = symbol == null ? "auth/r/trades/hist" : "auth/r/trades/" + symbol + "/hist";
        return rows(authRead(EndpointFamily.AUTH_TRADES, path, query.toParams()), AccountTrade::fromArray);
    }

    /** The executions of one order. */
    public List<AccountTrade> orderTrades(String symbol, long orderId) {
        return rows(authRead(EndpointFamily.AUTH_TRADES, "auth/r/order/" + symbol + ":" + orderId + "/trades", Map.of()),
                AccountTrade::fromArray);
    }

    // ---------------------------------------------------------------- authenticated writes

    /**
     * Submits an order, never twice. The request gets a cid when it has none. When the answer is lost (timeout, 5xx,
     * 429) the order is looked up by cid — active orders, then order history — and returned with
     * {@code recoveredByLookup}; when it is not found the original error is thrown and nothing was resent (the caller
     * may then resend with the same cid).
     *
     * @throws OrderRejectedException when the exchange answers with an ERROR/FAILURE notification
     */
    public SubmittedOrder submitOrder(OrderRequest request) {
        long cid = request.cid() != null ? request.cid() : ClientOrderId.next();
        OrderRequest withCid = request.cid() != null ? request : request.withCid(cid);
        LocalDate cidDate = LocalDate.now(ZoneOffset.UTC);
        try {
            Notification notification = Notification.fromArray(
                    authWrite(EndpointFamily.ORDER_SUBMIT, "auth/w/order/submit", withCid.toBody()));
            if (notification.isError()) {
                throw new OrderRejectedException(notification);
            }
            return new SubmittedOrder(cid, notification.orders(), notification, false);
        } catch (RateLimitException | ServerErrorException | TransportException lost) {
            LOG.warnf("order submit cid=%d got no usable answer (%s); looking it up by cid instead of resending", cid,
                    lost.getMessage());
            return recoverLostSubmit(request.symbol(), cid, cidDate, lost);
        }
    }

    /**
     * After a submit whose answer was lost (over REST or the WebSocket): the order looked up once by cid, or {@code lost}
     * thrown again when it is not found or the look-up fails too — the outcome is then unknown, and nothing was resent.
     */
    public <E extends BitfinexException> SubmittedOrder recoverLostSubmit(String symbol, long cid, LocalDate cidDate,
            E lost) throws E {
        List<Order> found;
        try {
            found = findByCid(symbol, cid, cidDate);
        } catch (BitfinexException lookupFailed) {
            lost.addSuppressed(lookupFailed);
            throw lost;
        }
        if (found.isEmpty()) {
            throw lost;
        }
        return new SubmittedOrder(cid, found, null, true);
    }

    /** The most orders Bitfinex returns from one order-history read. */
    static final int HISTORY_LIMIT = 2_500;
    /** Pages read before giving up on a look-up: 100,000 orders of one symbol in three days. */
    static final int HISTORY_PAGES = 40;

    /**
     * Orders with this cid placed on {@code date} (UTC) or the day before or after it: active first, then history. The
     * exchange dates an order by its own clock, so an order placed around midnight may be dated a day off ours (the
     * exchange's clock ahead of ours placed a verdict twice in CI); a cid is unique per day, and the same cid within
     * three days is the same order.
     *
     * @throws BitfinexException when the history cannot be read to its end: "not found" would place the order again
     */
    public List<Order> findByCid(String symbol, long cid, LocalDate date) {
        return findByCid(symbol, cid, date, HISTORY_LIMIT);
    }

    /**
     * {@link #findByCid(String, long, LocalDate)} reading the history {@code pageSize} orders at a time, at most 2,500:
     * Bitfinex returns no more, and a shorter page than asked for is taken as the last one.
     */
    public List<Order> findByCid(String symbol, long cid, LocalDate date, int pageSize) {
        if (pageSize < 1 || pageSize > HISTORY_LIMIT) {
            throw new IllegalArgumentException("pageSize must be 1.." + HISTORY_LIMIT + ", was " + pageSize);
        }
        List<Order> active = activeOrders().stream().filter(o -> o.cid() != null && o.cid() == cid).toList();
        if (!active.isEmpty()) {
            return active;
        }
        // From the day before, newest first, page by page: one read stops at its limit (25 without one), and an order
        // of a busy account beyond the first page was not found and placed again.
        long from = date.minusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        Long end = null;
        Set<Long> seen = new HashSet<>();
        for (int page = 0; page < HISTORY_PAGES; page++) {
            List<Order> rows = orderHistory(symbol, new HistoryQuery(from, end, pageSize, null));
            List<Order> found = rows.stream()
                    .filter(o -> o.cid() != null && o.cid() == cid)
                    .filter(o -> o.mtsCreate() == null || withinADay(
                            Instant.ofEpochMilli(o.mtsCreate()).atZone(ZoneOffset.UTC).toLocalDate(), date))
                    .toList();
            if (!found.isEmpty()) {
                return found;
            }
            if (rows.size() < pageSize) {
                return List.of();
            }
            // The next page ends at this page's oldest update, inclusive: orders updated in that same millisecond
            // may not all have fitted on this page. Only a page of nothing new (a whole page updated in one
            // millisecond) cannot be got past with start and end.
            boolean fresh = false;
            for (Order row : rows) {
                fresh |= seen.add(row.id());
            }
            OptionalLong oldest = rows.stream().filter(o -> o.mtsUpdate() != null).mapToLong(Order::mtsUpdate).min();
            if (!fresh || oldest.isEmpty()) {
                break;
            }
            end = oldest.getAsLong();
        }
        throw new BitfinexException("order history of " + symbol + " could not be read to its end in pages of "
                + pageSize + "; whether cid " + cid + " exists is unknown", null, 0);
    }

    private static boolean withinADay(LocalDate day, LocalDate date) {
        return !day.isBefore(date.minusDays(1)) && !day.isAfter(date.plusDays(1));
    }

    /** @throws OrderRejectedException when the exchange refuses the update */
    public Notification updateOrder(OrderUpdateRequest request) {
        return checked(authWrite(EndpointFamily.ORDER_UPDATE, "auth/w/order/update", request.toBody()));
    }

    public Notification cancelOrder(long id) {
        return checked(authWrite(EndpointFamily.ORDER_CANCEL, "auth/w/order/cancel", Map.of("id", id)));
    }

    /** Cancels by client id; {@code date} is the UTC day the order was placed. */
    public Notification cancelOrderByCid(long cid, LocalDate date) {
        return checked(authWrite(EndpointFamily.ORDER_CANCEL, "auth/w/order/cancel",
                Map.of("cid", cid, "cid_date", date.toString())));
    }

    public Notification cancelOrders(CancelMultiRequest request) {
        return checked(authWrite(EndpointFamily.ORDER_CANCEL_MULTI, "auth/w/order/cancel/multi", request.body()));
    }

    private static Notification checked(JsonNode node) {
        Notification notification = Notification.fromArray(node);
        if (notification.isError()) {
            throw new OrderRejectedException(notification);
        }
        return notification;
    }

    // ---------------------------------------------------------------- transport

    private JsonNode publicGet(EndpointFamily family, String path, Map<String, Object> params) {
        String query = params.isEmpty() ? "" : "?" + params.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(String.valueOf(e.getValue()), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        URI uri = URI.create(base(config.publicRestUrl()) + "/v2/" + path + query);
        return withReadRetries(family, () -> send(HttpRequest.newBuilder(uri).GET(), path));
    }

    private JsonNode authRead(EndpointFamily family, String path, Map<String, Object> body) {
        return withReadRetries(family, () -> sendAuth(path, body));
    }

    private JsonNode authWrite(EndpointFamily family, String path, Map<String, Object> body) {
        awaitSlot(family);
        return sendAuth(path, body);
    }

    private JsonNode sendAuth(String path, Map<String, Object> body) {
        if (signer == null) {
            throw new IllegalStateException("this client has no API key/secret: authenticated calls are unavailable");
        }
        String json;
        try {
            json = mapper.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode request body", e);
        }
        // The generator is the key's, shared by every client of it in this process: the request is answered before
        // another one of the key takes its nonce.
        return nonces.inOrder(nonce -> send(HttpRequest.newBuilder(URI.create(base(config.authRestUrl()) + "/v2/" + path))
                .header("Content-Type", "application/json")
                .header("bfx-nonce", Long.toString(nonce))
                .header("bfx-apikey", config.apiKey())
                .header("bfx-signature", signer.signRest(path, nonce, json))
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)), path));
    }

    private JsonNode send(HttpRequest.Builder builder, String path) {
        HttpResponse<String> response;
        try {
            response = http.send(builder.timeout(config.requestTimeout()).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw new TransportException("timed out: " + path, e);
        } catch (IOException e) {
            throw new TransportException("I/O error on " + path + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportException("interrupted: " + path, e);
        }
        LOG.debugf("%s -> HTTP %d", path, response.statusCode());
        JsonNode node = parse(response.body());
        if (response.statusCode() == 200 && !isError(node)) {
            if (node == null) {
                throw new BitfinexException("unparseable answer from " + path, null, 200);
            }
            return node;
        }
        throw toException(node, response.statusCode(), response.body());
    }

    private JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? null : mapper.readTree(body);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static boolean isError(JsonNode node) {
        return node != null && (node.isArray() && node.size() > 0 && "error".equals(node.get(0).asText())
                || node.isObject() && (node.has("error") || node.has("message")));
    }

    static BitfinexException toException(JsonNode node, int status, String rawBody) {
        if (node != null && node.isArray() && node.size() > 0 && "error".equals(node.get(0).asText())) {
            Integer code = node.size() > 1 && node.get(1).canConvertToInt() ? node.get(1).asInt() : null;
            String text = node.size() > 2 ? node.get(2).asText() : "";
            return BitfinexErrors.of(code, text, status);
        }
        if (node != null && node.isObject()) {
            String text = node.has("error") ? node.get("error").asText() : node.path("message").asText();
            return BitfinexErrors.of(null, text, status);
        }
        String snippet = rawBody == null ? "" : rawBody.substring(0, Math.min(200, rawBody.length()));
        return BitfinexErrors.of(null, snippet, status);
    }

    private JsonNode withReadRetries(EndpointFamily family, java.util.function.Supplier<JsonNode> call) {
        int attempt = 0;
        while (true) {
            awaitSlot(family);
            try {
                return call.get();
            } catch (RateLimitException | ServerErrorException | TransportException e) {
                if (attempt >= config.readRetries()) {
                    throw e;
                }
                Duration wait = backoff(config.retryBackoff(), attempt);
                LOG.infof("%s failed (%s); retry %d in %d ms", family, e.getMessage(), attempt + 1, wait.toMillis());
                pause(wait);
                attempt++;
            }
        }
    }

    /** base * 2^attempt, plus up to 50 % random jitter so that many clients do not retry in lockstep. */
    static Duration backoff(Duration base, int attempt) {
        long millis = base.toMillis() << Math.min(attempt, 10);
        long jitter = millis <= 1 ? 0 : ThreadLocalRandom.current().nextLong(millis / 2 + 1);
        return Duration.ofMillis(millis + jitter);
    }

    private void awaitSlot(EndpointFamily family) {
        if (config.rateLimited()) {
            Duration wait = rateLimiter.reserve(family);
            if (!wait.isZero()) {
                LOG.debugf("%s rate limit: waiting %d ms", family, wait.toMillis());
                pause(wait);
            }
        }
    }

    private void pause(Duration wait) {
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportException("interrupted while waiting", e);
        }
    }

    private static String base(URI uri) {
        String s = uri.toString();
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    private static <T> List<T> rows(JsonNode node, Function<JsonNode, T> decoder) {
        List<T> out = new ArrayList<>();
        if (node != null && node.isArray()) {
            for (JsonNode row : node) {
                out.add(decoder.apply(row));
            }
        }
        return out;
    }

    /** {@code [["BTCUSD", ...]]}: the one key's list inside the answer's array. */
    private static List<String> firstList(JsonNode node) {
        List<String> out = new ArrayList<>();
        JsonNode list = node;
        while (list.isArray() && list.size() == 1 && list.get(0).isArray()) {
            list = list.get(0);
        }
        list.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Override
    public void close() {
        http.close();
    }
}
