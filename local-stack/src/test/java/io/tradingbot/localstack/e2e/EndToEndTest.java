package io.tradingbot.localstack.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tradingbot.gateway.ws.EventStream;
import io.tradingbot.gateway.ws.SocketIoListener;
import io.tradingbot.localstack.LocalStack;
import io.tradingbot.localstack.LocalStackOptions;
import io.tradingbot.simulator.testkit.ServiceProcess;
import io.tradingbot.simulator.testkit.SimulatorProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The seed's three examples over the gateway of the whole suite, started by the launcher: the broker, the simulator and
 * the six services as processes of their own, talking over real sockets.
 * <p>
 * The simulator's clock stands still (only the test moves it) and tBTCUSD does not wander (volatility 0), so the price
 * path below decides every candle. It is the strategy tests' dip-and-rally (×500), for RSI(5)/EMA(10): bar 40 SELL, bar 44
 * BUY (at 53,250), bar 50 SELL (at 56,500).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EndToEndTest {
    static final String BTC = "tBTCUSD";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final double[] DIP_AND_RALLY = {
            101.0, 100.4, 101.4, 100.8, 101.8, 101.2, 102.2, 101.6, 102.6, 102.0,
            103.0, 102.4, 103.4, 102.8, 103.8, 103.2, 104.2, 103.6, 104.6, 104.0,
            105.0, 104.4, 105.4, 104.8, 105.8, 105.2, 106.2, 105.6, 106.6, 106.0,
            107.0, 106.4, 107.4, 106.8, 107.8, 107.2, 108.2, 107.6, 108.6, 108.0,
            106.5, 105.0, 103.5, 102.5, 106.5, 108.5, 111.5, 114.5, 117.5, 117.0,
            113.0};

    /** bcrypt of "viewer-password": a user who may read but not trade. */
    private static final String VIEWER_HASH = "$2a$10$1yPiptK8A.out9L0YbkMoeXzpGjN4p10MtbycOB4p.00VR5soSpuO";

    private LocalStack stack;
    private SigningKeys keys;
    private SimulatorProcess sim;
    private final HttpClient http = HttpClient.newHttpClient();
    private String token;
    private EventStream candles;

    @BeforeAll
    void startTheSuite() {
        keys = new SigningKeys(Path.of("target", "e2e-keys"));
        Map<String, String> gateway = new java.util.HashMap<>(keys.environment());
        gateway.put("JAVA_TOOL_OPTIONS", "-Dgateway.auth.users.vera.password-hash=" + VIEWER_HASH
                + " -Dgateway.auth.users.vera.roles=viewer");
        stack = LocalStack.start(LocalStackOptions.forTests()
                .withServiceEnvironment("gateway", gateway)
                .withAdminPassword("e2e-admin-password")
                .withSimulatorArgs(List.of("-Dsim.seed=42", "-Dsim.clock.speed=0",
                        "-Dsim.markets.btcusd.volatility=0", "-Dsim.markets.btcusd.drift=0",
                        "-Dsim.markets.btcusd.price=50000"))
                .withServiceEnvironment("strategy-service", Map.of("JAVA_TOOL_OPTIONS",
                        "-Dstrategy.warmup.enabled=false -Dstrategy.params.rsi-ema.rsi-period=5 "
                                + "-Dstrategy.params.rsi-ema.ema-period=10")));
        sim = stack.simulator();
        token = login("admin", "e2e-admin-password");
        candles = EventStream.withQueryToken(stack.gatewayUrl(), token);
        candles.subscribe(BTC);
    }

    @AfterAll
    void stopTheSuite() {
        if (candles != null) {
            candles.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    /** The seed's first example: initialize, then the account summary. */
    @Test
    @Order(1)
    void initializeRefreshesTheAccountAndAnswersItsSummary() {
        JsonNode summary = call("POST", "/api/v2/trading/initialize", null, 200);
        // the paper account: 10,000 USD + 1 BTC in exchange (at 50,000), 10,000 USD in margin, and the TEST currencies
        assertThat(new BigDecimal(summary.path("total_balance_usd").asText())).isGreaterThanOrEqualTo(new BigDecimal("70000"));
        assertThat(summary.path("open_positions").asInt()).isZero();
        JsonNode again = call("GET", "/api/v2/account/summary", null, 200);
        assertThat(again.path("total_balance_usd").asText()).isEqualTo(summary.path("total_balance_usd").asText());
        JsonNode wallets = call("GET", "/api/v2/account/wallets", null, 200);
        assertThat(wallets.toString()).contains("\"currency\":\"USD\"", "\"currency\":\"BTC\"");
        assertThat(StreamSupport.stream(wallets.spliterator(), false)
                .filter(w -> w.path("type").asText().equals("exchange") && w.path("currency").asText().equals("BTC"))
                .map(w -> new BigDecimal(w.path("balance").asText())).findFirst().orElseThrow())
                .isEqualByComparingTo("1");
    }

    /**
     * The seed's third example: automated trading on tBTCUSD. The price path before the session is history; from the
     * session on, every closed candle becomes a signal, the BUY and the SELL become orders on the exchange, and both a
     * WebSocket and a Socket.IO client see it happen. Then stop-all, and the same path again places nothing.
     */
    @Test
    @Order(2)
    void automatedTradingTurnsABuyAndASellIntoOrdersThatEveryClientSees() {
        Path node = stack.repoRoot().resolve("gateway/src/test/node");
        boolean socketIo = SocketIoListener.nodeAvailable();
        try (EventStream ws = EventStream.withQueryToken(stack.gatewayUrl(), token);
                SocketIoListener io = socketIo ? SocketIoListener.connect(node, Path.of("target", "socket.io-client"),
                        stack.gatewayUrl(), token) : null) {
            ws.await("welcome", WAIT);
            if (io != null) {
                io.await("connect", WAIT);
            }
            int ordersBefore = simulatorOrders().size();
            // A take profit beyond the rally (+20%): the BUY's trade is still open when the SELL comes, and the SELL
            // closes it.
            call("PUT", "/api/v2/risk/limits", limitsWithTakeProfit("20"), 200);
            play(0, 40);
            call("POST", "/api/v2/trading/" + BTC + "/automation", Map.of("strategy", "rsi-ema"), 200);
            awaitSessionEverywhere();
            play(41, 45);
            // The BUY filled and its exit rests: one OCO pair, the bot's, seen the same through the gateway.
            awaitTheOpenOrdersThroughTheGateway(2);
            // Its exit is on the exchange: no filled entry waits for one.
            JsonNode waiting = call("GET", "/api/v2/account/filled-entries", null, 200);
            assertThat(waiting.isArray()).as("filled entries %s", waiting).isTrue();
            assertThat(waiting).isEmpty();
            play(46, 50);

            JsonNode buy = ws.await(e -> isSignal(e, "BUY"), WAIT);
            JsonNode sell = ws.await(e -> isSignal(e, "SELL"), WAIT);
            assertThat(buy.path("data").path("reason").asText()).contains("RSI(5)");
            assertThat(new BigDecimal(buy.path("data").path("current_price").asText())).isEqualByComparingTo("53250");
            assertThat(new BigDecimal(sell.path("data").path("current_price").asText())).isEqualByComparingTo("56500");

            JsonNode boughtResult = ws.await(e -> isResult(e, "BUY"), WAIT);
            JsonNode soldResult = ws.await(e -> isResult(e, "SELL"), WAIT);
            for (JsonNode result : List.of(boughtResult, soldResult)) {
                assertThat(result.path("data").path("symbol").asText()).isEqualTo(BTC);
                assertThat(result.path("data").path("trade_result").path("success").asBoolean())
                        .as("trade result %s", result).isTrue();
                assertThat(result.path("data").path("current_price").asText()).isNotEmpty();
            }
            assertThat(boughtResult.path("data").path("current_price").asText()).isEqualTo("53250");
            ws.await("on", WAIT);
            ws.await("te", WAIT);
            ws.await("risk_verdict", WAIT);

            // The exchange holds exactly the orders the results claim: the BUY, the take-profit/stop-loss exit
            // order-service attached to it once it filled (an OCO pair under the exit's cid), and the SELL that closed
            // the trade: the exit cancelled, what it held sold, nothing left open, the user's 1 BTC as it was.
            awaitExactlyTheClaimedOrders(ws, ordersBefore);
            awaitTheOpenOrdersThroughTheGateway(0);
            List<JsonNode> entries = ws.events("trade_result").stream()
                    .filter(r -> r.path("data").path("trade_result").path("message").asText().startsWith("order placed"))
                    .toList();
            assertThat(entries).extracting(r -> r.path("data").path("signal").asText()).containsExactly("BUY", "SELL");
            String buyVerdict = boughtResult.path("data").path("trade_result").path("verdict_id").asText();
            assertThat(soldResult.path("data").path("trade_result").path("message").asText())
                    .startsWith("order placed: EXCHANGE MARKET -")
                    .endsWith("closing the trade " + buyVerdict + " (its exit cancelled)");
            assertThat(simulatorOrders().stream().skip(ordersBefore).filter(EndToEndTest::isExit))
                    .hasSize(2).allMatch(o -> o.path("status").asText().startsWith("CANCELED"));
            awaitExchangeBtc("1");
            long buyId = boughtResult.path("data").path("trade_result").path("order").path("exchange_id").asLong();
            JsonNode buyOrder = simulatorOrders().stream().filter(o -> o.path("id").asLong() == buyId).findFirst()
                    .orElseThrow();
            assertThat(new BigDecimal(buyOrder.path("amount_orig").asText())).isPositive();
            assertThat(buyOrder.path("status").asText()).startsWith("EXECUTED");

            if (io != null) {
                for (String event : List.of("signal", "trade_result", "on", "te")) {
                    io.await(event, WAIT);
                }
                long deadline = System.nanoTime() + WAIT.toNanos();
                while (io.events("trade_result").size() < ws.events("trade_result").size()
                        && System.nanoTime() < deadline) {
                    sleep(200);
                }
                assertThat(io.events("trade_result")).hasSameSizeAs(ws.events("trade_result"));
            }

            JsonNode stopped = call("POST", "/api/v2/trading/automation/stop-all", null, 200);
            assertThat(stopped.toString()).contains(BTC);
            int ordersAfterStop = simulatorOrders().size();
            int resultsAtStop = ws.events("trade_result").size();
            play(0, 44);
            // nothing traded on the stopped symbol: no new order, and no new trade result
            assertThat(simulatorOrders()).hasSize(ordersAfterStop);
            assertThat(ws.events("trade_result")).hasSize(resultsAtStop);
        }
    }

    /**
     * The seed's second example, on the path replayed after stop-all: its last closed candle is bar 44, a BUY. Evaluate it
     * and execute the result: one order, and executing the same evaluation again answers that same order.
     */
    @Test
    @Order(3)
    void evaluateThenExecutePlacesTheOrderExactlyOnce() {
        // The first test's trade is closed; the SELL that closed it is held by risk-service until a snapshot has
        // settled it (its commitments), so this may take a settling time and the next snapshot.
        long deadline = System.nanoTime() + WAIT.toNanos();
        JsonNode evaluation = call("POST", "/api/v2/trading/" + BTC + "/evaluate", Map.of(), 200);
        while (!evaluation.path("can_trade").asBoolean() && System.nanoTime() < deadline) {
            sleep(1_000);
            evaluation = call("POST", "/api/v2/trading/" + BTC + "/evaluate", Map.of(), 200);
        }
        assertThat(evaluation.path("signal").asText()).as("evaluation %s", evaluation).isEqualTo("BUY");
        assertThat(evaluation.path("can_trade").asBoolean()).as("evaluation %s", evaluation).isTrue();
        assertThat(evaluation.path("risk_level").asText()).isIn("LOW", "MEDIUM", "HIGH");
        assertThat(new BigDecimal(evaluation.path("position_size").asText())).isPositive();
        assertThat(new BigDecimal(evaluation.path("stop_loss").asText()))
                .isLessThan(new BigDecimal(evaluation.path("current_price").asText()));
        assertThat(new BigDecimal(evaluation.path("take_profit").asText()))
                .isGreaterThan(new BigDecimal(evaluation.path("current_price").asText()));
        assertThat(evaluation.path("rsi").asText()).isNotEmpty();
        assertThat(evaluation.path("ema").asText()).isNotEmpty();

        int before = simulatorOrders().size();
        JsonNode executed = call("POST", "/api/v2/trading/" + BTC + "/execute", evaluation, 201);
        assertThat(executed.path("success").asBoolean()).isTrue();
        long orderId = executed.path("order").path("exchange_id").asLong();
        JsonNode again = call("POST", "/api/v2/trading/" + BTC + "/execute", evaluation, 201);
        assertThat(again.path("order").path("exchange_id").asLong()).isEqualTo(orderId);

        List<JsonNode> entries = simulatorOrders().stream().skip(before).filter(o -> !isExit(o)).toList();
        assertThat(entries).extracting(o -> o.path("id").asLong()).containsExactly(orderId);
        assertThat(new BigDecimal(entries.getFirst().path("amount_orig").asText()))
                .isEqualByComparingTo(evaluation.path("position_size").asText());
    }

    /** Tokens over the real stack: none, expired, tampered, foreign; a viewer reads but cannot trade. */
    @Test
    @Order(4)
    void theRealGatewayRefusesWhatItMust() {
        assertThat(status("GET", "/api/v2/account/summary", null)).isEqualTo(401);
        Instant now = Instant.now();
        String expired = keys.token("admin", List.of("viewer", "trader"), now.minusSeconds(7200), now.minusSeconds(3600));
        assertThat(status("GET", "/api/v2/account/summary", expired)).isEqualTo(401);
        String valid = keys.token("admin", List.of("viewer", "trader"), now, now.plusSeconds(600));
        assertThat(status("GET", "/api/v2/account/summary", valid)).isEqualTo(200);
        String[] parts = valid.split("\\.");
        String tampered = parts[0] + "." + parts[1].substring(0, parts[1].length() - 2) + "x" + "." + parts[2];
        assertThat(status("GET", "/api/v2/account/summary", tampered)).isEqualTo(401);
        String foreign = new SigningKeys(Path.of("target", "e2e-foreign-keys")).token("admin",
                List.of("viewer", "trader"), now, now.plusSeconds(600));
        assertThat(status("GET", "/api/v2/account/summary", foreign)).isEqualTo(401);
        assertThatThrownBy(() -> EventStream.withQueryToken(stack.gatewayUrl(), expired))
                .hasRootCauseMessage("Unexpected HTTP response status code 401");

        String viewer = login("vera", "viewer-password");
        assertThat(status("GET", "/api/v2/account/summary", viewer)).isEqualTo(200);
        assertThat(status("POST", "/api/v2/trading/" + BTC + "/evaluate", viewer)).isEqualTo(200);
        assertThat(status("POST", "/api/v2/trading/" + BTC + "/automation", viewer)).isEqualTo(403);
        assertThat(status("POST", "/api/v2/orders", viewer)).isEqualTo(403);
        assertThat(status("POST", "/api/v2/trading/initialize", viewer)).isEqualTo(403);
    }

    /** {@code AUTH_REQUIRED=false}: a second gateway over the same services, open to callers without a token. */
    @Test
    @Order(5)
    void anOpenGatewayServesWithoutATokenAsTheLocalUser() {
        Map<String, String> env = new java.util.HashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", stack.kafkaBootstrapServers());
        env.put("AUTH_REQUIRED", "false");
        for (var service : Map.of("MARKET_DATA_URL", "market-data-service", "STRATEGY_URL", "strategy-service",
                "RISK_URL", "risk-service", "ORDER_URL", "order-service", "ACCOUNT_URL", "account-service").entrySet()) {
            env.put(service.getKey(), stack.serviceUrl(service.getValue()));
        }
        try (ServiceProcess open = ServiceProcess.builder("gateway-open",
                        stack.repoRoot().resolve("gateway/target/quarkus-app/quarkus-run.jar"))
                .environment(env).withoutEnvironment(List.of("TRADINGBOT_ADMIN_PASSWORD"))
                .logFile(stack.logDir().resolve("gateway-open.log")).start()) {
            HttpResponse<String> summary = send(HttpRequest.newBuilder(URI.create(open.baseUrl()
                    + "/api/v2/account/summary")).build());
            assertThat(summary.statusCode()).as(summary.body()).isEqualTo(200);
            assertThat(summary.body()).contains("total_balance_usd");
            try (EventStream anonymous = EventStream.withQueryToken(open.baseUrl(), null)) {
                assertThat(anonymous.await("welcome", WAIT).path("data").path("user").asText()).isEqualTo("local");
            }
            assertThat(open.logTail()).contains("AUTH_REQUIRED=false");
        }
    }

    // ------------------------------------------------------------------ the price path

    /** Plays bars {@code from..to}: each bar's price in its own minute, then the minute closes. */
    private void play(int from, int to) {
        for (int i = from; i <= to; i++) {
            long minute = sim.now() / 60_000 * 60_000;
            String price = BigDecimal.valueOf(DIP_AND_RALLY[i]).multiply(BigDecimal.valueOf(500)).toPlainString();
            sim.setPrice(BTC, price);
            sim.advanceClock(60_000);
            // a candle closes once the next one starts: the next minute's first trade starts it
            sim.setPrice(BTC, price);
            candles.await(e -> e.path("event").asText().equals("candle")
                    && e.path("data").path("timeframe").asText().equals("1m")
                    && e.path("data").path("closed").asBoolean()
                    && e.path("data").path("mts").asLong() == minute, WAIT);
        }
    }

    /**
     * Every order placed since {@code before} is claimed by a trade result (its id), or is the other leg of a claimed
     * exit (an OCO order under the same cid), every claimed order is on the exchange, and every entry (not a close) has
     * its exit result. Exits are placed once their entry fills, so this waits for them.
     */
    private void awaitExactlyTheClaimedOrders(EventStream ws, int before) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        String mismatch = "";
        while (System.nanoTime() < deadline) {
            Set<Long> ids = new HashSet<>();
            Set<Long> cids = new HashSet<>();
            int entries = 0;
            int exits = 0;
            for (JsonNode result : ws.events("trade_result")) {
                String message = result.path("data").path("trade_result").path("message").asText();
                entries += message.startsWith("order placed") && !message.contains("closing the trade") ? 1 : 0;
                exits += message.startsWith("exit placed") || message.startsWith("exit not placed") ? 1 : 0;
                JsonNode order = result.path("data").path("trade_result").path("order");
                if (order.hasNonNull("exchange_id")) {
                    ids.add(order.path("exchange_id").asLong());
                    cids.add(order.path("cid").asLong());
                }
            }
            List<JsonNode> placed = simulatorOrders().stream().skip(before).toList();
            List<Long> unclaimed = placed.stream().filter(o -> !ids.contains(o.path("id").asLong())
                    && !(isExit(o) && cids.contains(o.path("cid").asLong()))).map(o -> o.path("id").asLong()).toList();
            Set<Long> missing = new HashSet<>(ids);
            placed.forEach(o -> missing.remove(o.path("id").asLong()));
            // an exit is placed after its entry fills, so every entry's exit result must be in before the count is final
            if (unclaimed.isEmpty() && missing.isEmpty() && !ids.isEmpty() && exits >= entries) {
                return;
            }
            mismatch = "orders no result claims: " + unclaimed + "; claimed but not on the exchange: " + missing
                    + "; entries " + entries + ", exit results " + exits + "; exchange: " + placed;
            sleep(500);
        }
        throw new AssertionError(mismatch);
    }

    /**
     * The {@code count} orders open on the exchange, as the gateway shows them from account-service: the same ids, each
     * marked as the bot's, as risk-service counts them.
     */
    private void awaitTheOpenOrdersThroughTheGateway(int count) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        String mismatch = "";
        while (System.nanoTime() < deadline) {
            Set<Long> open = new HashSet<>();
            sim.account(LocalStack.PAPER_ACCOUNT).path("orders").forEach(o -> {
                if (o.path("symbol").asText().equals(BTC)) {
                    open.add(o.path("id").asLong());
                }
            });
            Set<Long> shown = new HashSet<>();
            List<String> roles = new ArrayList<>();
            for (JsonNode order : call("GET", "/api/v2/account/orders", null, 200)) {
                if (order.path("symbol").asText().equals(BTC)) {
                    shown.add(order.path("id").asLong());
                    roles.add(order.path("role").asText() + " of " + order.path("verdict_id").asText());
                }
            }
            if (open.size() == count && shown.equals(open)
                    && roles.stream().allMatch(r -> r.matches("(entry|exit) of verdict:.+"))) {
                return;
            }
            mismatch = "open on the exchange " + open + ", through the gateway " + shown + " " + roles;
            sleep(500);
        }
        throw new AssertionError(mismatch);
    }

    /** The paper account's exchange BTC wallet, through the gateway, reaches {@code balance}. */
    private void awaitExchangeBtc(String balance) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        BigDecimal seen = null;
        while (System.nanoTime() < deadline) {
            for (JsonNode w : call("GET", "/api/v2/account/wallets", null, 200)) {
                if (w.path("type").asText().equals("exchange") && w.path("currency").asText().equals("BTC")) {
                    seen = new BigDecimal(w.path("balance").asText());
                }
            }
            if (seen != null && seen.compareTo(new BigDecimal(balance)) == 0) {
                return;
            }
            sleep(500);
        }
        throw new AssertionError("exchange BTC through the gateway: " + seen + ", expected " + balance);
    }

    /** The limits in force with another take profit, as {@code PUT /api/v2/risk/limits} takes them. */
    private Map<String, Object> limitsWithTakeProfit(String percent) {
        JsonNode current = call("GET", "/api/v2/risk/limits", null, 200);
        Map<String, Object> limits = new java.util.LinkedHashMap<>();
        for (String field : List.of("max_position_size", "max_position_size_by_symbol", "max_leverage",
                "max_open_positions", "max_drawdown_percent", "stop_loss_percent")) {
            limits.put(field, JSON.convertValue(current.path(field), Object.class));
        }
        limits.put("take_profit_percent", percent);
        return limits;
    }

    private void awaitSessionEverywhere() {
        for (String module : List.of("strategy-service")) {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (true) {
                JsonNode sessions = get(stack.serviceUrl(module) + "/strategy/sessions");
                if (sessions.toString().contains(BTC)) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(module + " never saw the session: " + sessions);
                }
                sleep(200);
            }
        }
        sleep(1_000); // risk-service follows the same compacted topic
    }

    // ------------------------------------------------------------------ helpers

    private static boolean isSignal(JsonNode event, String signal) {
        return event.path("event").asText().equals("signal") && event.path("data").path("signal").asText().equals(signal);
    }

    private static boolean isResult(JsonNode event, String signal) {
        return event.path("event").asText().equals("trade_result")
                && event.path("data").path("signal").asText().equals(signal);
    }

    /** Take-profit/stop-loss exits are OCO orders (flag 16384); entries are not. */
    private static boolean isExit(JsonNode order) {
        return (order.path("flags").asLong() & 16384) != 0;
    }

    /** Every tBTCUSD order the exchange has for the paper account, open or closed, by id (placement order). */
    private List<JsonNode> simulatorOrders() {
        JsonNode account = sim.account(LocalStack.PAPER_ACCOUNT);
        List<JsonNode> orders = new ArrayList<>();
        for (String book : List.of("orders", "closed_orders")) {
            StreamSupport.stream(account.path(book).spliterator(), false)
                    .filter(o -> o.path("symbol").asText().equals(BTC)).forEach(orders::add);
        }
        orders.sort((a, b) -> Long.compare(a.path("id").asLong(), b.path("id").asLong()));
        return orders;
    }

    private int status(String method, String path, String bearer) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + path))
                .header("Content-Type", "application/json")
                .method(method, method.equals("GET") ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString("{}"));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return send(request.build()).statusCode();
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private String login(String user, String password) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(stack.gatewayUrl()
                            + "/api/v2/auth/ws-token")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("username", user,
                            "password", password)))).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            return JSON.readTree(response.body()).path("token").asText();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    JsonNode call(String method, String path, Object body, int expectedStatus) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + path))
                    .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("%s %s answered %s", method, path, response.body())
                    .isEqualTo(expectedStatus);
            return JSON.readTree(response.body());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode get(String url) {
        try {
            return JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
