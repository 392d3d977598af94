package io.tradingbot.benchmarks.stack;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradingbot.benchmarks.report.Latency;
import io.tradingbot.events.OrderEvent;
import io.tradingbot.events.OrderStatus;
import io.tradingbot.events.RiskVerdict;
import io.tradingbot.events.Signal;
import io.tradingbot.events.SignalType;
import io.tradingbot.events.Candle;
import io.tradingbot.simulator.testkit.SimulatorProcess;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Tick to order: from the simulator's price update that closes a candle to the simulator receiving the order that the
 * candle's signal led to, both on the simulator's clock, and the hops in between from Kafka record timestamps.
 * <p>
 * The symbols trade with the Bollinger mean-reversion strategy, and the driver makes it fire: in the middle of a candle
 * (simulator time) a symbol's price jumps, in a cycle of twelve candles per symbol (staggered across symbols), 3 % down
 * (the candle closes below the lower band: BUY), back up, four quiet candles, 3 % up (above the upper band: SELL), back
 * down, four quiet candles. The quiet candles matter: jumps every candle widen the 20-bar bands until 3 % no longer
 * crosses them, and the strategy rightly falls silent. The candle that closes a BUY or SELL
 * candle is the simulator's step at the next minute, so its time is exactly {@code candle mts + 60 000} plus the symbol's
 * step offset (none unless the steps are staggered); the order's time is its {@code mts} on the exchange (a market order
 * fills when the exchange receives it).
 */
public final class TickToOrder {
    static final String STRATEGY = "bollinger";
    private static final long MINUTE = 60_000;
    private static final BigDecimal DOWN = new BigDecimal("0.97");
    private static final BigDecimal UP = new BigDecimal("1.03");

    public record Result(Latency tickToOrder, Map<String, Latency> hops, Latency candleToSignal, int closedCandles,
            int signals, Map<String, Integer> signalTypes, int verdicts, int approved, int ordersPlaced,
            Map<String, Integer> rejectionReasons, List<Order> slowest, Map<String, Latency> sinceClose,
            List<Latency> byCandle, Latency secondHalf, CloseWindows.Windows[] aroundCloses,
            Map<String, Long> exchangeRequests, Latency fillToExit, int filledEntries, int filledWithoutExit,
            Latency entries, Latency closes) {
    }

    /** One order's way, for the slowest few: a p99 is one order, and its hops say where it waited. */
    public record Order(String symbol, String verdictId, double tickToOrderMillis, double[] hopMillis) {
    }

    private static final int SLOWEST = 3;

    private final SimulatorProcess sim;
    private final List<String> symbols;
    private final double speed;
    private final Map<String, Long> stepOffsets;

    /** {@code stepOffsets}: each symbol's step offset in the simulator (simulated ms), absent for 0. */
    public TickToOrder(SimulatorProcess sim, List<String> symbols, double speed, Map<String, Long> stepOffsets) {
        this.sim = sim;
        this.symbols = symbols;
        this.speed = speed;
        this.stepOffsets = Map.copyOf(stepOffsets);
    }

    /**
     * Drives the jumps for {@code warmupCandles} candles that are not measured (the stack's code paths that run at a
     * close only get compiled, as in a system that has run for a while), then for {@code candles} more, then waits for
     * the last orders and measures; the processes ({@code pids}: name to pid) are watched around each measured close.
     */
    public Result run(EventTap tap, int warmupCandles, int candles, Map<String, Long> pids) throws InterruptedException {
        SimClockMapping clock = SimClockMapping.read(sim, speed);
        long firstCandle = Math.floorDiv(clock.simNow(), MINUTE) * MINUTE + (1 + warmupCandles) * MINUTE;
        List<Long> closes = new ArrayList<>();
        for (int k = 1; k <= candles; k++) {
            closes.add(firstCandle + k * MINUTE);
        }
        CloseWindows windows = CloseWindows.start(pids, clock, closes);
        Map<String, Long> requestsBefore = Map.of();
        for (int k = -warmupCandles; k < candles; k++) {
            long candle = firstCandle + k * MINUTE;
            sleepUntilSim(clock, candle + MINUTE / 2);
            if (k == 0) {
                // mid-candle: the warm-up's last orders and their exits are done, the first measured close is ahead
                requestsBefore = exchangeRequests();
            }
            long index = candle / MINUTE;
            for (int i = 0; i < symbols.size(); i++) {
                String symbol = symbols.get(i);
                int phase = (int) ((index + i) % 12);
                if (phase != 0 && phase != 1 && phase != 6 && phase != 7) {
                    continue;
                }
                BigDecimal last = lastPrice(symbol);
                BigDecimal next = switch (phase) {
                    case 0 -> last.multiply(DOWN);
                    case 1 -> last.divide(DOWN, MathContext.DECIMAL64);
                    case 6 -> last.multiply(UP);
                    default -> last.divide(UP, MathContext.DECIMAL64);
                };
                sim.setPrice(symbol, next.round(new MathContext(5)).toPlainString());
            }
            System.out.printf(Locale.ROOT, "  %s %d/%d: jumps sent%n", k < 0 ? "warm-up candle" : "candle",
                    k < 0 ? k + warmupCandles + 1 : k + 1, k < 0 ? warmupCandles : candles);
        }
        long lastCandle = firstCandle + (candles - 1) * MINUTE;
        // the last candle closes at lastCandle + 1 min; give its order a few real seconds to come through
        sleepUntilSim(clock, lastCandle + MINUTE);
        Thread.sleep(5000);
        CloseWindows.Windows[] measured = windows.stop();
        Map<String, Long> requests = ExchangeRequests.since(requestsBefore, exchangeRequests());
        tap.collect();
        return measure(tap, clock, firstCandle, lastCandle, measured, requests);
    }

