package io.tradingbot.account.messaging;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradingbot.bitfinex.model.MarginInfoBase;
import io.tradingbot.bitfinex.model.MarginInfoSymbol;
import io.tradingbot.bitfinex.model.Position;
import io.tradingbot.bitfinex.model.Wallet;
import io.tradingbot.bitfinex.ws.AccountEvent;
import io.tradingbot.events.ExchangePrivateEvent;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.Set;

/**
 * The account events account-service follows (ws, wu, ps, pn, pu, pc, miu, bu) as {@link ExchangePrivateEvent}s: the DATA
 * array as Bitfinex sent it, and its fields by Bitfinex's names (money as decimal strings, as on every topic). Order and
 * trade events are order-service's to publish.
 */
public final class PrivateEvents {
    public static final Set<String> FOLLOWED = Set.of("ws", "wu", "ps", "pn", "pu", "pc", "miu", "bu");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private PrivateEvents() {
    }

    public static Optional<ExchangePrivateEvent> of(String account, AccountEvent event, long receivedMts) {
        if (!FOLLOWED.contains(event.type()) || event.raw() == null || !event.raw().isArray()) {
            return Optional.empty();
        }
        ObjectNode fields = NODES.objectNode();
        String symbol = null;
        switch (event) {
            case AccountEvent.WalletsSnapshot s -> {
                ArrayNode list = fields.putArray("wallets");
                s.wallets().forEach(w -> list.add(wallet(w)));
            }
            case AccountEvent.WalletUpdated u -> fields.setAll(wallet(u.wallet()));
            case AccountEvent.PositionsSnapshot s -> {
                ArrayNode list = fields.putArray("positions");
                s.positions().forEach(p -> list.add(position(p)));
            }
            case AccountEvent.PositionChanged c -> {
                fields.setAll(position(c.position()));
                symbol = c.position().symbol();
            }
            case AccountEvent.MarginInfoUpdated m when m.base() != null -> marginBase(fields, m.base());
            case AccountEvent.MarginInfoUpdated m when m.symbol() != null -> {
                marginSymbol(fields, m.symbol());
                symbol = m.symbol().symbol();
            }
            case AccountEvent.BalanceUpdated b -> {
                money(fields, "aum", b.balance().aum());
                money(fields, "aum_net", b.balance().aumNet());
            }
            default -> {
            }
        }
        return Optional.of(new ExchangePrivateEvent(account, event.type(), symbol, event.raw(), fields, receivedMts));
    }

    private static ObjectNode wallet(Wallet w) {
        ObjectNode n = NODES.objectNode().put("wallet_type", w.type()).put("currency", w.currency());
        money(n, "balance", w.balance());
        money(n, "unsettled_interest", w.unsettledInterest());
        money(n, "balance_available", w.balanceAvailable());
        return n;
    }

    private static ObjectNode position(Position p) {
        ObjectNode n = NODES.objectNode().put("symbol", p.symbol()).put("status", p.status());
        money(n, "amount", p.amount());
        money(n, "base_price", p.basePrice());
        money(n, "pl", p.pl());
        money(n, "pl_perc", p.plPerc());
        money(n, "price_liq", p.priceLiq());
        money(n, "leverage", p.leverage());
        if (p.positionId() != null) {
            n.put("position_id", p.positionId());
        }
        return n;
    }

    private static void marginBase(ObjectNode n, MarginInfoBase m) {
        n.put("type", "base");
        money(n, "user_pl", m.userPl());
        money(n, "user_swaps", m.userSwaps());
        money(n, "margin_balance", m.marginBalance());
        money(n, "margin_net", m.marginNet());
        money(n, "margin_min", m.marginMin());
    }

    private static void marginSymbol(ObjectNode n, MarginInfoSymbol m) {
        n.put("type", "sym").put("symbol", m.symbol());
        money(n, "tradable_balance", m.tradableBalance());
        money(n, "gross_balance", m.grossBalance());
        money(n, "buy", m.buy());
        money(n, "sell", m.sell());
    }

    private static void money(ObjectNode n, String name, BigDecimal value) {
        if (value == null) {
            n.putNull(name);
        } else {
            n.put(name, value.toPlainString());
        }
    }
}
