package io.tradingbot.simulator.service;

import io.quarkus.runtime.Startup;
import io.tradingbot.simulator.config.SimConfig;
import io.tradingbot.simulator.engine.Account;
import io.tradingbot.simulator.engine.ApiKey;
import io.tradingbot.simulator.engine.Exchange;
import io.tradingbot.simulator.engine.ExchangeListener;
import io.tradingbot.simulator.engine.Instrument;
import io.tradingbot.simulator.engine.SimClock;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Owns the running exchange: builds it from the configuration, drives its clock, resets it on demand. */
@Startup
@ApplicationScoped
public class ExchangeService {
    private static final Logger LOG = Logger.getLogger(ExchangeService.class);
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private final SimConfig config;
    private final ExchangeListener listener;
    /** The default tick-millis: how long the clock thread slept between two catch-ups before it slept until steps. */
    static final long MAX_TICK_SLEEP_MILLIS = 250;

    private volatile Exchange exchange;
    private String paperKey;
    private String paperSecret;
    private ScheduledExecutorService ticker;

    public ExchangeService(SimConfig config, ExchangeListener listener) {
        this.config = config;
        this.listener = listener;
    }

    @PostConstruct
    void start() {
        paperKey = config.apiKey().filter(s -> !s.isBlank()).orElse(null);
        paperSecret = config.apiSecret().filter(s -> !s.isBlank()).orElse(null);
        if (paperKey == null || paperSecret == null) {
            paperKey = paperKey == null ? random(43) : paperKey;
            paperSecret = paperSecret == null ? random(43) : paperSecret;
            // Contract: a generated paper key is shown once so a local user can sign requests with it.
            LOG.infof("Generated paper account credentials (set SIM_API_KEY/SIM_API_SECRET to choose them): "
                    + "api key %s, api secret %s", paperKey, paperSecret);
        }
        build(config.seed());
        ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sim-market-clock");
            t.setDaemon(true);
            return t;
        });
        if (config.clock().speed() > 0) {
            ticker.schedule(this::tick, config.market().tickMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Catches the market up with the clock, then sleeps until its next step is due: between two steps a catch-up finds
     * nothing to do (the benchmarks' 5 ms ticks woke this thread 200 times a second, 14-29 ms of CPU, for one step a
     * second). Never longer than {@link #MAX_TICK_SLEEP_MILLIS}, so a clock or an exchange replaced in between is seen
     * soon; never shorter than tick-millis, as before.
     */
    private void tick() {
        long sleep = TimeUnit.MILLISECONDS.toNanos(config.market().tickMillis());
        try {
            sleep = tickSleepNanos(config.market().tickMillis(), exchange.tick(), config.clock().speed());
        } catch (RuntimeException e) {
            LOG.error("market tick failed", e);
        }
        try {
            ticker.schedule(this::tick, sleep, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException stopping) {
            // the application is stopping
        }
    }

    /** Real ns to sleep before the next catch-up, given the simulated ms until the next step and the clock's speed. */
    static long tickSleepNanos(long tickMillis, long simMillisToNextStep, double speed) {
        // +1 simulated ms: the clock counts whole simulated ms, so waking on the dot could come just before the step
        long untilDue = (long) Math.ceil((simMillisToNextStep + 1d) * 1_000_000d / speed);
        return Math.max(TimeUnit.MILLISECONDS.toNanos(tickMillis),
                Math.min(TimeUnit.MILLISECONDS.toNanos(MAX_TICK_SLEEP_MILLIS), untilDue));
    }

    @PreDestroy
    void stop() {
        if (ticker != null) {
            ticker.shutdownNow();
        }
    }

    /** Rebuilds the exchange from scratch (history, default account) with the given or configured seed. */
    public synchronized void reset(Long seed) {
        build(seed == null ? config.seed() : seed);
    }

    private synchronized void build(long seed) {
        long start = config.clock().start().orElse(System.currentTimeMillis() / 60_000L * 60_000L);
        List<Instrument> instruments = config.markets().values().stream()
                .map(m -> new Instrument(m.symbol(), m.base(), m.quote(), m.price(), m.drift(), m.volatility(),
                        m.levelSize(), m.minSize(), m.maxSize(), m.margin(),
                        m.replayCsv().map(f -> CandleCsv.read(Path.of(f))).orElse(List.of()), m.stepOffsetMillis()))
                .toList();
        SimConfig.Market mc = config.market();
        Exchange.Settings settings = new Exchange.Settings(seed, mc.stepMillis(), mc.historyMinutes(), mc.spread(),
                mc.levelStep(), mc.bookLevels(), mc.tradeHistory(), config.fees().maker(), config.fees().taker(),
                config.margin().maxLeverage(), config.margin().maintenanceRatio(), instruments);
        Exchange next = new Exchange(settings, new SimClock(start, config.clock().speed()));
        List<Exchange.WalletSpec> wallets = new ArrayList<>();
        for (String w : config.paper().wallets()) {
            String[] parts = w.trim().split(":");
            if (parts.length != 3) {
                throw new IllegalArgumentException("sim.paper.wallets entry must be type:currency:balance: " + w);
            }
            wallets.add(new Exchange.WalletSpec(parts[0], parts[1], new BigDecimal(parts[2])));
        }
        next.createAccount(config.paper().name(), paperKey, paperSecret, Set.of("read", "write"), wallets);
        next.setListener(listener);
        exchange = next;
    }

    public Exchange exchange() {
        return exchange;
    }

    public boolean ready() {
        return exchange != null;
    }

    public Account createAccount(String name, Set<String> permissions, List<Exchange.WalletSpec> wallets) {
        return exchange.createAccount(name, random(43), random(43), permissions, wallets);
    }

    /** A new key with its own secret on an existing account; null when the account does not exist. */
    public ApiKey addKey(String account, Set<String> permissions) {
        return exchange.addKey(account, random(43), random(43), permissions);
    }

    private static String random(int length) {
        SecureRandom r = new SecureRandom();
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(ALPHABET.charAt(r.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }
}
