package io.tradingbot.bitfinex.ws;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import io.tradingbot.bitfinex.model.AccountTrade;
import io.tradingbot.bitfinex.model.BalanceInfo;
import io.tradingbot.bitfinex.model.MarginInfoBase;
import io.tradingbot.bitfinex.model.MarginInfoSymbol;
import io.tradingbot.bitfinex.model.Notification;
import io.tradingbot.bitfinex.model.Order;
import io.tradingbot.bitfinex.model.Position;
import io.tradingbot.bitfinex.model.Wallet;

/**
 * A private event of the authenticated channel 0 ({@code [0, TYPE, DATA]}). Every event keeps {@code raw}, the DATA
 * element as received. After every (re-)authentication the snapshots ({@code os}, {@code ps}, {@code ws}) arrive
 * again and replace whatever the caller held.
 */
public sealed interface AccountEvent {

    /** The Bitfinex event type, e.g. {@code on}. */
    String type();

    JsonNode raw();

    /** {@code os}: every active order. */
    record OrdersSnapshot(List<Order> orders, JsonNode raw) implements AccountEvent {
        public String type() {
            return "os";
        }
    }

    /** {@code on}: an order was accepted. */
    record OrderNew(Order order, JsonNode raw) implements AccountEvent {
        public String type() {
            return "on";
        }
    }

    /** {@code ou}: an order changed (partial fill, update). */
    record OrderUpdated(Order order, JsonNode raw) implements AccountEvent {
        public String type() {
            return "ou";
        }
    }

    /** {@code oc}: an order left the book — canceled or fully executed (see {@link Order#state()}). */
    record OrderClosed(Order order, JsonNode raw) implements AccountEvent {
        public String type() {
            return "oc";
        }
    }

    /** {@code ps}: every active position. */
    record PositionsSnapshot(List<Position> positions, JsonNode raw) implements AccountEvent {
        public String type() {
            return "ps";
        }
    }

    /** {@code pn}, {@code pu} or {@code pc}. */
    record PositionChanged(String type, Position position, JsonNode raw) implements AccountEvent {
        public boolean isClosed() {
            return "pc".equals(type);
        }
    }

    /** {@code ws}: every wallet. */
    record WalletsSnapshot(List<Wallet> wallets, JsonNode raw) implements AccountEvent {
        public String type() {
            return "ws";
        }
    }

    /** {@code wu}: one wallet changed. */
    record WalletUpdated(Wallet wallet, JsonNode raw) implements AccountEvent {
        public String type() {
            return "wu";
        }
    }

    /** {@code bu}: total balance. */
    record BalanceUpdated(BalanceInfo balance, JsonNode raw) implements AccountEvent {
        public String type() {
            return "bu";
        }
    }

    /** {@code miu}: margin info, either the account-wide {@code base} or one symbol's {@code sym} (the other is null). */
    record MarginInfoUpdated(MarginInfoBase base, MarginInfoSymbol symbol, JsonNode raw) implements AccountEvent {
        public String type() {
            return "miu";
        }
    }

    /** {@code te} (execution; fee not known yet) or {@code tu} (same trade with its fee). */
    record TradeEvent(String type, AccountTrade trade, JsonNode raw) implements AccountEvent {
        public boolean isFinal() {
            return "tu".equals(type);
        }
    }

    /** {@code n}: the answer to an input (on-req, oc-req...) or an exchange notice. */
    record NotificationEvent(Notification notification, JsonNode raw) implements AccountEvent {
        public String type() {
            return "n";
        }
    }

    /** Any other channel-0 event (funding offers/credits/loans, ...), undecoded. */
    record Other(String type, JsonNode raw) implements AccountEvent {
    }
}