    /** Empty when the simulator's metrics cannot be read: the report then leaves the requests out. */
    private Map<String, Long> exchangeRequests() {
        try {
            return ExchangeRequests.read(sim.baseUrl());
        } catch (IOException e) {
            System.out.println("  the exchange's request counts are not readable: " + e.getMessage());
            return Map.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Map.of();
        }
    }

    private BigDecimal lastPrice(String symbol) {
        JsonNode ticker = sim.publicGet("/v2/ticker/" + symbol);
        return ticker.get(6).decimalValue();
    }

    private void sleepUntilSim(SimClockMapping clock, long sim) throws InterruptedException {
        long waitMillis = (long) Math.ceil(clock.wallAt(sim) - System.currentTimeMillis());
        if (waitMillis > 0) {
            Thread.sleep(waitMillis);
        }
    }

    Result measure(EventTap tap, SimClockMapping clock, long firstCandle, long lastCandle,
            CloseWindows.Windows[] aroundCloses, Map<String, Long> exchangeRequests) {
        Latency tickToOrder = new Latency();
        Latency candleToSignal = new Latency();
        Map<String, Latency> hops = new LinkedHashMap<>();
        for (String hop : List.of("exchange → market-data (closed candle on Kafka)", "market-data → strategy (signal)",
                "strategy → risk (verdict)", "risk → order-service (order submitted)",
                "order-service → exchange (order received)")) {
            hops.put(hop, new Latency());
        }
        // Every record of a stage against its candle's close: how a burst (all symbols closing at once) spreads out.
        Map<String, Latency> sinceClose = new LinkedHashMap<>();
        for (String stage : List.of("closed candle on Kafka", "signal on Kafka", "verdict on Kafka (BUY/SELL)",
                "order submitted on Kafka", "order received by the exchange")) {
            sinceClose.put(stage, new Latency());
        }
        List<Latency> stages = List.copyOf(sinceClose.values());
        // Candle by candle: the first candles also pay for the JIT compilers still at work in every JVM.
        Map<Long, Latency> byCandle = new TreeMap<>();
        Latency secondHalf = new Latency();
        long halfway = firstCandle + (lastCandle - firstCandle + MINUTE) / MINUTE / 2 * MINUTE;
        Map<String, Integer> types = new TreeMap<>();
        Map<String, Integer> rejections = new TreeMap<>();
        int closed = 0;
        int signals = 0;
        int verdicts = 0;
        int approved = 0;
        int placed = 0;
        // Until its exit is on the exchange a filled entry has no stop loss: how long that lasts is part of the trade.
        Latency fillToExit = new Latency();
        int filled = 0;
        int withoutExit = 0;
        // A spot SELL closes its BUY's trade: its exit is cancelled before the sale leaves, a longer way than an entry's.
        Latency entries = new Latency();
        Latency closes = new Latency();
        List<Order> orders = new ArrayList<>();
        for (String symbol : symbols) {
            for (long mts = firstCandle; mts <= lastCandle; mts += MINUTE) {
                EventTap.Stamped<Candle> candle = tap.closedCandles.get(symbol + "|" + mts);
                if (candle == null) {
                    continue;
                }
                closed++;
                long closingTick = mts + MINUTE + stepOffsets.getOrDefault(symbol, 0L);
                double closingWall = clock.wallAt(closingTick);
                stages.get(0).recordMillis(candle.timestamp() - closingWall);
                EventTap.Stamped<Signal> signal = tap.signals.get(STRATEGY + ":" + symbol + ":1m:" + mts);
                if (signal == null) {
                    continue;
                }
                signals++;
                stages.get(1).recordMillis(signal.timestamp() - closingWall);
                types.merge(signal.value().signal().name(), 1, Integer::sum);
                candleToSignal.recordMillis(signal.timestamp() - candle.timestamp());
                if (signal.value().signal() == SignalType.HOLD) {
                    continue;
                }
                EventTap.Stamped<RiskVerdict> verdict = tap.verdicts.get(signal.value().id());
                if (verdict == null) {
                    continue;
                }
                verdicts++;
                stages.get(2).recordMillis(verdict.timestamp() - closingWall);
                if (!verdict.value().approved()) {
                    verdict.value().reasons().stream().findFirst()
                            .ifPresent(r -> rejections.merge(r.replaceAll("[0-9.]+", "N"), 1, Integer::sum));
                    continue;
                }
                approved++;
                List<EventTap.Stamped<OrderEvent>> events = tap.orders.getOrDefault(verdict.value().id(), List.of());
                Optional<EventTap.Stamped<OrderEvent>> submitted = events.stream()
                        .filter(e -> e.value().status() == OrderStatus.SUBMITTED).findFirst();
                if (submitted.isEmpty()) {
                    continue;
                }
                stages.get(3).recordMillis(submitted.get().timestamp() - closingWall);
                long entryCid = submitted.get().value().cid();
                Optional<Long> received = events.stream().map(EventTap.Stamped::value)
                        .filter(e -> e.cid() == entryCid && e.exchangeId() != null && e.status() != OrderStatus.SUBMITTED)
                        .map(OrderEvent::mts).min(Long::compare);
                if (received.isEmpty()) {
                    continue;
                }
                placed++;
                double total = (received.get() - closingTick) / speed;
                stages.get(4).recordMillis(total);
                byCandle.computeIfAbsent(mts, k -> new Latency()).recordMillis(total);
                if (mts >= halfway) {
                    secondHalf.recordMillis(total);
                }
                tickToOrder.recordMillis(total);
                (verdict.value().closesATrade() ? closes : entries).recordMillis(total);
                double[] hopMillis = {candle.timestamp() - closingWall, signal.timestamp() - candle.timestamp(),
                        verdict.timestamp() - signal.timestamp(), submitted.get().timestamp() - verdict.timestamp(),
                        clock.wallAt(received.get()) - submitted.get().timestamp()};
                List<Latency> h = List.copyOf(hops.values());
                for (int i = 0; i < hopMillis.length; i++) {
                    h.get(i).recordMillis(hopMillis[i]);
                }
                orders.add(new Order(symbol, verdict.value().id(), total, hopMillis));
                Optional<Long> entryFilled = events.stream()
                        .filter(e -> e.value().cid() == entryCid && e.value().status() == OrderStatus.FILLED)
                        .map(EventTap.Stamped::timestamp).min(Long::compare);
                if (entryFilled.isPresent() && !verdict.value().closesATrade()) {
                    filled++;
                    Optional<Long> exitOnExchange = events.stream()
                            .filter(e -> e.value().cid() != entryCid && e.value().exchangeId() != null)
                            .map(EventTap.Stamped::timestamp).min(Long::compare);
                    if (exitOnExchange.isPresent()) {
                        fillToExit.recordMillis(exitOnExchange.get() - entryFilled.get());
                    } else {
                        withoutExit++;
                    }
                }
            }
        }
        orders.sort(Comparator.comparingDouble(Order::tickToOrderMillis).reversed());
        return new Result(tickToOrder, hops, candleToSignal, closed, signals, types, verdicts, approved, placed,
                rejections, List.copyOf(orders.subList(0, Math.min(SLOWEST, orders.size()))), sinceClose,
                List.copyOf(byCandle.values()), secondHalf, aroundCloses, exchangeRequests, fillToExit, filled,
                withoutExit, entries, closes);
    }

