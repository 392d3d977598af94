package io.tradingbot.strategy.service;

import io.tradingbot.support.messaging.TradingSessions;
import io.tradingbot.events.Candle;
import io.tradingbot.events.Signal;
import io.tradingbot.events.Symbols;
import io.tradingbot.events.TradingSession;
import io.tradingbot.strategy.config.StrategyConfig;
import io.tradingbot.strategy.engine.Evaluation;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns candles into signals: keeps a series per (symbol, timeframe), evaluates the newest closed bar of symbols with an
 * active session, and evaluates on demand. A signal's id is derived from (strategy, symbol, timeframe, candle), so the same
 * candle always yields the same id and downstream services can drop a signal they have already judged.
 */
@ApplicationScoped
public class SignalService {
    private static final Logger LOG = Logger.getLogger(SignalService.class);

    private final StrategyConfig config;
    private final StrategySelector selector;
    private final TradingSessions sessions;
    private final Warmup warmup;
    private final Clock clock;
    private final Map<String, CandleSeries> series = new ConcurrentHashMap<>();
    private final Map<String, Instant> warmedAt = new ConcurrentHashMap<>();

    public SignalService(StrategyConfig config, StrategySelector selector, TradingSessions sessions, Warmup warmup) {
        this.config = config;
        this.selector = selector;
        this.sessions = sessions;
        this.warmup = warmup;
        this.clock = Clock.systemUTC();
    }

    /** Takes a candle from the stream; returns the signal to publish when it closes a bar of a symbol being traded. */
    public Optional<Signal> onCandle(Candle candle) {
        if (!candle.closed()) {
            return Optional.empty();
        }
        CandleSeries candles = seriesFor(candle.symbol(), candle.timeframe(), false);
        // The newest bar again (redelivery, or warm-up history that already held it) evaluates again and yields the
        // same signal id, which downstream drops; anything older is history and signals nothing.
        if (!candles.append(candle) && candle.mts() != candles.newestMts()) {
            return Optional.empty();
        }
        if (!candle.timeframe().equals(config.timeframe())) {
            return Optional.empty();
        }
        Optional<TradingSession> session = sessions.activeSession(candle.symbol());
        if (session.isEmpty()) {
            return Optional.empty();
        }
        Instant candleEnd = Instant.ofEpochMilli(candle.mts()).plus(Timeframes.require(candle.timeframe()));
        Duration delay = Duration.between(candleEnd, clock.instant());
        if (delay.compareTo(config.maxSignalDelay()) > 0) {
            LOG.debugf("Not signalling on %s %s candle %d: it closed %s ago (replayed history)", candle.symbol(),
                    candle.timeframe(), candle.mts(), delay);
            return Optional.empty();
        }
        try {
            return Optional.of(evaluate(candles, Optional.ofNullable(session.get().strategy())));
        } catch (IllegalArgumentException e) {
            // A session naming a strategy this instance does not have: say so, and keep the candle stream flowing.
            LOG.errorf("Cannot evaluate %s for its session: %s", candle.symbol(), e.getMessage());
            return Optional.empty();
        }
    }

    /** Evaluates the newest data now (the on-demand path); the timeframe defaults to the configured one. */
    public Signal evaluateNow(String symbol, Optional<String> strategy, Optional<String> timeframe) {
        if (!Symbols.isValid(symbol)) {
            throw new IllegalArgumentException("'" + symbol
                    + "' is not a Bitfinex trading symbol; use the t-prefixed form such as tBTCUSD or tTESTBTC:TESTUSD");
        }
        String tf = timeframe.filter(t -> !t.isBlank()).orElse(config.timeframe());
        Timeframes.require(tf);
        strategy.filter(s -> !s.isBlank()).ifPresent(name -> selector.choose(symbol, Optional.of(name)));
        CandleSeries candles = seriesFor(symbol, tf, true);
        if (candles.size() == 0) {
            throw new NoMarketDataException("No " + tf + " candles for " + symbol
                    + " yet: none has arrived and market-data-service has no history to offer");
        }
        return evaluate(candles, strategy.or(() -> sessions.activeSession(symbol).map(TradingSession::strategy)));
    }

    private Signal evaluate(CandleSeries candles, Optional<String> strategy) {
        StrategySelector.Choice choice = selector.choose(candles.symbol(), strategy);
        CandleSeries.Evaluated evaluated = candles.evaluateNewest(choice.definition(), choice.parameters());
        Evaluation evaluation = evaluated.evaluation();
        String id = choice.definition().name() + ":" + candles.symbol() + ":" + candles.timeframe() + ":"
                + evaluated.candleMts();
        BigDecimal price = evaluated.close() != null ? evaluated.close().stripTrailingZeros() : evaluation.price();
        return new Signal(id, candles.symbol(), evaluation.signal(), evaluation.reason(), price,
                evaluation.rsi(), evaluation.ema(), choice.definition().name(), candles.timeframe(),
                evaluated.candleMts(), clock.instant());
    }

    /**
     * Whether a candle of this series is taken without reading its history over REST first (the series exists and its
     * warm-up is not due): the one step of {@link #onCandle} that blocks for longer than a lock held in memory.
     */
    public boolean takesCandleWithoutWarmup(String symbol, String timeframe) {
        String key = symbol + "|" + timeframe;
        CandleSeries candles = series.get(key);
        return candles != null && !warmupDue(key, candles);
    }

    private boolean warmupDue(String key, CandleSeries candles) {
        Instant last = warmedAt.get(key);
        // Asked again only while the series is empty: history is merged only where it is newer than the newest bar, so
        // once live candles flow another read adds nothing. Retrying whenever the series was below warmup.bars (a pair
        // with less history than that, e.g. the simulator's 300 minutes or a quiet Bitfinex pair) put a blocking REST
        // read into the candle stream every retry period per symbol: at 100 symbols, 399 reads and seconds of delay per burst.
        return last == null || (candles.size() == 0
                && Duration.between(last, clock.instant()).compareTo(config.warmup().retry()) > 0);
    }

    private CandleSeries seriesFor(String symbol, String timeframe, boolean onDemand) {
        String key = symbol + "|" + timeframe;
        CandleSeries candles = series.computeIfAbsent(key, k -> new CandleSeries(symbol, timeframe, config.maxBars()));
        if (warmupDue(key, candles)) {
            warmedAt.put(key, clock.instant());
            try {
                int added = candles.appendAll(warmup.history(symbol, timeframe).stream().filter(Candle::closed).toList());
                if (added > 0) {
                    LOG.infof("Warmed %s %s up with %d candles", symbol, timeframe, added);
                }
            } catch (UnknownSymbolException e) {
                series.remove(key);
                warmedAt.remove(key);
                if (onDemand) {
                    throw e;
                }
            }
        }
        return candles;
    }
}
