package io.tradingbot.simulator.engine;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * One symbol: a seeded geometric Brownian motion stepped by the simulator clock, the public tape and candles it
 * produces, and a synthetic order book with finite liquidity per level around the mid price.
 * <p>
 * The process state is a double (it needs exp and sqrt); every price leaving this class is a 5-significant-digit
 * BigDecimal.
 */
public final class Market {
    private static final double MILLIS_PER_YEAR = 365.0 * 24 * 3600 * 1000;

    private final Instrument instrument;
    private final Random random;
    private final double spread;
    private final double levelStep;
    private final int levels;
    private final int tapeSize;
    private final Map<Timeframe, CandleSeries> candles = new EnumMap<>(Timeframe.class);
    private final ArrayDeque<PublicTrade> tape = new ArrayDeque<>();
    /** 1 ∓ i × levelStep per level, converted from double once rather than on every book read. */
    private final BigDecimal[] bidFactors;
    private final BigDecimal[] askFactors;
    /**
     * What {@link #depth} returns: a level's amount times the levels a side has. The price a level sits at is the best
     * price times its factor rounded to 5 significant digits, positive for every positive factor (and a step of one
     * tick below a 5-digit price stays positive), so a side has as many levels as leading positive factors, whatever
     * the price: every ticker (one per price update) no longer computes 50 book prices to count them.
     */
    private final BigDecimal bidDepth;
    private final BigDecimal askDepth;
    private final BigDecimal bidOfMid;
    private final BigDecimal askOfMid;
    private BigDecimal bidLevelsAt;
    private List<BookLevel> bidLevels;
    private BigDecimal askLevelsAt;
    private List<BookLevel> askLevels;

    private double mid;
    private BigDecimal last;
    private BigDecimal bid;
    private BigDecimal ask;

    /** Start of the generated history: minute 0 of a replayed candle file. */
    private final long origin;

    Market(Instrument instrument, long seed, double spread, double levelStep, int levels, int tapeSize, long origin) {
        this.instrument = instrument;
        this.origin = origin;
        // String.hashCode is specified, so the per-symbol seed is stable across JVMs.
        this.random = new Random(seed * 1_000_003L + instrument.symbol().hashCode());
        this.spread = spread;
        this.levelStep = levelStep;
        this.levels = levels;
        this.tapeSize = tapeSize;
        this.bidFactors = new BigDecimal[levels];
        this.askFactors = new BigDecimal[levels];
        for (int i = 0; i < levels; i++) {
            bidFactors[i] = BigDecimal.valueOf(1 - i * levelStep);
            askFactors[i] = BigDecimal.valueOf(1 + i * levelStep);
        }
        this.bidDepth = instrument.levelSize().multiply(BigDecimal.valueOf(positiveLeading(bidFactors)));
        this.askDepth = instrument.levelSize().multiply(BigDecimal.valueOf(positiveLeading(askFactors)));
        this.bidOfMid = BigDecimal.valueOf(1 - spread / 2);
        this.askOfMid = BigDecimal.valueOf(1 + spread / 2);
        for (Timeframe tf : Timeframe.values()) {
            candles.put(tf, new CandleSeries(tf));
        }
        setMid(instrument.initialPrice().doubleValue());
        this.last = Prices.price(instrument.initialPrice(), RoundingMode.HALF_EVEN);
    }

    public Instrument instrument() {
        return instrument;
    }

    public String symbol() {
        return instrument.symbol();
    }

    /** One step of the process: moves the mid price and prints one public trade at it. */
    PublicTrade step(long mts, long stepMillis, long tradeId) {
        double dt = stepMillis / MILLIS_PER_YEAR;
        double sigma = instrument.volatility();
        double z = random.nextGaussian();
        double next = instrument.replay().isEmpty()
                ? mid * Math.exp((instrument.drift() - sigma * sigma / 2) * dt + sigma * Math.sqrt(dt) * z)
                : replayPrice(mts);
        setMid(next);
        double size = instrument.levelSize().doubleValue() * (0.01 + 0.19 * random.nextDouble());
        boolean buy = random.nextBoolean();
        BigDecimal amount = Prices.strip(BigDecimal.valueOf(size).setScale(4, RoundingMode.HALF_EVEN).max(new BigDecimal("0.0001")));
        BigDecimal price = Prices.price(next, RoundingMode.HALF_EVEN);
        PublicTrade trade = new PublicTrade(tradeId, mts, buy ? amount : amount.negate(), price);
        record(trade);
        return trade;
    }

    /** The replayed price at {@code mts}: the file loops; within a minute open → extreme → extreme → close. */
    private double replayPrice(long mts) {
        List<Instrument.ReplayCandle> r = instrument.replay();
        long elapsed = mts - origin;
        Instrument.ReplayCandle c = r.get((int) Math.floorMod(Math.floorDiv(elapsed, 60_000L), (long) r.size()));
        double f = Math.floorMod(elapsed, 60_000L) / 60_000.0;
        double[] path = c.close() >= c.open()
                ? new double[]{c.open(), c.low(), c.high(), c.close()}
                : new double[]{c.open(), c.high(), c.low(), c.close()};
        double x = f * 3;
        int i = Math.min(2, (int) x);
        return path[i] + (path[i + 1] - path[i]) * (x - i);
    }

    /** Jumps the mid price (admin) and prints a trade there. */
    PublicTrade jump(long mts, BigDecimal price, long tradeId) {
        setMid(price.doubleValue());
        BigDecimal amount = Prices.strip(instrument.levelSize().multiply(new BigDecimal("0.01")));
        PublicTrade trade = new PublicTrade(tradeId, mts, amount, Prices.price(price, RoundingMode.HALF_EVEN));
        record(trade);
        return trade;
    }

