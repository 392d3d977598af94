package io.tradingbot.simulator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every setting of the simulator, under the {@code sim.} prefix (environment: SIM_...). */
@ConfigMapping(prefix = "sim")
public interface SimConfig {

    /** Seed of every random process: the same seed gives the same prices and fills. */
    @WithDefault("42")
    long seed();

    /** API key of the default paper account; generated (and printed once) when unset. */
    Optional<String> apiKey();

    /** API secret of the default paper account; generated (and printed once) when unset. */
    Optional<String> apiSecret();

    Clock clock();

    Market market();

    Fees fees();

    Margin margin();

    Paper paper();

    Ws ws();

    /** The tradable markets, keyed by a free name (e.g. {@code sim.markets.btcusd.symbol=tBTCUSD}). */
    Map<String, MarketSpec> markets();

    interface Clock {
        /** Simulated milliseconds per real millisecond; 0 freezes the clock (only /sim/clock/advance moves it). */
        @WithDefault("1.0")
        double speed();

        /** Simulated epoch milliseconds at start; default: now, truncated to the minute. */
        Optional<Long> start();
    }

    interface Market {
        /** Simulated milliseconds between two steps of the price process (one public trade per step). */
        @WithDefault("1000")
        long stepMillis();

        /** Minutes of history generated before the start time (candles and trades to backfill from). */
        @WithDefault("1500")
        int historyMinutes();

        /** Relative distance between bid and ask (0.0002 = 2 bp). */
        @WithDefault("0.0002")
        double spread();

        /** Relative distance between two levels of the synthetic book. */
        @WithDefault("0.0002")
        double levelStep();

        /** Levels per side of the synthetic book. */
        @WithDefault("25")
        int bookLevels();

        /** Public trades kept per symbol for trades/hist and the trades channel snapshot. */
        @WithDefault("1000")
        int tradeHistory();

        /** Real milliseconds between two advances of the market to the clock's time. */
        @WithDefault("250")
        long tickMillis();
    }

    interface Fees {
        /** Maker fee rate (0.001 = 0.1 %). */
        @WithDefault("0.001")
        BigDecimal maker();

        /** Taker fee rate (0.002 = 0.2 %). */
        @WithDefault("0.002")
        BigDecimal taker();
    }

    interface Margin {
        /** Maximum leverage of margin positions (initial margin = 1 / max leverage). */
        @WithDefault("5")
        BigDecimal maxLeverage();

        /** Maintenance margin ratio: a position whose equity falls below it is liquidated. */
        @WithDefault("0.1")
        BigDecimal maintenanceRatio();
    }

    interface Paper {
        /** Name of the default account. */
        @WithDefault("paper")
        String name();

        /** Wallets of the default account as type:currency:balance. */
        @WithDefault("exchange:USD:10000,exchange:BTC:1,margin:USD:10000,exchange:TESTUSD:10000,exchange:TESTBTC:1,margin:TESTUSD:10000")
        List<String> wallets();
    }

    interface Ws {
        /** Seconds between two heartbeats of a channel. */
        @WithDefault("15")
        int heartbeatSeconds();
    }

    interface MarketSpec {
        /** Bitfinex symbol, e.g. tBTCUSD or tTESTBTC:TESTUSD. */
        String symbol();

        String base();

        String quote();

        /** Price at the start of the generated history. */
        BigDecimal price();

        /** Annual drift of the geometric Brownian motion. */
        @WithDefault("0.0")
        double drift();

        /** Annual volatility of the geometric Brownian motion. */
        @WithDefault("0.8")
        double volatility();

        /** Amount (base currency) offered at each level of the synthetic book. */
        BigDecimal levelSize();

        /** Minimum order size (base currency). */
        BigDecimal minSize();

        @WithDefault("2000")
        BigDecimal maxSize();

        /** Whether margin trading (orders without the EXCHANGE prefix) is allowed. */
        @WithDefault("true")
        boolean margin();

        /**
         * Optional CSV of 1m candles (MTS,OPEN,CLOSE,HIGH,LOW[,VOLUME], Bitfinex column order, oldest first) to replay
         * instead of the random process; the file loops.
         */
        Optional<String> replayCsv();

        /**
         * When this market trades within each step of {@code sim.market.step-millis} (simulated ms, below the step):
         * 0 trades every market at the same instant; offsets spread them out as a real exchange's markets are, so that
         * their candles do not all close on the same millisecond.
         */
        @WithDefault("0")
        long stepOffsetMillis();
    }
}
