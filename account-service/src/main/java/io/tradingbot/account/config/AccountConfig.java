package io.tradingbot.account.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.tradingbot.support.config.SettingsCheck;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

/** The account-service settings, under {@code account.*}; the application refuses to start when one is invalid. */
@ConfigMapping(prefix = "account")
public interface AccountConfig {

    /** The name snapshots are keyed by on account.snapshots.v1. */
    @WithDefault("paper")
    String name();

    /** How often wallets, positions and margin are re-read over REST to repair drift from the event stream. */
    @WithDefault("PT60S")
    Duration reconcileInterval();

    /** Changes arriving within this window are published as one snapshot (the last state is always published). */
    @WithDefault("PT0.15S")
    Duration publishDebounce();

    /**
     * The longest an account goes without a snapshot: a quiet account (spot balances waiting for a signal) is published
     * again at this interval, so that its readers can tell it from an account-service that stopped. Keep it well under
     * risk-service's {@code risk.max-snapshot-age} (2 min), past which risk refuses to trade on the last snapshot. It also
     * bounds how long risk holds an approval whose trade opened and closed before any snapshot showed it.
     */
    @WithDefault("PT10S")
    Duration snapshotInterval();

    /**
     * How long after its fill a spot entry of the bot still counts as a trade open without its exit (in the snapshot's
     * {@code filled_entries}, by which risk-service counts it). Keep it equal to order-service's
     * {@code order.exit-check-window}, within which order-service places such an exit at its next resync.
     */
    @WithDefault("PT48H")
    Duration filledEntryWindow();

    /** How long a ticker read over REST is reused when valuing wallets in USD. */
    @WithDefault("PT5S")
    Duration tickerMaxAge();

    /**
     * Currencies counted 1:1 as US dollars. TESTUSD is the quote of the paper pair tTESTBTC:TESTUSD; any other currency is
     * valued at the last price of its USD-quoted pair (BTC at tBTCUSD, TESTBTC at tTESTBTC:TESTUSD).
     */
    @WithDefault("USD,TESTUSD")
    List<String> usdCurrencies();

    /** Margin level thresholds of {@code margin_status}. */
    MarginThresholds margin();

    /** What the application refuses to start with ({@link AccountConfigRules}). */
    static void check(AccountConfig account, SettingsCheck check) {
        check.notBlank("name", account.name())
                .positive("snapshot-interval", account.snapshotInterval())
                .positive("filled-entry-window", account.filledEntryWindow())
                .notEmpty("usd-currencies", account.usdCurrencies())
                .atLeast("margin.healthy-level", account.margin().healthyLevel(), "1")
                .atLeast("margin.warning-level", account.margin().warningLevel(), "1");
    }

    interface MarginThresholds {
        /** Margin level (margin net / required margin) at or above which the status is HEALTHY. */
        @WithDefault("2")
        BigDecimal healthyLevel();

        /** At or above this (and below healthy-level) WARNING; below it DANGER. */
        @WithDefault("1.5")
        BigDecimal warningLevel();
    }
}
