package io.tradingbot.order.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradingbot.bitfinex.model.AccountTrade;
import io.tradingbot.bitfinex.model.Notification;
import io.tradingbot.bitfinex.model.Order;
import io.tradingbot.bitfinex.ws.AccountEvent;

import java.math.BigDecimal;

/**
 * The decoded, named fields of a channel-0 trading event, next to its raw array on {@code exchange.private.v1}. Names in
 * snake_case as Bitfinex documents them; amounts and prices as decimal strings, like every TradingBot record.
 */
final class PrivateEventFields {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private PrivateEventFields() {
    }

    static ObjectNode of(AccountEvent event) {
        return switch (event) {
            case AccountEvent.OrdersSnapshot os -> {
                ObjectNode fields = NODES.objectNode();
                ArrayNode orders = fields.putArray("orders");
                os.orders().forEach(o -> orders.add(order(o)));
                yield fields;
            }
            case AccountEvent.OrderNew on -> order(on.order());
            case AccountEvent.OrderUpdated ou -> order(ou.order());
            case AccountEvent.OrderClosed oc -> order(oc.order());
            case AccountEvent.TradeEvent te -> trade(te.trade());
            case AccountEvent.NotificationEvent n -> notification(n.notification());
            default -> NODES.objectNode();
        };
    }

    /** The symbol the event is about, or null (then it is keyed by account). */
    static String symbol(AccountEvent event) {
        return switch (event) {
            case AccountEvent.OrderNew on -> on.order().symbol();
            case AccountEvent.OrderUpdated ou -> ou.order().symbol();
            case AccountEvent.OrderClosed oc -> oc.order().symbol();
            case AccountEvent.TradeEvent te -> te.trade().symbol();
            case AccountEvent.NotificationEvent n -> {
                var orders = safeOrders(n.notification());
                yield orders.length == 0 ? null : orders[0].symbol();
            }
            default -> null;
        };
    }

    static ObjectNode order(Order o) {
        ObjectNode f = NODES.objectNode();
        put(f, "id", o.id());
        put(f, "gid", o.gid());
        put(f, "cid", o.cid());
        f.put("symbol", o.symbol());
        put(f, "mts_create", o.mtsCreate());
        put(f, "mts_update", o.mtsUpdate());
        put(f, "amount", o.amount());
        put(f, "amount_orig", o.amountOrig());
        f.put("type", o.type());
        f.put("type_prev", o.typePrev());
        if (o.flags() != null) {
            f.put("flags", o.flags());
        }
        f.put("status", o.status());
        f.put("state", o.state().name());
        put(f, "price", o.price());
        put(f, "price_avg", o.priceAvg());
        put(f, "price_trailing", o.priceTrailing());
        put(f, "price_aux_limit", o.priceAuxLimit());
        if (o.meta() != null && !o.meta().isNull()) {
            f.set("meta", o.meta());
        }
        return f;
    }

    private static ObjectNode trade(AccountTrade t) {
        ObjectNode f = NODES.objectNode();
        put(f, "id", t.id());
        f.put("symbol", t.symbol());
        put(f, "mts", t.mts());
        put(f, "order_id", t.orderId());
        put(f, "exec_amount", t.execAmount());
        put(f, "exec_price", t.execPrice());
        f.put("order_type", t.orderType());
        put(f, "order_price", t.orderPrice());
        if (t.maker() != null) {
            f.put("maker", t.maker());
        }
        put(f, "fee", t.fee());
        f.put("fee_currency", t.feeCurrency());
        put(f, "cid", t.cid());
        return f;
    }

    private static ObjectNode notification(Notification n) {
        ObjectNode f = NODES.objectNode();
        put(f, "mts", n.mts());
        f.put("type", n.type());
        put(f, "message_id", n.messageId());
        if (n.code() != null) {
            f.put("code", n.code());
        }
        f.put("status", n.status());
        f.put("text", n.text());
        ArrayNode orders = f.putArray("orders");
        for (Order o : safeOrders(n)) {
            orders.add(order(o));
        }
        return f;
    }

    // A notification's DATA is not always an order (custom notices): then it has none.
    private static Order[] safeOrders(Notification n) {
        try {
            return n.orders().toArray(Order[]::new);
        } catch (RuntimeException notAnOrder) {
            return new Order[0];
        }
    }

    static ArrayNode frame(AccountEvent event) {
        ArrayNode frame = NODES.arrayNode();
        frame.add(0);
        frame.add(event.type());
        JsonNode data = event.raw();
        frame.add(data == null ? NODES.nullNode() : data);
        return frame;
    }

    private static void put(ObjectNode f, String name, Long value) {
        if (value != null) {
            f.put(name, value);
        }
    }

    private static void put(ObjectNode f, String name, BigDecimal value) {
        if (value != null) {
            f.put(name, value.toPlainString());
        }
    }
}
