package io.tradingbot.simulator.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The whole paper exchange: markets, accounts, matching. One lock guards all state, so every account sees its
 * events in one consistent order; events are handed to the listener before the lock is released.
 */
public final class Exchange {
    public static final long MAX_NONCE = 9_007_199_254_740_991L;
    private static final DateTimeFormatter TIF = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    /** Everything the engine needs, independent of how it is configured. */
    public record Settings(long seed, long stepMillis, int historyMinutes, double spread, double levelStep,
                           int bookLevels, int tradeHistory, BigDecimal makerFee, BigDecimal takerFee,
                           BigDecimal maxLeverage, BigDecimal maintenanceRatio, List<Instrument> instruments) {
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Settings settings;
    private final SimClock clock;
    private final Map<String, Market> markets = new LinkedHashMap<>();
    private final Map<String, Account> accounts = new LinkedHashMap<>();
    private final Map<String, ApiKey> keys = new HashMap<>();
    private final Map<String, TreeMap<Long, Order>> activeBySymbol = new HashMap<>();
    private final Map<String, List<AccountEvent>> pendingEvents = new LinkedHashMap<>();
    private final Map<String, long[]> pendingMarket = new LinkedHashMap<>();
    private ExchangeListener listener = ExchangeListener.NONE;
    /** Markets in the order they trade within a step interval: by offset, then symbol. */
    private final List<Market> stepOrder;
    /** Start of the current step interval, and the next market in {@link #stepOrder} to trade in it. */
    private long stepBase;
    private int stepIndex;
    private long now;
    private long tradeSeq = 1_000_000L;
    private long orderSeq = 50_000_000L;
    private long positionSeq = 140_000_000L;
    private long userSeq = 1000;
    private volatile boolean maintenance;
    private volatile long acceptedOrders;
    private volatile long rejectedOrders;
    private volatile long fills;

    public Exchange(Settings settings, SimClock clock) {
        this.settings = settings;
        this.clock = clock;
        long start = clock.startMillis();
        long historyStart = start - settings.historyMinutes() * 60_000L;
        stepBase = Math.floorDiv(historyStart, settings.stepMillis()) * settings.stepMillis();
        long origin = stepBase;
        settings.instruments().stream()
                .sorted((a, b) -> a.symbol().compareTo(b.symbol()))
                .forEach(i -> {
                    if (i.stepOffsetMillis() >= settings.stepMillis()) {
                        throw new IllegalArgumentException(i.symbol() + ": step offset " + i.stepOffsetMillis()
                                + " ms must be below the step of " + settings.stepMillis() + " ms");
                    }
                    markets.put(i.symbol(), new Market(i, settings.seed(), settings.spread(), settings.levelStep(),
                            settings.bookLevels(), settings.tradeHistory(), origin));
                    activeBySymbol.put(i.symbol(), new TreeMap<>());
                });
        stepOrder = markets.values().stream()
                .sorted(Comparator.comparingLong((Market m) -> m.instrument().stepOffsetMillis()))
                .toList();
        now = stepBase;
        advanceTo(start);
        pendingMarket.clear();
    }

    public void setListener(ExchangeListener listener) {
        locked(() -> {
            this.listener = listener == null ? ExchangeListener.NONE : listener;
            return null;
        });
    }

    public Settings settings() {
        return settings;
    }

    public SimClock clock() {
        return clock;
    }

    public boolean maintenance() {
        return maintenance;
    }

    public long acceptedOrders() {
        return acceptedOrders;
    }

    public long rejectedOrders() {
        return rejectedOrders;
    }

    public long fills() {
        return fills;
    }

    // ---------------------------------------------------------------- locking and time

    /** Runs an operation under the lock after bringing the market to the clock's time, then publishes. */
    public <T> T locked(Supplier<T> op) {
        lock.lock();
        try {
            advanceTo(clock.now());
            return op.get();
        } finally {
            try {
                flush();
            } finally {
                lock.unlock();
            }
        }
    }

    /** Brings the market to the clock's time (called periodically); returns the simulated ms until its next step. */
    public long tick() {
        return locked(() -> nextStepAt() - now);
    }

    private long nextStepAt() {
        return stepOrder.isEmpty() ? Long.MAX_VALUE : stepBase + stepOrder.get(stepIndex).instrument().stepOffsetMillis();
    }

    private void advanceTo(long t) {
        long step = settings.stepMillis();
        for (long at = nextStepAt(); at <= t; at = nextStepAt()) {
            now = at;
            Market m = stepOrder.get(stepIndex);
            PublicTrade trade = m.step(at, step, ++tradeSeq);
            noteMarket(m, trade);
            onPrice(m);
            if (++stepIndex == stepOrder.size()) {
                stepIndex = 0;
                stepBase += step;
            }
        }
        now = Math.max(now, t);
    }

    private void noteMarket(Market m, PublicTrade trade) {
        pendingMarket.computeIfAbsent(m.symbol(), k -> new long[]{trade.id() - 1, trade.mts()});
    }

    private void flush() {
        if (!pendingMarket.isEmpty()) {
            Map<String, long[]> copy = new LinkedHashMap<>(pendingMarket);
            pendingMarket.clear();
            copy.forEach((symbol, mark) -> {
                Market m = markets.get(symbol);
                listener.marketChanged(m, m.tradesSince(mark[0]), mark[1], tickerOf(m));
            });
        }
        if (!pendingEvents.isEmpty()) {
            Map<String, List<AccountEvent>> copy = new LinkedHashMap<>(pendingEvents);
            pendingEvents.clear();
            copy.forEach(listener::accountEvents);
        }
    }

    private void emit(Account a, String type, String symbol, String wallet, JsonNode payload) {
        pendingEvents.computeIfAbsent(a.name, k -> new ArrayList<>())
                .add(new AccountEvent(now, type, symbol, wallet, payload));
    }

    // ---------------------------------------------------------------- public market data

    public Market market(String symbol) {
        Market m = markets.get(symbol);
        if (m == null) {
            throw ExchangeException.invalid("symbol");
        }
        return m;
    }

    public Collection<Market> markets() {
        return markets.values();
    }

    public long now() {
        return locked(() -> now);
    }

    /** The trading ticker (10 fields). */
    public ArrayNode ticker(String symbol) {
        return locked(() -> tickerOf(market(symbol)));
    }

    ArrayNode tickerOf(Market m) {
        Market.DailyStats d = m.daily(now);
        return WireJson.array(m.bid(), m.depth(true), m.ask(), m.depth(false), d.change(), d.changeRelative(),
                m.last(), d.volume(), d.high(), d.low());
    }

    public ArrayNode tickerFrame(Market m) {
        return tickerOf(m);
    }

    public static ArrayNode candleArray(Candle c) {
        return WireJson.array(c.mts(), c.open(), c.close(), c.high(), c.low(), Prices.amount(c.volume()));
    }

    public static ArrayNode tradeArray(PublicTrade t) {
        return WireJson.array(t.id(), t.mts(), t.amount(), t.price());
    }

    // ---------------------------------------------------------------- accounts and auth

    public Account createAccount(String name, String apiKey, String apiSecret, Set<String> permissions,
                                 List<WalletSpec> wallets) {
        return locked(() -> {
            if (accounts.containsKey(name)) {
                throw new IllegalArgumentException("account exists: " + name);
            }
            if (keys.containsKey(apiKey)) {
                throw new IllegalArgumentException("api key in use");
            }
            Account a = new Account(name, ++userSeq);
            for (WalletSpec w : wallets) {
                a.wallet(w.type(), w.currency()).balance = w.balance();
            }
            accounts.put(name, a);
            addKeyLocked(a, apiKey, apiSecret, permissions);
            return a;
        });
    }

    /** Adds another key to an existing account (its own permissions and nonces); null when the account is unknown. */
    public ApiKey addKey(String account, String apiKey, String apiSecret, Set<String> permissions) {
        return locked(() -> {
            Account a = accounts.get(account);
            if (a == null) {
                return null;
            }
            if (keys.containsKey(apiKey)) {
                throw new IllegalArgumentException("api key in use");
            }
            return addKeyLocked(a, apiKey, apiSecret, permissions);
        });
    }

    private ApiKey addKeyLocked(Account a, String apiKey, String apiSecret, Set<String> permissions) {
        ApiKey k = new ApiKey(apiKey, apiSecret, permissions, a);
        a.keys.add(k);
        keys.put(apiKey, k);
        return k;
    }

    public record WalletSpec(String type, String currency, BigDecimal balance) {
    }

    public Account account(String name) {
        return accounts.get(name);
    }

    /**
     * Checks a signed request: key, HMAC-SHA384 (hex, any case) over one of the candidate messages, then the nonce
     * (strictly increasing per key; REST and WS keep separate counters).
     */
    public ApiKey authenticate(String apiKey, String nonce, String signature, List<byte[]> messages, boolean ws) {
        lock.lock();
        try {
            ApiKey a = apiKey == null ? null : keys.get(apiKey);
            if (a == null) {
                throw new ExchangeException(10100, "apikey: invalid");
            }
            if (signature == null || messages.stream().noneMatch(m -> signatureMatches(a.secret, m, signature))) {
                throw new ExchangeException(10100, "apikey: digest invalid");
            }
            long n;
            try {
                n = Long.parseLong(nonce == null ? "" : nonce.trim());
            } catch (NumberFormatException e) {
                throw new ExchangeException(10114, "nonce: invalid");
            }
            if (n <= 0 || n > MAX_NONCE) {
                throw new ExchangeException(10114, "nonce: invalid");
            }
            long last = ws ? a.lastWsNonce : a.lastRestNonce;
            if (n <= last) {
                throw new ExchangeException(10114, "nonce: small");
            }
            if (ws) {
                a.lastWsNonce = n;
            } else {
                a.lastRestNonce = n;
            }
            return a;
        } finally {
            lock.unlock();
        }
    }

    public static String sign(String secret, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA384");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA384"));
            return HexFormat.of().formatHex(mac.doFinal(message));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean signatureMatches(String secret, byte[] message, String signature) {
        byte[] expected = sign(secret, message).getBytes(StandardCharsets.US_ASCII);
        byte[] given = signature.trim().toLowerCase().getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, given);
    }

    // ---------------------------------------------------------------- account reads

    public ArrayNode wallets(Account a, boolean withAvailable) {
        return locked(() -> {
            ArrayNode out = WireJson.array();
            a.wallets.values().forEach(w -> out.add(walletArray(a, w, withAvailable)));
            return out;
        });
    }

    private ArrayNode walletArray(Account a, Wallet w, boolean withAvailable) {
        return WireJson.array(w.type, w.currency, Prices.amount(w.balance), 0,
                withAvailable ? Prices.amount(available(a, w)) : null, w.lastChange, w.lastMeta);
    }

    /** Balance minus what active orders hold (exchange wallets) or margin in use (margin wallets). */
    public BigDecimal available(Account a, Wallet w) {
        BigDecimal held = BigDecimal.ZERO;
        if ("exchange".equals(w.type)) {
            for (Order o : a.activeOrders.values()) {
                if (!o.exchange) {
                    continue;
                }
                Instrument i = markets.get(o.symbol).instrument();
                if (o.isBuy() && i.quote().equals(w.currency)) {
                    held = held.add(o.amount.abs().multiply(referencePrice(o)));
                } else if (!o.isBuy() && i.base().equals(w.currency)) {
                    held = held.add(o.amount.abs());
                }
            }
            return w.balance.subtract(held);
        }
        if ("margin".equals(w.type)) {
            return freeMargin(a, w.currency).max(BigDecimal.ZERO).min(w.balance.max(BigDecimal.ZERO));
        }
        return w.balance;
    }

    private BigDecimal referencePrice(Order o) {
        BigDecimal p = o.limitPrice();
        if (p == null) {
            p = o.price;
        }
        if (p == null || p.signum() == 0) {
            Market m = markets.get(o.symbol);
            p = o.isBuy() ? m.ask() : m.bid();
        }
        return p;
    }

    public ArrayNode positions(Account a) {
        return locked(() -> {
            ArrayNode out = WireJson.array();
            a.positions.values().forEach(p -> out.add(positionArray(a, p, null)));
            return out;
        });
    }

    private ArrayNode positionArray(Account a, Position p, ObjectNode meta) {
        Market m = markets.get(p.symbol);
        Instrument i = m.instrument();
        BigDecimal mark = m.last();
        BigDecimal pl = p.amount.signum() == 0 ? BigDecimal.ZERO : mark.subtract(p.basePrice).multiply(p.amount);
        BigDecimal notional = p.amount.abs().multiply(p.basePrice);
        BigDecimal plPerc = notional.signum() == 0 ? BigDecimal.ZERO
                : pl.multiply(HUNDRED).divide(notional, 4, RoundingMode.HALF_EVEN);
        BigDecimal equity = equity(a, i.quote());
        BigDecimal leverage = equity.signum() <= 0 || p.amount.signum() == 0 ? BigDecimal.ZERO
                : p.amount.abs().multiply(mark).divide(equity, 4, RoundingMode.HALF_EVEN);
        BigDecimal collateral = notional.divide(settings.maxLeverage(), 8, RoundingMode.HALF_EVEN);
        BigDecimal collateralMin = p.amount.abs().multiply(mark).multiply(settings.maintenanceRatio());
        return WireJson.array(p.symbol, p.status, Prices.amount(p.amount), Prices.strip(p.basePrice), 0, 0,
                Prices.amount(pl), Prices.strip(plPerc), liquidationPrice(a, p), Prices.strip(leverage), null, p.id,
                p.mtsCreate, p.mtsUpdate, null, 0, null, Prices.amount(collateral), Prices.amount(collateralMin),
                meta != null ? meta : p.meta);
    }

    /** Price at which the account's margin equity falls to the maintenance requirement of this position. */
    private BigDecimal liquidationPrice(Account a, Position p) {
        if (p.amount.signum() == 0) {
            return BigDecimal.ZERO;
        }
        Instrument i = markets.get(p.symbol).instrument();
        BigDecimal others = a.balance("margin", i.quote());
        for (Position q : a.positions.values()) {
            if (q != p && markets.get(q.symbol).instrument().quote().equals(i.quote())) {
                others = others.add(unrealized(q));
            }
        }
        BigDecimal amt = p.amount;
        BigDecimal m = settings.maintenanceRatio();
        BigDecimal denominator = amt.multiply(BigDecimal.ONE.subtract(m.multiply(BigDecimal.valueOf(amt.signum()))));
        if (denominator.signum() == 0) {
            return BigDecimal.ZERO;
        }
        BigDecimal liq = amt.multiply(p.basePrice).subtract(others).divide(denominator, 12, RoundingMode.HALF_EVEN);
        return liq.signum() <= 0 ? BigDecimal.ZERO : Prices.price(liq, RoundingMode.HALF_EVEN);
    }

    private BigDecimal unrealized(Position p) {
        return markets.get(p.symbol).last().subtract(p.basePrice).multiply(p.amount);
    }

    /** Margin wallet balance plus unrealized P/L of the positions in that currency. */
    private BigDecimal equity(Account a, String quote) {
        BigDecimal e = a.balance("margin", quote);
        for (Position p : a.positions.values()) {
            if (markets.get(p.symbol).instrument().quote().equals(quote)) {
                e = e.add(unrealized(p));
            }
        }
        return e;
    }

    /** Equity not used by positions nor held by active margin orders, in the quote currency. */
    private BigDecimal freeMargin(Account a, String quote) {
        BigDecimal used = BigDecimal.ZERO;
        for (Position p : a.positions.values()) {
            if (markets.get(p.symbol).instrument().quote().equals(quote)) {
                used = used.add(p.amount.abs().multiply(p.basePrice));
            }
        }
        for (Order o : a.activeOrders.values()) {
            if (!o.exchange && markets.get(o.symbol).instrument().quote().equals(quote)
                    && !Flags.has(o.flags, Flags.REDUCE_ONLY) && !Flags.has(o.flags, Flags.CLOSE)) {
                used = used.add(o.amount.abs().multiply(referencePrice(o)));
            }
        }
        return equity(a, quote).subtract(used.divide(settings.maxLeverage(), 12, RoundingMode.HALF_EVEN));
    }

    public ArrayNode marginBase(Account a) {
        return locked(() -> marginBaseOf(a));
    }

    private ArrayNode marginBaseOf(Account a) {
        BigDecimal pl = BigDecimal.ZERO;
        BigDecimal min = BigDecimal.ZERO;
        for (Position p : a.positions.values()) {
            pl = pl.add(unrealized(p));
            min = min.add(p.amount.abs().multiply(markets.get(p.symbol).last()).multiply(settings.maintenanceRatio()));
        }
        BigDecimal balance = BigDecimal.ZERO;
        for (Wallet w : a.wallets.values()) {
            if ("margin".equals(w.type) && isQuoteCurrency(w.currency)) {
                balance = balance.add(w.balance);
            }
        }
        return WireJson.array("base", WireJson.array(Prices.amount(pl), 0, Prices.amount(balance),
                Prices.amount(balance.add(pl)), Prices.amount(min)));
    }

    private boolean isQuoteCurrency(String currency) {
        return markets.values().stream().anyMatch(m -> m.instrument().quote().equals(currency));
    }

    public ArrayNode marginSym(Account a, String symbol) {
        return locked(() -> marginSymOf(a, market(symbol)));
    }

    public ArrayNode marginSymAll(Account a) {
        return locked(() -> {
            ArrayNode out = WireJson.array();
            markets.values().stream().filter(m -> m.instrument().margin()).forEach(m -> out.add(marginSymOf(a, m)));
            return out;
        });
    }

    private ArrayNode marginSymOf(Account a, Market m) {
        BigDecimal free = freeMargin(a, m.instrument().quote()).max(BigDecimal.ZERO);
        BigDecimal tradable = free.multiply(settings.maxLeverage());
        BigDecimal gross = equity(a, m.instrument().quote()).max(BigDecimal.ZERO).multiply(settings.maxLeverage());
        BigDecimal buy = tradable.divide(m.ask(), 8, RoundingMode.DOWN);
        BigDecimal sell = tradable.divide(m.bid(), 8, RoundingMode.DOWN);
        return WireJson.array("sym", m.symbol(), WireJson.array(Prices.amount(tradable), Prices.amount(gross),
                Prices.strip(buy), Prices.strip(sell)));
    }

    /** [AUM, AUM_NET] in USD, valuing currencies at the last price of their USD market (TEST* count 1:1). */
    private ArrayNode balanceOf(Account a) {
        BigDecimal aum = BigDecimal.ZERO;
        for (Wallet w : a.wallets.values()) {
            aum = aum.add(w.balance.multiply(usdValue(w.currency)));
        }
        for (Position p : a.positions.values()) {
            aum = aum.add(unrealized(p).multiply(usdValue(markets.get(p.symbol).instrument().quote())));
        }
        BigDecimal v = Prices.strip(aum.setScale(8, RoundingMode.HALF_EVEN));
        return WireJson.array(v, v);
    }

    private BigDecimal usdValue(String currency) {
        if (currency.equals("USD") || currency.startsWith("TESTUSD")) {
            return BigDecimal.ONE;
        }
        for (Market m : markets.values()) {
            Instrument i = m.instrument();
            if (i.base().equals(currency) && (i.quote().equals("USD") || i.quote().startsWith("TESTUSD"))) {
                return m.last();
            }
        }
        return BigDecimal.ZERO;
    }

    public ArrayNode activeOrders(Account a, String symbol, Set<Long> ids) {
        return locked(() -> {
            ArrayNode out = WireJson.array();
            a.activeOrders.values().stream()
                    .filter(o -> symbol == null || o.symbol.equals(symbol))
                    .filter(o -> ids == null || ids.isEmpty() || ids.contains(o.id))
                    .forEach(o -> out.add(o.toArray()));
            return out;
        });
    }

    public ArrayNode orderHistory(Account a, String symbol, Long start, Long end, int limit, Set<Long> ids) {
        return locked(() -> {
            ArrayNode out = WireJson.array();
            for (int i = a.closedOrders.size() - 1; i >= 0 && out.size() < limit; i--) {
                Order o = a.closedOrders.get(i);
                if ((symbol == null || o.symbol.equals(symbol)) && (ids == null || ids.isEmpty() || ids.contains(o.id))
                        && (start == null || o.mtsUpdate >= start) && (end == null || o.mtsUpdate <= end)) {
                    out.add(o.toArray());
                }
            }
            return out;
        });
    }

    public ArrayNode trades(Account a, String symbol, Long start, Long end, int limit, boolean ascending) {
        return locked(() -> {
            List<AccountTrade> list = new ArrayList<>();
            for (int i = a.trades.size() - 1; i >= 0; i--) {
                AccountTrade t = a.trades.get(i);
                if ((symbol == null || t.symbol().equals(symbol)) && (start == null || t.mts() >= start)
                        && (end == null || t.mts() <= end)) {
                    list.add(t);
                }
            }
            if (ascending) {
                java.util.Collections.reverse(list);
            }
            ArrayNode out = WireJson.array();
            list.stream().limit(limit).forEach(t -> out.add(t.toArray(true)));
            return out;
        });
    }

    public ArrayNode orderTrades(Account a, String symbol, long orderId) {
        return locked(() -> {
            ArrayNode out = WireJson.array();
            for (AccountTrade t : a.trades) {
                if (t.orderId() == orderId && t.symbol().equals(symbol)) {
                    ArrayNode row = t.toArray(true);
                    row.set(6, WireJson.MAPPER.nullNode());
                    row.set(7, WireJson.MAPPER.nullNode());
                    out.add(row);
                }
            }
            return out;
        });
    }

    /** Channel-0 snapshots sent after a successful WS auth, in Bitfinex's order. */
    public List<AccountEvent> authSnapshot(Account a) {
        return locked(() -> {
            List<AccountEvent> out = new ArrayList<>();
            ArrayNode ps = WireJson.array();
            a.positions.values().forEach(p -> ps.add(positionArray(a, p, null)));
            out.add(new AccountEvent(now, "ps", null, null, ps));
            ArrayNode ws = WireJson.array();
            a.wallets.values().forEach(w -> ws.add(walletArray(a, w, false)));
            out.add(new AccountEvent(now, "ws", null, null, ws));
            ArrayNode os = WireJson.array();
            a.activeOrders.values().forEach(o -> os.add(o.toArray()));
            out.add(new AccountEvent(now, "os", null, null, os));
            out.add(new AccountEvent(now, "fos", null, null, WireJson.array()));
            out.add(new AccountEvent(now, "fcs", null, null, WireJson.array()));
            out.add(new AccountEvent(now, "fls", null, null, WireJson.array()));
            a.wallets.values().forEach(w -> out.add(new AccountEvent(now, "wu", null, w.type + "-" + w.currency,
                    walletArray(a, w, true))));
            out.add(new AccountEvent(now, "bu", null, null, balanceOf(a)));
            return out;
        });
    }

    /** WS "calc" requests: margin_base, margin_sym_SYMBOL, position_SYMBOL, wallet_TYPE_CURRENCY, balance. */
    public void calc(Account a, List<String> requests) {
        locked(() -> {
            for (String r : requests) {
                if (r.equals("margin_base")) {
                    emit(a, "miu", null, null, marginBaseOf(a));
                } else if (r.startsWith("margin_sym_") && markets.containsKey(r.substring(11))) {
                    emit(a, "miu", r.substring(11), null, marginSymOf(a, markets.get(r.substring(11))));
                } else if (r.startsWith("position_") && a.positions.containsKey(r.substring(9))) {
                    emit(a, "pu", r.substring(9), null, positionArray(a, a.positions.get(r.substring(9)), null));
                } else if (r.startsWith("wallet_")) {
                    String[] parts = r.split("_", 3);
                    if (parts.length == 3 && a.wallets.containsKey(parts[1] + ":" + parts[2])) {
                        Wallet w = a.wallets.get(parts[1] + ":" + parts[2]);
                        emit(a, "wu", null, w.type + "-" + w.currency, walletArray(a, w, true));
                    }
                } else if (r.equals("balance")) {
                    emit(a, "bu", null, null, balanceOf(a));
                }
            }
            return null;
        });
    }

    // ---------------------------------------------------------------- admin

    public PublicTrade setPrice(String symbol, BigDecimal price) {
        return locked(() -> {
            return jump(market(symbol), price);
        });
    }

    /** Admin jump: prints the trade, matches what it crosses and queues the market update for the next flush. */
    private PublicTrade jump(Market m, BigDecimal price) {
        PublicTrade t = m.jump(now, price, ++tradeSeq);
        noteMarket(m, t);
        onPrice(m);
        return t;
    }

    /** One price of a bulk jump. */
    public record PriceUpdate(String symbol, BigDecimal price) {
    }

    /**
     * Applies many price jumps under one lock acquisition, in order. Each one is matched and published exactly as
     * {@link #setPrice} does (one flush per update, so subscribers see the same frames as for single jumps). Every
     * symbol and price is checked first: an invalid list changes nothing.
     */
    public List<PublicTrade> setPrices(List<PriceUpdate> updates) {
        return locked(() -> {
            for (PriceUpdate u : updates) {
                market(u.symbol());
                if (u.price() == null || u.price().signum() <= 0) {
                    throw ExchangeException.invalid("price");
                }
            }
            List<PublicTrade> trades = new ArrayList<>(updates.size());
            for (PriceUpdate u : updates) {
                trades.add(jump(markets.get(u.symbol()), u.price()));
                flush();
            }
            return trades;
        });
    }

    public long advanceClock(long millis) {
        clock.advance(millis);
        return locked(() -> now);
    }

    public void setMaintenance(boolean active) {
        locked(() -> {
            boolean changed = maintenance != active;
            maintenance = active;
            if (changed) {
                listener.maintenance(active);
            }
            return null;
        });
    }

    public List<Account> accounts() {
        return locked(() -> List.copyOf(accounts.values()));
    }

    /** A read-only view for the admin API. */
    public AccountView view(String name) {
        return locked(() -> {
            Account a = accounts.get(name);
            if (a == null) {
                return null;
            }
            List<AccountView.WalletView> ws = a.wallets.values().stream()
                    .map(w -> new AccountView.WalletView(w.type, w.currency, Prices.amount(w.balance),
                            Prices.amount(available(a, w))))
                    .toList();
            List<AccountView.OrderView> os = a.activeOrders.values().stream().map(Exchange::orderView).toList();
            List<AccountView.OrderView> closed = a.closedOrders.stream().map(Exchange::orderView).toList();
            List<AccountView.PositionView> ps = a.positions.values().stream()
                    .map(p -> {
                        ArrayNode arr = positionArray(a, p, null);
                        return new AccountView.PositionView(p.id, p.symbol, p.status, Prices.amount(p.amount),
                                Prices.strip(p.basePrice), arr.get(6).decimalValue(), arr.get(8).decimalValue(),
                                arr.get(9).decimalValue());
                    })
                    .toList();
            List<AccountView.TradeView> ts = a.trades.stream()
                    .map(t -> new AccountView.TradeView(t.id(), t.orderId(), t.symbol(), t.mts(), t.execAmount(),
                            t.execPrice(), t.fee(), t.feeCurrency(), t.maker()))
                    .toList();
            return new AccountView(a.name, ws, os, closed, ps, ts);
        });
    }

    private static AccountView.OrderView orderView(Order o) {
        return new AccountView.OrderView(o.id, o.cid, o.gid, o.symbol, o.type(), o.amount, o.amountOrig, o.price,
                o.priceAvg(), o.status, o.flags, o.placedId);
    }

    // ---------------------------------------------------------------- orders: submit

    /** Result of a submit: the accepted orders as they were when accepted. */
    public record Submitted(List<ArrayNode> orders, String text, long mts) {
        /**
         * REST answers DATA = [ORDER, ...] and the text "Submitting N orders." (as captured from the live API);
         * WS "n" carries one flat ORDER and the descriptive text.
         */
        public ArrayNode notification(boolean flatData) {
            ArrayNode all = WireJson.array();
            orders.forEach(all::add);
            return flatData ? notificationArray(mts, "on-req", orders.get(0), "SUCCESS", text)
                    : notificationArray(mts, "on-req", all, "SUCCESS", "Submitting " + orders.size() + " orders.");
        }
    }

    public static ArrayNode notificationArray(long mts, String type, JsonNode data, String status, String text) {
        return WireJson.array(mts, type, null, null, data, null, status, text);
    }

    /**
     * Submits an order (REST auth/w/order/submit, WS "on"). Throws {@link ExchangeException} when refused; on
     * success emits n on-req, on, then whatever the order does at once (fills, cancels).
     */
    public Submitted submit(Account a, JsonNode body) {
        return locked(() -> {
            OrderRequest r;
            Market m;
            try {
                checkTrading(a);
                r = OrderRequest.parse(body, markets.keySet());
                m = markets.get(r.symbol());
                validate(a, r, m);
            } catch (ExchangeException e) {
                rejectedOrders++;
                throw e;
            }
            List<Order> created = create(a, r, m);
            acceptedOrders += created.size();
            List<ArrayNode> snapshots = created.stream().map(Order::toArray).toList();
            String text = created.size() > 1 ? "Submitting " + created.size() + " orders."
                    : "Submitting " + describe(created.get(0)) + ".";
            emit(a, "n", r.symbol(), null, notificationArray(now, "on-req", snapshots.get(0), "SUCCESS", text));
            for (Order o : created) {
                a.activeOrders.put(o.id, o);
                activeBySymbol.get(o.symbol).put(o.id, o);
                emit(a, "on", o.symbol, null, o.toArray());
            }
            for (Order o : created) {
                if (o.active()) {
                    onPlaced(a, o, m);
                }
            }
            return new Submitted(snapshots, text, now);
        });
    }

    /** The refusal notification of a WS "on" (Bitfinex answers with n on-req ERROR, not an error event). */
    public static ArrayNode rejectedOrder(JsonNode body) {
        JsonNode b = body != null && body.isObject() ? body : WireJson.object();
        Object amount = b.hasNonNull("amount") ? b.get("amount").asText() : null;
        return WireJson.array(null, b.hasNonNull("gid") ? b.get("gid") : null,
                b.hasNonNull("cid") ? b.get("cid") : null, b.hasNonNull("symbol") ? b.get("symbol").asText() : null,
                null, null, amount, amount, b.hasNonNull("type") ? b.get("type").asText() : null, null, null, null,
                b.hasNonNull("flags") ? b.get("flags") : 0, null, null, null,
                b.hasNonNull("price") ? b.get("price").asText() : null, 0, 0, 0, null, null, null, 0, 0, null, null,
                null, "API>BFX", null, null, null);
    }

    public void reject(Account a, String type, JsonNode data, ExchangeException e) {
        locked(() -> {
            emit(a, "n", null, null, notificationArray(now, type, data, "ERROR", e.text()));
            return null;
        });
    }

    /** A custom notification (WS input [0,"n",null,{type:"ucm-*",info}]) echoed to the account. */
    public void notifyCustom(Account a, String type, JsonNode info) {
        locked(() -> {
            emit(a, "n", null, null, notificationArray(now, type, info, "SUCCESS", null));
            return null;
        });
    }

    /** The key's write permission is checked by the caller (REST or WS), which knows which key signed. */
    private void checkTrading(Account a) {
        if (maintenance) {
            throw new ExchangeException(20060, "maintenance");
        }
    }

    private static String describe(Order o) {
        String kind = o.kind.wire(false).toLowerCase();
        return (o.exchange ? "exchange " : "") + kind + " " + (o.isBuy() ? "buy" : "sell") + " order for "
                + Prices.text(o.amountOrig.abs()) + " " + baseOf(o.symbol);
    }

    private static String baseOf(String symbol) {
        String pair = symbol.substring(1);
        int colon = pair.indexOf(':');
        return colon > 0 ? pair.substring(0, colon) : pair.substring(0, Math.min(3, pair.length()));
    }

    private void validate(Account a, OrderRequest r, Market m) {
        Instrument i = m.instrument();
        BigDecimal size = r.amount().abs();
        if (size.compareTo(i.minSize()) < 0) {
            throw new ExchangeException(10001, "Invalid order: minimum size for " + i.pair() + " is "
                    + Prices.text(i.minSize()));
        }
        if (size.compareTo(i.maxSize()) > 0) {
            throw new ExchangeException(10001, "Invalid order: maximum size for " + i.pair() + " is "
                    + Prices.text(i.maxSize()));
        }
        if (!r.type().exchange() && !i.margin()) {
            throw new ExchangeException(10001, "Invalid order: margin trading is not enabled for " + i.pair());
        }
        boolean buy = r.amount().signum() > 0;
        BigDecimal ref = switch (r.type().kind()) {
            case LIMIT, FOK, IOC, STOP -> r.price();
            case STOP_LIMIT -> r.priceAuxLimit();
            case MARKET, TRAILING_STOP -> walkPrice(m, buy, size);
        };
        if (r.type().exchange()) {
            if (buy) {
                BigDecimal need = size.multiply(ref);
                Wallet w = a.wallets.get("exchange:" + i.quote());
                if (w == null || available(a, w).compareTo(need) < 0) {
                    throw notEnough("exchange", r, i, ref);
                }
            } else {
                Wallet w = a.wallets.get("exchange:" + i.base());
                if (w == null || available(a, w).compareTo(size) < 0) {
                    throw notEnough("exchange", r, i, ref);
                }
            }
        } else {
            Position p = a.positions.get(i.symbol());
            boolean reduces = p != null && p.amount.signum() != 0 && p.amount.signum() != r.amount().signum();
            boolean reduceOnly = Flags.has(r.flags(), Flags.REDUCE_ONLY) || Flags.has(r.flags(), Flags.CLOSE);
            if (Flags.has(r.flags(), Flags.REDUCE_ONLY) && !reduces) {
                throw new ExchangeException(10001, "Invalid order: reduce-only order would increase position");
            }
            if (!reduceOnly) {
                BigDecimal opening = reduces ? size.subtract(p.amount.abs()).max(BigDecimal.ZERO) : size;
                BigDecimal need = opening.multiply(ref).divide(settings.maxLeverage(), 12, RoundingMode.HALF_EVEN);
                if (opening.signum() > 0 && freeMargin(a, i.quote()).compareTo(need) < 0) {
                    throw notEnough("tradable", r, i, ref);
                }
            }
        }
    }

    private static ExchangeException notEnough(String what, OrderRequest r, Instrument i, BigDecimal price) {
        return new ExchangeException(10001, "Invalid order: not enough " + what + " balance for "
                + Prices.text(r.amount()) + " " + i.pair() + " at " + Prices.text(price));
    }

    /** Average price of walking the book for {@code size} (the deepest level prices what the book lacks). */
    private BigDecimal walkPrice(Market m, boolean buy, BigDecimal size) {
        BigDecimal rem = size;
        BigDecimal cost = BigDecimal.ZERO;
        BigDecimal lastPrice = buy ? m.ask() : m.bid();
        for (Market.BookLevel l : m.levels(!buy)) {
            BigDecimal q = rem.min(l.amount());
            cost = cost.add(q.multiply(l.price()));
            rem = rem.subtract(q);
            lastPrice = l.price();
            if (rem.signum() == 0) {
                break;
            }
        }
        cost = cost.add(rem.multiply(lastPrice));
        return cost.divide(size, 12, RoundingMode.UP);
    }

    private List<Order> create(Account a, OrderRequest r, Market m) {
        List<Order> out = new ArrayList<>();
        Order o = newOrder(a, r, r.type().kind(), r.price());
        out.add(o);
        if (Flags.has(r.flags(), Flags.OCO)) {
            Order stop = newOrder(a, r, OrderKind.STOP, r.priceOcoStop());
            stop.priceAuxLimit = BigDecimal.ZERO;
            stop.priceTrailing = BigDecimal.ZERO;
            o.placedId = stop.id;
            stop.placedId = o.id;
            out.add(stop);
        }
        if (o.kind == OrderKind.MARKET) {
            o.price = o.isBuy() ? m.ask() : m.bid();
        }
        if (o.kind == OrderKind.TRAILING_STOP) {
            o.trailExtreme = m.last();
            o.price = Prices.price(o.isBuy() ? m.last().add(o.priceTrailing) : m.last().subtract(o.priceTrailing),
                    RoundingMode.HALF_EVEN);
        }
        return out;
    }

    private Order newOrder(Account a, OrderRequest r, OrderKind kind, BigDecimal price) {
        Order o = new Order(++orderSeq, a.name, r.symbol(), now, r.type().exchange());
        o.kind = kind;
        o.gid = r.gid();
        o.cid = r.cid();
        o.cidDate = r.cid() == null ? null : LocalDateTime.ofEpochSecond(now / 1000, 0, ZoneOffset.UTC)
                .toLocalDate().toString();
        o.amount = r.amount();
        o.amountOrig = r.amount();
        o.flags = r.flags();
        o.price = price;
        o.priceAuxLimit = r.priceAuxLimit() == null ? BigDecimal.ZERO : r.priceAuxLimit();
        o.priceTrailing = r.priceTrailing() == null ? BigDecimal.ZERO : r.priceTrailing();
        o.mtsTif = r.tif();
        ObjectNode meta = r.meta() == null ? WireJson.object() : r.meta().deepCopy();
        if (Flags.has(r.flags(), Flags.POST_ONLY)) {
            meta.put("$F7", 1);
        }
        if (r.lev() != null && !o.exchange) {
            meta.put("$F33", r.lev());
        }
        o.meta = meta;
        return o;
    }

    /** What an order does right after it is accepted. */
    private void onPlaced(Account a, Order o, Market m) {
        switch (o.kind) {
            case STOP, STOP_LIMIT, TRAILING_STOP -> checkTrigger(a, o, m);
            case MARKET -> takeLiquidity(a, o, m);
            case FOK -> {
                if (fillable(o, m).compareTo(o.amount.abs()) < 0) {
                    cancel(a, o, "FILLORKILL CANCELED");
                } else {
                    takeLiquidity(a, o, m);
                }
            }
            case IOC -> takeLiquidity(a, o, m);
            case LIMIT -> {
                if (crosses(o, m) && Flags.has(o.flags, Flags.POST_ONLY)) {
                    cancel(a, o, "POSTONLY CANCELED");
                } else if (crosses(o, m)) {
                    takeLiquidity(a, o, m);
                }
            }
        }
    }

    private static boolean crosses(Order o, Market m) {
        BigDecimal p = o.limitPrice();
        return o.isBuy() ? p.compareTo(m.ask()) >= 0 : p.compareTo(m.bid()) <= 0;
    }

    private BigDecimal fillable(Order o, Market m) {
        BigDecimal limit = o.limitPrice();
        BigDecimal sum = BigDecimal.ZERO;
        for (Market.BookLevel l : m.levels(!o.isBuy())) {
            if (limit != null && (o.isBuy() ? l.price().compareTo(limit) > 0 : l.price().compareTo(limit) < 0)) {
                break;
            }
            sum = sum.add(l.amount());
        }
        return sum;
    }

    /** Walks the synthetic book as a taker, up to the limit price if any; what is left depends on the type. */
    private void takeLiquidity(Account a, Order o, Market m) {
        BigDecimal limit = o.limitPrice();
        for (Market.BookLevel l : m.levels(!o.isBuy())) {
            if (!o.active()) {
                break;
            }
            if (limit != null && (o.isBuy() ? l.price().compareTo(limit) > 0 : l.price().compareTo(limit) < 0)) {
                break;
            }
            fill(a, o, o.amount.abs().min(l.amount()), l.price(), false, m);
        }
        if (o.active()) {
            switch (o.kind) {
                case MARKET -> cancel(a, o, "CANCELED");
                case IOC -> cancel(a, o, "IOC CANCELED");
                case FOK -> cancel(a, o, "FILLORKILL CANCELED");
                default -> {
                    // a limit rests with what is left
                }
            }
        }
    }

    // ---------------------------------------------------------------- market moves

    /** After every price change of a market: expiries, stops, resting limits, liquidations. */
    private void onPrice(Market m) {
        TreeMap<Long, Order> book = activeBySymbol.get(m.symbol());
        if (!book.isEmpty()) {
            for (Order o : new ArrayList<>(book.values())) {
                if (!o.active()) {
                    continue;
                }
                Account a = accounts.get(o.account);
                if (o.mtsTif != null && o.mtsTif <= now) {
                    cancel(a, o, "CANCELED");
                } else if (o.kind.isStop()) {
                    checkTrigger(a, o, m);
                } else if (o.kind == OrderKind.LIMIT && crosses(o, m)) {
                    BigDecimal liquidity = fillable(o, m);
                    if (liquidity.signum() > 0) {
                        fill(a, o, o.amount.abs().min(liquidity), o.price, true, m);
                    }
                }
            }
        }
        for (Account a : accounts.values()) {
            Position p = a.positions.get(m.symbol());
            if (p != null && p.amount.signum() != 0) {
                BigDecimal liq = liquidationPrice(a, p);
                if (liq.signum() > 0 && (p.amount.signum() > 0 ? m.last().compareTo(liq) <= 0
                        : m.last().compareTo(liq) >= 0)) {
                    liquidate(a, p, m);
                }
            }
        }
    }

    private void checkTrigger(Account a, Order o, Market m) {
        BigDecimal last = m.last();
        if (o.kind == OrderKind.TRAILING_STOP) {
            o.trailExtreme = o.trailExtreme == null ? last
                    : o.isBuy() ? o.trailExtreme.min(last) : o.trailExtreme.max(last);
            BigDecimal stop = Prices.price(o.isBuy() ? o.trailExtreme.add(o.priceTrailing)
                    : o.trailExtreme.subtract(o.priceTrailing), RoundingMode.HALF_EVEN);
            o.price = stop;
        }
        boolean triggered = o.isBuy() ? last.compareTo(o.price) >= 0 : last.compareTo(o.price) <= 0;
        if (!triggered) {
            return;
        }
        o.typePrev = o.type();
        o.kind = o.kind == OrderKind.STOP_LIMIT ? OrderKind.LIMIT : OrderKind.MARKET;
        if (o.kind == OrderKind.LIMIT) {
            o.price = o.priceAuxLimit;
        }
        o.mtsUpdate = now;
        emit(a, "ou", o.symbol, null, o.toArray());
        if (o.kind == OrderKind.MARKET || crosses(o, m)) {
            takeLiquidity(a, o, m);
        }
    }

    private void liquidate(Account a, Position p, Market m) {
        BigDecimal price = p.amount.signum() > 0 ? m.bid() : m.ask();
        BigDecimal realized = price.subtract(p.basePrice).multiply(p.amount);
        Wallet w = a.wallet("margin", m.instrument().quote());
        w.balance = w.balance.add(realized);
        w.lastChange = "Position #" + p.id + " liquidated @ " + Prices.text(price);
        p.amount = BigDecimal.ZERO;
        p.status = "CLOSED";
        p.mtsUpdate = now;
        ObjectNode meta = WireJson.object().put("reason", "LIQUIDATION").put("liq_stage", 1);
        emit(a, "pc", p.symbol, null, positionArray(a, p, meta));
        a.positions.remove(p.symbol);
        for (Order o : new ArrayList<>(a.activeOrders.values())) {
            if (!o.exchange && o.symbol.equals(p.symbol)) {
                cancel(a, o, "CANCELED");
            }
        }
        emit(a, "wu", null, w.type + "-" + w.currency, walletArray(a, w, true));
        emit(a, "miu", null, null, marginBaseOf(a));
        emit(a, "bu", null, null, balanceOf(a));
    }

    // ---------------------------------------------------------------- fills

    /** Executes {@code qty} (absolute) of an order at a price and emits the events in Bitfinex's order. */
    private void fill(Account a, Order o, BigDecimal qty, BigDecimal price, boolean maker, Market m) {
        Instrument i = m.instrument();
        if (!o.exchange && (Flags.has(o.flags, Flags.REDUCE_ONLY) || Flags.has(o.flags, Flags.CLOSE))) {
            Position p = a.positions.get(o.symbol);
            BigDecimal allowed = p != null && p.amount.signum() != 0 && p.amount.signum() != o.amountOrig.signum()
                    ? p.amount.abs() : BigDecimal.ZERO;
            qty = qty.min(allowed);
            if (qty.signum() == 0) {
                cancel(a, o, "CANCELED");
                return;
            }
        }
        BigDecimal signed = o.isBuy() ? qty : qty.negate();
        BigDecimal rate = maker ? settings.makerFee() : settings.takerFee();
        long tradeId = ++tradeSeq;
        fills++;
        BigDecimal fee;
        String feeCurrency;
        Wallet feeWallet;
        ObjectNode walletMeta = WireJson.object().put("reason", "TRADE").put("order_id", o.id)
                .putNull("order_id_oppo").put("trade_price", Prices.text(price))
                .put("trade_amount", Prices.text(signed));
        if (o.cid != null) {
            walletMeta.put("order_cid", o.cid);
        }
        if (o.gid != null) {
            walletMeta.put("order_gid", o.gid);
        }
        if (o.exchange) {
            Wallet base = a.wallet("exchange", i.base());
            Wallet quote = a.wallet("exchange", i.quote());
            base.balance = base.balance.add(signed);
            quote.balance = quote.balance.subtract(signed.multiply(price));
            String change = "Exchange " + Prices.text(qty) + " " + i.base() + " for " + i.quote() + " @ "
                    + Prices.text(price);
            for (Wallet w : List.of(base, quote)) {
                w.lastChange = change;
                w.lastMeta = walletMeta;
                emit(a, "wu", o.symbol, w.type + "-" + w.currency, walletArray(a, w, true));
            }
            if (o.isBuy()) {
                fee = Prices.amount(qty.multiply(rate));
                feeWallet = base;
            } else {
                fee = Prices.amount(qty.multiply(price).multiply(rate));
                feeWallet = quote;
            }
            feeCurrency = feeWallet.currency;
        } else {
            feeWallet = a.wallet("margin", i.quote());
            fee = Prices.amount(qty.multiply(price).multiply(rate));
            feeCurrency = i.quote();
        }
        updateOrderAfterFill(o, qty, signed, price);
        emit(a, o.active() ? "ou" : "oc", o.symbol, null, o.toArray());
        if (!o.active()) {
            close(a, o);
        }
        AccountTrade trade = new AccountTrade(tradeId, o.symbol, now, o.id, signed, price, o.type(),
                o.limitPrice() != null ? o.limitPrice() : o.price, maker, fee.negate(), feeCurrency, o.cid);
        a.trades.add(trade);
        emit(a, "te", o.symbol, null, trade.toArray(false));
        feeWallet.balance = feeWallet.balance.subtract(fee);
        emit(a, "tu", o.symbol, null, trade.toArray(true));
        if (!o.exchange) {
            applyToPosition(a, o, signed, price, m, feeWallet);
        }
        emit(a, "wu", o.symbol, feeWallet.type + "-" + feeWallet.currency, walletArray(a, feeWallet, true));
        if (!o.exchange) {
            emit(a, "miu", null, null, marginBaseOf(a));
            emit(a, "miu", o.symbol, null, marginSymOf(a, m));
        }
        emit(a, "bu", null, null, balanceOf(a));
        PublicTrade pt = new PublicTrade(tradeId, now, maker ? signed.negate() : signed, price);
        m.record(pt, !maker);
        noteMarket(m, pt);
        if (o.placedId != null) {
            Order twin = a.activeOrders.get(o.placedId);
            if (twin != null) {
                cancel(a, twin, "CANCELED", false);
            }
        }
    }

    private void updateOrderAfterFill(Order o, BigDecimal qty, BigDecimal signed, BigDecimal price) {
        o.amount = Prices.amount(o.amount.subtract(signed));
        o.filled = o.filled.add(qty);
        o.filledValue = o.filledValue.add(qty.multiply(price));
        o.mtsUpdate = now;
        String fillText = "@ " + Prices.text(price) + "(" + Prices.text(signed) + ")";
        String was = o.partials.isEmpty() ? "" : ": was " + String.join(", ", o.partials.reversed());
        if (o.amount.signum() == 0) {
            o.status = "EXECUTED " + fillText + was;
        } else {
            o.status = "PARTIALLY FILLED " + fillText + was;
            o.partials.add("PARTIALLY FILLED " + fillText);
        }
    }

    private void applyToPosition(Account a, Order o, BigDecimal signed, BigDecimal price, Market m, Wallet margin) {
        Position p = a.positions.get(o.symbol);
        boolean opened = p == null;
        if (opened) {
            p = new Position(++positionSeq, o.symbol, now);
            a.positions.put(o.symbol, p);
        }
        BigDecimal old = p.amount;
        BigDecimal qty = signed.abs();
        BigDecimal realized = BigDecimal.ZERO;
        if (old.signum() == 0 || old.signum() == signed.signum()) {
            p.basePrice = old.abs().multiply(p.basePrice).add(qty.multiply(price))
                    .divide(old.abs().add(qty), 8, RoundingMode.HALF_EVEN);
        } else {
            BigDecimal closing = qty.min(old.abs());
            realized = price.subtract(p.basePrice).multiply(closing).multiply(BigDecimal.valueOf(old.signum()));
            if (qty.compareTo(old.abs()) > 0) {
                p.basePrice = price;
            }
        }
        p.amount = Prices.amount(old.add(signed));
        p.mtsUpdate = now;
        p.lastOrderId = o.id;
        margin.balance = margin.balance.add(realized);
        if (realized.signum() != 0) {
            margin.lastChange = "Position #" + p.id + " P/L " + Prices.text(Prices.amount(realized));
        }
        ObjectNode meta = WireJson.object().put("reason", "TRADE").put("order_id", o.id).putNull("order_id_oppo")
                .put("trade_price", Prices.text(price)).put("trade_amount", Prices.text(signed));
        p.meta = meta;
        if (p.amount.signum() == 0) {
            p.status = "CLOSED";
            emit(a, "pc", p.symbol, null, positionArray(a, p, meta));
            a.positions.remove(p.symbol);
        } else {
            emit(a, opened ? "pn" : "pu", p.symbol, null, positionArray(a, p, meta));
        }
    }

    // ---------------------------------------------------------------- cancel / update

    private void cancel(Account a, Order o, String status) {
        cancel(a, o, status, true);
    }

    /** Cancels an order; {@code withTwin} also cancels its OCO twin (a fill cancels only the twin). */
    private void cancel(Account a, Order o, String status, boolean withTwin) {
        if (!o.active()) {
            return;
        }
        String was = o.filled.signum() > 0 ? " was: " + o.status : "";
        o.status = status + was;
        o.mtsUpdate = now;
        close(a, o);
        emit(a, "oc", o.symbol, null, o.toArray());
        if (withTwin && o.placedId != null) {
            Order twin = a.activeOrders.get(o.placedId);
            if (twin != null) {
                cancel(a, twin, "CANCELED", false);
            }
        }
    }

    private void close(Account a, Order o) {
        a.activeOrders.remove(o.id);
        activeBySymbol.get(o.symbol).remove(o.id);
        a.closedOrders.add(o);
    }

    /** Cancels one order by {id} or {cid, cid_date}: returns the oc-req notification (DATA = the order). */
    public ArrayNode cancelOrder(Account a, JsonNode body) {
        return locked(() -> {
            checkTrading(a);
            Order o = find(a, body);
            ArrayNode snapshot = o.toArray();
            ArrayNode n = notificationArray(now, "oc-req", snapshot, "SUCCESS",
                    "Submitted for cancellation; waiting for confirmation (ID: " + o.id + ").");
            emit(a, "n", o.symbol, null, n);
            cancel(a, o, "CANCELED");
            return n;
        });
    }

    private Order find(Account a, JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ExchangeException.invalid("id");
        }
        if (body.hasNonNull("id")) {
            long id = OrderRequest.longValue(body.get("id"), "id");
            Order o = a.activeOrders.get(id);
            if (o == null) {
                throw new ExchangeException(10001, "Order not found.");
            }
            return o;
        }
        if (body.hasNonNull("cid")) {
            long cid = OrderRequest.longValue(body.get("cid"), "cid");
            String date = body.hasNonNull("cid_date") ? body.get("cid_date").asText() : null;
            return a.activeOrders.values().stream()
                    .filter(o -> o.cid != null && o.cid == cid && (date == null || date.equals(o.cidDate)))
                    .findFirst().orElseThrow(() -> new ExchangeException(10001, "Order not found."));
        }
        throw ExchangeException.invalid("id");
    }

    /** Cancels several orders ({id:[..]}, {gid:[..]}, {cid:[[cid,date],..]}, {all:1}): oc_multi-req notification. */
    public ArrayNode cancelMulti(Account a, JsonNode body) {
        return locked(() -> {
            checkTrading(a);
            if (body == null || !body.isObject()) {
                throw ExchangeException.invalid("id");
            }
            List<Order> targets = new ArrayList<>();
            for (Order o : a.activeOrders.values()) {
                if (body.path("all").asInt(0) == 1 || contains(body.get("id"), o.id)
                        || (o.gid != null && contains(body.get("gid"), o.gid)) || matchesCid(body.get("cid"), o)) {
                    targets.add(o);
                }
            }
            ArrayNode data = WireJson.array();
            targets.forEach(o -> data.add(o.toArray()));
            ArrayNode n = notificationArray(now, "oc_multi-req", data, "SUCCESS",
                    "Submitted for cancellation; waiting for confirmation.");
            emit(a, "n", null, null, n);
            targets.forEach(o -> cancel(a, o, "CANCELED"));
            return n;
        });
    }

    /** Cancels every active order of an account (dead-man switch). */
    public void cancelAll(String account) {
        locked(() -> {
            Account a = accounts.get(account);
            if (a != null) {
                new ArrayList<>(a.activeOrders.values()).forEach(o -> cancel(a, o, "CANCELED"));
            }
            return null;
        });
    }

    private static boolean contains(JsonNode list, long value) {
        if (list == null || !list.isArray()) {
            return false;
        }
        for (JsonNode n : list) {
            if (n.canConvertToLong() && n.asLong() == value || n.isTextual() && n.asText().equals(Long.toString(value))) {
                return true;
            }
        }
        return false;
    }

    private static boolean matchesCid(JsonNode list, Order o) {
        if (list == null || !list.isArray() || o.cid == null) {
            return false;
        }
        for (JsonNode pair : list) {
            if (pair.isArray() && pair.size() >= 1 && pair.get(0).asLong() == o.cid
                    && (pair.size() < 2 || pair.get(1).asText().equals(o.cidDate))) {
                return true;
            }
        }
        return false;
    }

    /** Updates an active order (price, amount, delta, aux limit, trailing, flags, gid, cid, tif). */
    public ArrayNode updateOrder(Account a, JsonNode body) {
        return locked(() -> {
            checkTrading(a);
            Order o = find(a, body.has("id") ? body : WireJson.object());
            Market m = markets.get(o.symbol);
            BigDecimal amount = o.amount;
            if (body.hasNonNull("amount")) {
                amount = OrderRequest.decimal(body.get("amount"), "amount");
            }
            if (body.hasNonNull("delta")) {
                amount = amount.add(OrderRequest.decimal(body.get("delta"), "delta"));
            }
            if (amount.signum() == 0 || amount.signum() != o.amountOrig.signum() || amount.scale() > 8) {
                throw ExchangeException.invalid("amount");
            }
            BigDecimal price = body.hasNonNull("price") ? OrderRequest.price(body.get("price"), "price") : o.price;
            BigDecimal aux = body.hasNonNull("price_aux_limit")
                    ? OrderRequest.price(body.get("price_aux_limit"), "price_aux_limit") : o.priceAuxLimit;
            BigDecimal trailing = body.hasNonNull("price_trailing")
                    ? OrderRequest.price(body.get("price_trailing"), "price_trailing") : o.priceTrailing;
            o.amountOrig = o.amountOrig.add(amount.subtract(o.amount));
            o.amount = amount;
            o.price = price;
            o.priceAuxLimit = aux;
            o.priceTrailing = trailing;
            if (body.hasNonNull("flags")) {
                o.flags = (int) OrderRequest.longValue(body.get("flags"), "flags");
            }
            if (body.hasNonNull("gid")) {
                o.gid = OrderRequest.longValue(body.get("gid"), "gid");
            }
            if (body.hasNonNull("cid")) {
                o.cid = OrderRequest.longValue(body.get("cid"), "cid");
            }
            if (body.hasNonNull("tif")) {
                o.mtsTif = OrderRequest.tif(body.get("tif"));
            }
            o.mtsUpdate = now;
            ArrayNode n = notificationArray(now, "ou-req", o.toArray(), "SUCCESS",
                    "Submitting update to " + describe(o) + ".");
            emit(a, "n", o.symbol, null, n);
            emit(a, "ou", o.symbol, null, o.toArray());
            if (o.kind == OrderKind.LIMIT && crosses(o, m)) {
                if (Flags.has(o.flags, Flags.POST_ONLY)) {
                    cancel(a, o, "POSTONLY CANCELED");
                } else {
                    takeLiquidity(a, o, m);
                }
            } else if (o.kind.isStop()) {
                checkTrigger(a, o, m);
            }
            return n;
        });
    }

    /** Parsed and checked fields of an order submit body. */
    record OrderRequest(OrderKind.Type type, String symbol, BigDecimal amount, BigDecimal price,
                        BigDecimal priceAuxLimit, BigDecimal priceTrailing, BigDecimal priceOcoStop, Long gid,
                        Long cid, int flags, Integer lev, Long tif, ObjectNode meta) {

        static OrderRequest parse(JsonNode b, Set<String> symbols) {
            if (b == null || !b.isObject()) {
                throw ExchangeException.invalid("request");
            }
            OrderKind.Type type = OrderKind.parse(b.path("type").isTextual() ? b.get("type").asText() : null)
                    .orElseThrow(() -> ExchangeException.invalid("type"));
            String symbol = b.path("symbol").asText("");
            if (!symbols.contains(symbol)) {
                throw ExchangeException.invalid("symbol");
            }
            if (!b.hasNonNull("amount")) {
                throw ExchangeException.invalid("amount");
            }
            BigDecimal amount = decimal(b.get("amount"), "amount");
            if (amount.scale() > Prices.AMOUNT_SCALE && amount.stripTrailingZeros().scale() > Prices.AMOUNT_SCALE) {
                throw ExchangeException.invalid("amount");
            }
            amount = Prices.amount(amount);
            BigDecimal price = null;
            if (type.kind().needsPrice()) {
                if (!b.hasNonNull("price")) {
                    throw ExchangeException.invalid("price");
                }
                price = price(b.get("price"), "price");
            }
            BigDecimal aux = null;
            if (type.kind() == OrderKind.STOP_LIMIT) {
                if (!b.hasNonNull("price_aux_limit")) {
                    throw ExchangeException.invalid("price_aux_limit");
                }
                aux = price(b.get("price_aux_limit"), "price_aux_limit");
            }
            BigDecimal trailing = null;
            if (type.kind() == OrderKind.TRAILING_STOP) {
                if (!b.hasNonNull("price_trailing")) {
                    throw ExchangeException.invalid("price_trailing");
                }
                trailing = price(b.get("price_trailing"), "price_trailing");
            }
            int flags = b.hasNonNull("flags") ? (int) longValue(b.get("flags"), "flags") : 0;
            BigDecimal oco = null;
            if (Flags.has(flags, Flags.OCO)) {
                if (!b.hasNonNull("price_oco_stop")) {
                    throw ExchangeException.invalid("price_oco_stop");
                }
                oco = price(b.get("price_oco_stop"), "price_oco_stop");
            }
            Long gid = b.hasNonNull("gid") ? longValue(b.get("gid"), "gid") : null;
            Long cid = b.hasNonNull("cid") ? longValue(b.get("cid"), "cid") : null;
            Integer lev = b.hasNonNull("lev") ? (int) longValue(b.get("lev"), "lev") : null;
            if (lev != null && (lev < 1 || lev > 100)) {
                throw ExchangeException.invalid("lev");
            }
            Long tif = b.hasNonNull("tif") ? tif(b.get("tif")) : null;
            ObjectNode meta = b.get("meta") instanceof ObjectNode o ? o : null;
            return new OrderRequest(type, symbol, amount, price, aux, trailing, oco, gid, cid, flags, lev, tif, meta);
        }

        static BigDecimal decimal(JsonNode n, String field) {
            try {
                if (n.isNumber()) {
                    return n.decimalValue();
                }
                if (n.isTextual()) {
                    return new BigDecimal(n.asText().trim());
                }
            } catch (NumberFormatException e) {
                // falls through to the refusal
            }
            throw ExchangeException.invalid(field);
        }

        /** A positive price, truncated to 5 significant digits as Bitfinex does. */
        static BigDecimal price(JsonNode n, String field) {
            BigDecimal p = decimal(n, field);
            if (p.signum() <= 0) {
                throw new ExchangeException(10001, "Invalid price.");
            }
            return Prices.price(p, RoundingMode.DOWN);
        }

        static long longValue(JsonNode n, String field) {
            try {
                if (n.isIntegralNumber()) {
                    return n.asLong();
                }
                if (n.isTextual()) {
                    return Long.parseLong(n.asText().trim());
                }
            } catch (NumberFormatException e) {
                // falls through to the refusal
            }
            throw ExchangeException.invalid(field);
        }

        static Long tif(JsonNode n) {
            try {
                return LocalDateTime.parse(n.asText().trim(), TIF).toInstant(ZoneOffset.UTC).toEpochMilli();
            } catch (DateTimeParseException e) {
                throw ExchangeException.invalid("tif");
            }
        }
    }
}