    public static String table(Result r, int symbols, double speed, int warmupCandles, int candles) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%d symbols, %d candles each (1m candles, simulator clock at %.0f× real "
                        + "time, so one candle every %.1f s per symbol; times below are real milliseconds: simulator "
                        + "milliseconds ÷ %.0f)%s.%n%n", symbols, candles, speed, 60 / speed, speed,
                warmupCandles == 0 ? "" : ", after " + warmupCandles + " candles driven the same way and not measured"));
        out.append(String.format(Locale.ROOT, "Closed candles seen %d; signals %d %s; BUY/SELL verdicts %d, approved %d;"
                        + " orders received by the exchange %d.%n", r.closedCandles(), r.signals(), r.signalTypes(),
                r.verdicts(), r.approved(), r.ordersPlaced()));
        if (!r.rejectionReasons().isEmpty()) {
            out.append("Rejections (first reason): ").append(r.rejectionReasons()).append("\n");
        }
        out.append("\n").append(Latency.header("path")).append("\n");
        out.append(r.tickToOrder().row("**tick to order** (target p50 ≤ 10 ms, p99 ≤ 50 ms)")).append("\n");
        out.append(r.secondHalf().row("tick to order, second half of the candles (compilers settled)")).append("\n");
        out.append(r.entries().row("tick to order, entries (a BUY, or a margin SELL)")).append("\n");
        out.append(r.closes().row("tick to order, closes (a spot SELL: its trade's exit cancelled, then the sale)"))
                .append("\n");
        r.hops().forEach((name, latency) -> out.append(latency.row("hop: " + name)).append("\n"));
        out.append(r.candleToSignal().row("candle → signal, every signal (HOLD included)")).append("\n");
        out.append(r.fillToExit().row("entry filled → its stop loss / take profit exit on the exchange")).append("\n");
        out.append(String.format(Locale.ROOT, "%nEntries filled %d, of which %d had no exit on the exchange by the end of the "
                + "run (the last row above: from order-service's FILLED record of the entry to its first record of the "
                + "exit as the exchange answered it, both on order-service's clock).%n", r.filledEntries(),
                r.filledWithoutExit()));
        out.append("\nHow each candle close spreads out: when every record of a stage is there, ms after its candle closed (its "
                + "symbol's closing trade; with the steps together all symbols close at once; a wide spread at a stage "
                + "with little CPU per record is waiting, not work):\n\n");
        out.append(Latency.header("stage")).append("\n");
        r.sinceClose().forEach((stage, latency) -> out.append(latency.row(stage)).append("\n"));
        if (!r.byCandle().isEmpty()) {
            out.append("\nTick to order candle by candle, p50 / max ms (orders):");
            for (int i = 0; i < r.byCandle().size(); i++) {
                Latency l = r.byCandle().get(i);
                out.append(String.format(Locale.ROOT, "%s %d: %.0f / %.0f (%d)", i == 0 ? "" : ";", i + 1,
                        l.percentileMillis(50), l.maxMillis(), l.count()));
            }
            out.append(".\n");
        }
        if (!r.exchangeRequests().isEmpty()) {
            long all = r.exchangeRequests().values().stream().mapToLong(Long::longValue).sum();
            out.append(String.format(Locale.ROOT, "%nThe exchange's authenticated REST requests from the middle of the first "
                    + "measured candle to the end (Bitfinex allows 10 to 90 a minute per endpoint "
                    + "and blocks the address for 60 s past that): %d, %.1f per order received.%n%n| endpoint | requests | per order |%n|---|---:|---:|%n",
                    all, r.ordersPlaced() == 0 ? 0.0 : (double) all / r.ordersPlaced()));
            r.exchangeRequests().forEach((endpoint, n) -> out.append(String.format(Locale.ROOT, "| `%s` | %d | %.2f |%n",
                    endpoint, n, r.ordersPlaced() == 0 ? 0.0 : (double) n / r.ordersPlaced())));
        }
        if (r.aroundCloses()[0].count() > 0) {
            CloseWindows.Windows[] w = r.aroundCloses();
            out.append("\n").append(CloseWindows.table(w[0], w[1], w[2], 16));
        }
        if (!r.slowest().isEmpty()) {
            out.append("\nThe slowest orders (ms; the hops in the order above; the verdict id finds them in the services' logs):\n\n");
            out.append("| symbol | verdict | tick to order | → market-data | → strategy | → risk | → order-service | → exchange |\n");
            out.append("|---|---|---:|---:|---:|---:|---:|---:|\n");
            for (Order o : r.slowest()) {
                out.append(String.format(Locale.ROOT, "| %s | %s | %.0f |", o.symbol(), o.verdictId(), o.tickToOrderMillis()));
                for (double hop : o.hopMillis()) {
                    out.append(String.format(Locale.ROOT, " %.1f |", hop));
                }
                out.append("\n");
            }
        }
        return out.toString();
    }
}
