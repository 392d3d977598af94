package io.tradingbot.account.service;

import io.tradingbot.bitfinex.error.AuthenticationException;
import io.tradingbot.bitfinex.error.NonceTooSmallException;
import io.tradingbot.bitfinex.model.Order;
import io.tradingbot.bitfinex.rest.BitfinexRestClient;
import io.tradingbot.bitfinex.rest.HistoryQuery;
import io.tradingbot.events.ActiveOrder;
import io.tradingbot.events.MarginInfo;
import io.tradingbot.events.Position;
import io.tradingbot.events.Wallet;

import java.util.List;

/**
 * The account as the exchange reports it over REST (the seed's {@code update_wallet_info}, {@code update_position_info},
 * {@code update_margin_info}), the orders still open and those closed last. A refused key becomes an error that says
 * which permission is missing.
 */
public class ExchangeReader {
    /** As many as order-service reads when it looks for entries that filled without their exit. */
    private static final int CLOSED_ORDERS_READ = 500;

    private final BitfinexRestClient rest;

    public ExchangeReader(BitfinexRestClient rest) {
        this.rest = rest;
    }

    public List<Wallet> wallets() {
        return guarded("wallets", () -> rest.wallets().stream().map(ExchangeRecords::wallet).toList());
    }

    public List<Position> positions() {
        return guarded("positions", () -> AccountBook.open(rest.positions().stream().map(ExchangeRecords::position)
                .toList()));
    }

    public MarginInfo margin() {
        return guarded("margin info", () -> ExchangeRecords.margin(rest.marginInfoBase()));
    }

    public List<ActiveOrder> orders() {
        return guarded("orders", () -> ExchangeRecords.orders(rest.activeOrders()));
    }

    /** The account's last closed orders, newest first: one signed request, as order-service reads them at resync. */
    public List<Order> closedOrders() {
        return guarded("orders", () -> rest.orderHistory(null, HistoryQuery.limit(CLOSED_ORDERS_READ)));
    }

    private static <T> T guarded(String what, java.util.function.Supplier<T> read) {
        try {
            return read.get();
        } catch (NonceTooSmallException e) {
            throw e; // a key shared with another process, not a missing permission
        } catch (AuthenticationException e) {
            throw new MissingPermissionException("account-service cannot read " + what + " with this API key: the key "
                    + "(bitfinex.api-key / BITFINEX_API_KEY) needs read permission on wallets, positions, margin "
                    + "info and orders. The exchange answered: " + e.getMessage(), e);
        }
    }

    /** The configured key may not read what this service keeps. */
    public static class MissingPermissionException extends IllegalStateException {
        MissingPermissionException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
