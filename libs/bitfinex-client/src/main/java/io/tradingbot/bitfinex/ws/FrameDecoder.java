package io.tradingbot.bitfinex.ws;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;

import io.tradingbot.bitfinex.model.AccountTrade;
import io.tradingbot.bitfinex.model.BalanceInfo;
import io.tradingbot.bitfinex.model.Candle;
import io.tradingbot.bitfinex.model.MarginInfoBase;
import io.tradingbot.bitfinex.model.MarginInfoSymbol;
import io.tradingbot.bitfinex.model.Notification;
import io.tradingbot.bitfinex.model.Order;
import io.tradingbot.bitfinex.model.Position;
import io.tradingbot.bitfinex.model.PublicTrade;
import io.tradingbot.bitfinex.model.Ticker;
import io.tradingbot.bitfinex.model.Wallet;

/** Turns WebSocket data frames into typed events. Heartbeats ({@code "hb"}) decode to nothing. */
public final class FrameDecoder {

    private FrameDecoder() {
    }

    /** Decodes a channel-0 frame {@code [0, TYPE, DATA]}; empty for heartbeats. */
    public static Optional<AccountEvent> account(JsonNode frame) {
        if (frame == null || !frame.isArray() || frame.size() < 2 || !frame.get(1).isTextual()) {
            return Optional.empty();
        }
        String type = frame.get(1).asText();
        if ("hb".equals(type)) {
            return Optional.empty();
        }
        JsonNode data = frame.size() > 2 ? frame.get(2) : null;
        AccountEvent event = switch (type) {
            case "os" -> new AccountEvent.OrdersSnapshot(list(data, Order::fromArray), data);
            case "on" -> new AccountEvent.OrderNew(Order.fromArray(data), data);
            case "ou" -> new AccountEvent.OrderUpdated(Order.fromArray(data), data);
            case "oc" -> new AccountEvent.OrderClosed(Order.fromArray(data), data);
            case "ps" -> new AccountEvent.PositionsSnapshot(list(data, Position::fromArray), data);
            case "pn", "pu", "pc" -> new AccountEvent.PositionChanged(type, Position.fromArray(data), data);
            case "ws" -> new AccountEvent.WalletsSnapshot(list(data, Wallet::fromArray), data);
            case "wu" -> new AccountEvent.WalletUpdated(Wallet.fromArray(data), data);
            case "bu" -> new AccountEvent.BalanceUpdated(BalanceInfo.fromArray(data), data);
            case "miu" -> marginInfo(data);
            case "te", "tu" -> new AccountEvent.TradeEvent(type, AccountTrade.fromArray(data), data);
            case "n" -> new AccountEvent.NotificationEvent(Notification.fromArray(data), data);
            default -> new AccountEvent.Other(type, data);
        };
        return Optional.of(event);
    }

    private static AccountEvent marginInfo(JsonNode data) {
        String tag = data != null && data.isArray() && data.size() > 0 ? data.get(0).asText() : "";
        if ("base".equals(tag)) {
            return new AccountEvent.MarginInfoUpdated(MarginInfoBase.fromArray(data), null, data);
        }
        if ("sym".equals(tag)) {
            return new AccountEvent.MarginInfoUpdated(null, MarginInfoSymbol.fromArray(data), data);
        }
        return new AccountEvent.Other("miu", data);
    }

    /**
     * Decodes a public channel frame {@code [CHAN_ID, PAYLOAD]} or {@code [CHAN_ID, "te"|"tu", TRADE]}.
     *
     * @param channel {@code ticker}, {@code candles} or {@code trades}
     * @param target  the subscription's symbol or candle key
     */
    public static Optional<MarketEvent> market(String channel, String target, JsonNode frame) {
        if (frame == null || !frame.isArray() || frame.size() < 2) {
            return Optional.empty();
        }
        JsonNode second = frame.get(1);
        if (second.isTextual()) {
            String kind = second.asText();
            if (("te".equals(kind) || "tu".equals(kind)) && frame.size() > 2 && "trades".equals(channel)) {
                return Optional.of(new MarketEvent.TradeUpdate(target, kind, PublicTrade.fromArray(frame.get(2))));
            }
            return Optional.empty(); // "hb", "cs"
        }
        if (!second.isArray()) {
            return Optional.empty();
        }
        boolean snapshot = second.size() > 0 && second.get(0).isArray() || second.isEmpty();
        return switch (channel) {
            case "ticker" -> Optional.of(new MarketEvent.TickerUpdate(target, Ticker.fromArray(second)));
            case "candles" -> Optional.of(snapshot
                    ? new MarketEvent.CandlesSnapshot(target, list(second, Candle::fromArray))
                    : new MarketEvent.CandleUpdate(target, Candle.fromArray(second)));
            case "trades" -> Optional.of(snapshot
                    ? new MarketEvent.TradesSnapshot(target, list(second, PublicTrade::fromArray))
                    : new MarketEvent.TradeUpdate(target, "te", PublicTrade.fromArray(second)));
            default -> Optional.empty();
        };
    }

    private static <T> List<T> list(JsonNode data, Function<JsonNode, T> decoder) {
        List<T> out = new ArrayList<>();
        if (data != null && data.isArray()) {
            for (JsonNode row : data) {
                if (row.isArray()) {
                    out.add(decoder.apply(row));
                }
            }
        }
        return out;
    }
}