    void record(PublicTrade trade) {
        record(trade, true);
    }

    /**
     * Prints a trade; {@code moved=false} for resting orders filled because the market moved through them: they
     * trade at their own limit, which must not pull the last price (and candle close) back behind the move.
     */
    void record(PublicTrade trade, boolean moved) {
        if (moved) {
            last = trade.price();
        }
        tape.addLast(trade);
        while (tape.size() > tapeSize) {
            tape.removeFirst();
        }
        for (CandleSeries s : candles.values()) {
            if (moved) {
                s.add(trade.mts(), trade.price(), trade.amount());
            } else {
                s.addVolume(trade.mts(), trade.price(), trade.amount());
            }
        }
    }

    private void setMid(double value) {
        mid = Math.max(value, 1e-8);
        BigDecimal m = BigDecimal.valueOf(mid);
        bid = Prices.price(m.multiply(bidOfMid), RoundingMode.DOWN);
        ask = Prices.price(m.multiply(askOfMid), RoundingMode.UP);
        if (ask.compareTo(bid) <= 0) {
            ask = Prices.strip(bid.add(Prices.tick(bid)));
        }
    }

    public BigDecimal last() {
        return last;
    }

    public BigDecimal bid() {
        return bid;
    }

    public BigDecimal ask() {
        return ask;
    }

    public BigDecimal mid() {
        return Prices.price(mid, RoundingMode.HALF_EVEN);
    }

    /** Book levels on one side, best first: price and amount (amount positive). */
    public List<BookLevel> levels(boolean bids) {
        // Every ticker and book frame asks for them; they change only when the best price does.
        BigDecimal base = bids ? bid : ask;
        if (bids ? base.equals(bidLevelsAt) : base.equals(askLevelsAt)) {
            return bids ? bidLevels : askLevels;
        }
        List<BookLevel> out = List.copyOf(computeLevels(bids, base));
        if (bids) {
            bidLevelsAt = base;
            bidLevels = out;
        } else {
            askLevelsAt = base;
            askLevels = out;
        }
        return out;
    }

    private List<BookLevel> computeLevels(boolean bids, BigDecimal base) {
        List<BookLevel> out = new ArrayList<>(levels);
        BigDecimal prev = null;
        for (int i = 0; i < levels; i++) {
            BigDecimal factor = (bids ? bidFactors : askFactors)[i];
            BigDecimal p = Prices.price(base.multiply(factor), bids ? RoundingMode.DOWN : RoundingMode.UP);
            if (prev != null && p.compareTo(prev) == 0) {
                p = Prices.strip(bids ? p.subtract(Prices.tick(p)) : p.add(Prices.tick(p)));
            }
            if (p.signum() <= 0) {
                break;
            }
            out.add(new BookLevel(p, instrument.levelSize()));
            prev = p;
        }
        return out;
    }

    public BigDecimal depth(boolean bids) {
        return bids ? bidDepth : askDepth;
    }

    private static int positiveLeading(BigDecimal[] factors) {
        int n = 0;
        while (n < factors.length && factors[n].signum() > 0) {
            n++;
        }
        return n;
    }

    /** Public trades, oldest first. */
    public List<PublicTrade> trades() {
        return new ArrayList<>(tape);
    }

    public List<PublicTrade> tradesSince(long afterId) {
        List<PublicTrade> out = new ArrayList<>();
        Iterator<PublicTrade> it = tape.descendingIterator();
        while (it.hasNext()) {
            PublicTrade t = it.next();
            if (t.id() <= afterId) {
                break;
            }
            out.add(0, t);
        }
        return out;
    }

    public List<Candle> candles(Timeframe tf, long start, long end) {
        return candles.get(tf).range(start, end);
    }

    public Candle lastCandle(Timeframe tf) {
        return candles.get(tf).last();
    }

    private final DailyAggregate dailyClosed = new DailyAggregate();

    /** 24 h statistics from the 1m candles ending at {@code now}. */
    public DailyStats daily(long now) {
        List<Candle> window = candles.get(Timeframe.M1).view(now - 86_400_000L + 1, now);
        if (window.isEmpty()) {
            return new DailyStats(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, last, last);
        }
        BigDecimal open = window.get(0).open;
        int closed = window.size() - 1;
        // Only the last candle still changes; the ones before it are aggregated as they close and leave the window.
        dailyClosed.follow(window, closed);
        Candle current = window.get(closed);
        BigDecimal high = dailyClosed.isEmpty() ? current.high : dailyClosed.high().max(current.high);
        BigDecimal low = dailyClosed.isEmpty() ? current.low : dailyClosed.low().min(current.low);
        BigDecimal volume = dailyClosed.volume().add(current.volume);
        BigDecimal change = Prices.price(last.subtract(open), RoundingMode.HALF_EVEN);
        BigDecimal rel = open.signum() == 0 ? BigDecimal.ZERO
                : Prices.strip(last.subtract(open).divide(open, 6, RoundingMode.HALF_EVEN));
        return new DailyStats(change, rel, Prices.amount(volume), high, low);
    }

    public record BookLevel(BigDecimal price, BigDecimal amount) {
    }

    public record DailyStats(BigDecimal change, BigDecimal changeRelative, BigDecimal volume, BigDecimal high,
                             BigDecimal low) {
    }
}
