package io.tradingbot.order.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The order-service settings, under {@code order.*}. */
@ConfigMapping(prefix = "order")
public interface OrderConfig {

    /** The account name this process trades for; the key of account-wide records on {@code exchange.private.v1}. */
    @WithDefault("paper")
    String account();

    /**
     * After a submit whose answer was lost (timeout, 5xx, 429), how long the order is looked up by cid before the
     * outcome is reported as unknown. Nothing is sent again while the exchange cannot say whether it has the order.
     */
    @WithDefault("PT2M")
    Duration lookupTimeout();

    /** Pause between two look-ups of a lost submit. */
    @WithDefault("PT1S")
    Duration lookupBackoff();

    /**
     * How orders (entries and exits) reach the exchange. {@code websocket}: as {@code [0,"on",null,{...}]} on this
     * service's authenticated socket, which carries no per-message nonce, so orders of different symbols go out side by
     * side instead of one signed REST request after the other; over REST while that socket is not authenticated (e.g.
     * reconnecting). {@code rest}: always {@code auth/w/order/submit}.
     */
    @WithDefault("websocket")
    Entry entry();

    /**
     * How long an order sent over the WebSocket may wait for its {@code on-req} answer. Past it the outcome is unknown:
     * the order is looked up by cid (never resent blindly), as a REST submit after {@code bitfinex.request-timeout}.
     */
    @WithDefault("PT10S")
    Duration wsAnswerTimeout();

    /** The routes of {@link #entry()}. */
    enum Entry {
        WEBSOCKET, REST
    }

    /**
     * An entry's verdict made longer ago than this (its {@code created_at}, risk-service's clock) is not placed: a market
     * order on an old signal buys or sells at whatever the price has become. Verdicts wait on Kafka while order-service is
     * down or behind, and a consumer group that starts afresh reads the topic from its beginning. Exits are never old:
     * a filled entry gets its stop loss whenever its fill is seen.
     */
    @WithDefault("PT1M")
    Duration maxVerdictAge();

    /**
     * How long an entry that rests on the book (a limit or stop order; a market order fills or ends at once) may wait
     * for its fill: it is sent with Bitfinex's {@code tif}, and the exchange cancels it then, so that no entry outlives
     * the signal it was placed for by hours; what filled of it gets its exit. Zero sends none (good till cancelled).
     */
    @WithDefault("PT10M")
    Duration entryTimeInForce();

    /**
     * How long an entry may rest on the book partly filled: what filled has no stop loss until the entry ends, which
     * {@link #entryTimeInForce} allows to take minutes. After this grace its remainder is cancelled and what filled gets its
     * exit, unless what filled is below the pair's minimum order size (an exit of it would be refused; the entry rests on,
     * and its next fill starts the grace again). Zero cancels the remainder at the first partial fill.
     */
    @WithDefault("PT10S")
    Duration partialFillGrace();

    /** Place the OCO exit (take profit with the stop loss as its twin) once an entry has filled. */
    @WithDefault("true")
    boolean exitOrders();

    /**
     * After each (re-)authentication, a filled entry of the bot whose exit is neither open nor closed gets it, if it
     * filled within this window (a crash between an entry's fill and its exit, or a fill while the socket was down).
     * Older ones are left alone: a trade without its exit for days is the user's to decide on, not the bot's to act on
     * at a restart.
     */
    @WithDefault("PT48H")
    Duration exitCheckWindow();

    /** Further tries of an exit that could not be placed for a passing reason, under {@code order.exit-retry.*}. */
    ExitRetry exitRetry();

    /**
     * A filled entry whose exit got no answer (and was not found by its cid), met a busy exchange (5xx, 429, maintenance)
     * or an unacknowledged journal record is tried again, each try after twice the wait of the one before: the trade has
     * no stop loss until then. Each try looks the exit up by its cid before sending it. A refusal is not tried again.
     */
    interface ExitRetry {
        /** Tries in all, the first included; after the last the trade result says the trade has no stop loss. */
        @WithDefault("10")
        int attempts();

        /** The wait before the second try. */
        @WithDefault("PT1S")
        Duration firstDelay();

        /** The longest wait between two tries. */
        @WithDefault("PT1M")
        Duration maxDelay();
    }

    /**
     * How long a spot buy's exit waits for the socket's {@code tu} reports of the buy's fees (charged in the bought
     * currency, so they size the exit) before it reads the buy's trades over REST instead.
     */
    @WithDefault("PT0.5S")
    Duration exitFeeWait();

    /**
     * Ask Bitfinex to cancel every open order when this service's authenticated socket drops (dead-man switch). Off by
     * default: entries are market orders, so the only orders left open are the take-profit/stop-loss exits, and a
     * network blip, a restart or a node drain would cancel the stop losses of every open trade.
     */
    @WithDefault("false")
    boolean deadManSwitch();

    /** Refuse to start when the API key lacks the {@code orders} write permission. */
    @WithDefault("true")
    boolean checkPermissions();

    /** The journal of submitted cids on {@code orders.events.v1}, under {@code order.journal.*}. */
    Journal journal();

    interface Journal {
        /**
         * How far back the journal is read at start. A verdict created within this window whose cid no SUBMITTED record
         * carries is sent without asking the exchange first; an older one is looked up. A cid is unique per UTC day on
         * Bitfinex and a redelivery comes within hours, so two days cover it; must stay below the topic's retention.
         */
        @WithDefault("PT48H")
        Duration lookback();

        /** How long a SUBMITTED record may take to be acknowledged by the broker; without it nothing is sent. */
        @WithDefault("PT10S")
        Duration ackTimeout();
    }
}
