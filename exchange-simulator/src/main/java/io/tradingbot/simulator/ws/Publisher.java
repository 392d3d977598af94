package io.tradingbot.simulator.ws;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.quarkus.websockets.next.CloseReason;
import io.tradingbot.simulator.config.SimConfig;
import io.tradingbot.simulator.engine.AccountEvent;
import io.tradingbot.simulator.engine.Candle;
import io.tradingbot.simulator.engine.Exchange;
import io.tradingbot.simulator.engine.ExchangeListener;
import io.tradingbot.simulator.engine.Market;
import io.tradingbot.simulator.engine.PublicTrade;
import io.tradingbot.simulator.engine.WireJson;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Fans the exchange's events out to the open sockets: public channels, channel 0, info events, heartbeats. */
@ApplicationScoped
public class Publisher implements ExchangeListener {
    /** At most this many trades/candles per channel per batch (a big clock jump must not flood sockets). */
    private static final int MAX_BATCH = 50;

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final SimConfig config;
    private ScheduledExecutorService heartbeats;

    public Publisher(SimConfig config) {
        this.config = config;
    }

    @PostConstruct
    void start() {
        heartbeats = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sim-ws-heartbeat");
            t.setDaemon(true);
            return t;
        });
        int every = config.ws().heartbeatSeconds();
        heartbeats.scheduleAtFixedRate(this::heartbeat, every, every, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        heartbeats.shutdownNow();
    }

    void register(Session s) {
        sessions.put(s.connection.id(), s);
    }

    Session get(String connectionId) {
        return sessions.get(connectionId);
    }

    Session unregister(String connectionId) {
        return sessions.remove(connectionId);
    }

    Collection<Session> sessions() {
        return sessions.values();
    }

    private void heartbeat() {
        for (Session s : sessions.values()) {
            for (Subscription sub : s.subscriptions.values()) {
                s.send("[" + sub.chanId + ",\"hb\"]");
            }
            if (s.account != null) {
                s.send("[0,\"hb\"]");
            }
        }
    }

    @Override
    public void accountEvents(String account, List<AccountEvent> events) {
        for (Session s : sessions.values()) {
            if (account.equals(s.account)) {
                for (AccountEvent e : events) {
                    if (s.allows(e)) {
                        s.sendFrame(e.frame(), e.mts());
                    }
                }
            }
        }
    }

    @Override
    public void marketChanged(Market market, List<PublicTrade> newTrades, long fromMts, ArrayNode ticker) {
        long mts = newTrades.isEmpty() ? fromMts : newTrades.get(newTrades.size() - 1).mts();
        for (Session s : sessions.values()) {
            for (Subscription sub : s.subscriptions.values()) {
                if (!market.symbol().equals(sub.symbol)) {
                    continue;
                }
                switch (sub.channel) {
                    case "ticker" -> {
                        s.sendFrame(WireJson.array(sub.chanId, ticker), mts);
                    }
                    case "trades" -> {
                        List<PublicTrade> tail = newTrades.subList(Math.max(0, newTrades.size() - MAX_BATCH),
                                newTrades.size());
                        for (PublicTrade t : tail) {
                            ArrayNode arr = Exchange.tradeArray(t);
                            s.sendFrame(WireJson.array(sub.chanId, "te", arr), t.mts());
                            s.sendFrame(WireJson.array(sub.chanId, "tu", arr), t.mts());
                        }
                    }
                    case "candles" -> {
                        List<Candle> changed = market.candles(sub.timeframe, sub.timeframe.open(fromMts), Long.MAX_VALUE);
                        for (Candle c : changed.subList(Math.max(0, changed.size() - MAX_BATCH), changed.size())) {
                            s.sendFrame(WireJson.array(sub.chanId, Exchange.candleArray(c)), mts);
                        }
                    }
                    case "book" -> sendBookUpdates(s, sub, market, mts);
                    default -> {
                    }
                }
            }
        }
    }

    /** Book snapshot rows [PRICE, COUNT, AMOUNT] (bids then asks) or R0 rows [ID, PRICE, AMOUNT]. */
    static ArrayNode bookRows(Market m, String prec, int len) {
        ArrayNode rows = WireJson.array();
        for (boolean bids : new boolean[]{true, false}) {
            int i = 0;
            for (Market.BookLevel l : m.levels(bids)) {
                if (i++ >= len) {
                    break;
                }
                BigDecimal amount = bids ? l.amount() : l.amount().negate();
                if ("R0".equals(prec)) {
                    rows.add(WireJson.array((long) (bids ? 1 : 2) * 1_000_000L + i, l.price(), amount));
                } else {
                    rows.add(WireJson.array(l.price(), 1, amount));
                }
            }
        }
        return rows;
    }

    static Map<BigDecimal, BigDecimal> bookMap(Market m, int len) {
        Map<BigDecimal, BigDecimal> out = new TreeMap<>();
        for (boolean bids : new boolean[]{true, false}) {
            int i = 0;
            for (Market.BookLevel l : m.levels(bids)) {
                if (i++ >= len) {
                    break;
                }
                out.put(l.price(), bids ? l.amount() : l.amount().negate());
            }
        }
        return out;
    }

    /** Sends the difference between the last book sent and the current one (COUNT 0 deletes a level). */
    private void sendBookUpdates(Session s, Subscription sub, Market m, long mts) {
        if ("R0".equals(sub.prec)) {
            return;
        }
        Map<BigDecimal, BigDecimal> now = bookMap(m, sub.len);
        List<ArrayNode> frames = new ArrayList<>();
        synchronized (sub.lastBook) {
            for (Map.Entry<BigDecimal, BigDecimal> old : sub.lastBook.entrySet()) {
                if (!now.containsKey(old.getKey())) {
                    int side = old.getValue().signum() > 0 ? 1 : -1;
                    frames.add(WireJson.array(sub.chanId, WireJson.array(old.getKey(), 0, side)));
                }
            }
            for (Map.Entry<BigDecimal, BigDecimal> e : now.entrySet()) {
                BigDecimal before = sub.lastBook.get(e.getKey());
                if (before == null || before.compareTo(e.getValue()) != 0) {
                    frames.add(WireJson.array(sub.chanId, WireJson.array(e.getKey(), 1, e.getValue())));
                }
            }
            sub.lastBook.clear();
            sub.lastBook.putAll(now);
        }
        frames.forEach(f -> s.sendFrame(f, mts));
    }

    @Override
    public void maintenance(boolean active) {
        String msg = WireJson.write(WireJson.object().put("event", "info").put("code", active ? 20060 : 20061)
                .put("msg", active ? "Entering in Maintenance mode. Please pause any activity and resume after "
                        + "receiving the info message 20061 (it should take 120 seconds at most)."
                        : "Maintenance ended. You can resume normal activity. It is advised to unsubscribe/subscribe "
                        + "again all channels."));
        sessions.values().forEach(s -> s.send(msg));
    }

    /** Closes every open socket (admin fault "ws-drop"); returns how many there were. */
    public int dropAll() {
        int n = 0;
        for (Session s : new ArrayList<>(sessions.values())) {
            n++;
            s.connection.close(new CloseReason(1011, "simulated drop")).subscribe().with(ok -> {
            }, err -> {
            });
        }
        return n;
    }

    public int openSockets() {
        return sessions.size();
    }
}
