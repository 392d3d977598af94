package io.tradingbot.simulator.engine;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.math.BigDecimal;
import java.util.List;

/** An account as the admin API shows it: snake_case, money as decimal strings. */
public record AccountView(String name, List<WalletView> wallets, List<OrderView> orders,
                          @JsonProperty("closed_orders") List<OrderView> closedOrders,
                          List<PositionView> positions, List<TradeView> trades) {

    public record WalletView(String type, String currency, String balance, String available) {
        WalletView(String type, String currency, BigDecimal balance, BigDecimal available) {
            this(type, currency, Prices.text(balance), Prices.text(available));
        }
    }

    public record OrderView(long id, Long cid, Long gid, String symbol, String type, String amount,
                            @JsonProperty("amount_orig") String amountOrig, String price,
                            @JsonProperty("price_avg") String priceAvg, String status, int flags,
                            @JsonProperty("placed_id") Long placedId) {
        OrderView(long id, Long cid, Long gid, String symbol, String type, BigDecimal amount, BigDecimal amountOrig,
                  BigDecimal price, BigDecimal priceAvg, String status, int flags, Long placedId) {
            this(id, cid, gid, symbol, type, Prices.text(amount), Prices.text(amountOrig),
                    price == null ? null : Prices.text(price), Prices.text(priceAvg), status, flags, placedId);
        }
    }

    public record PositionView(long id, String symbol, String status, String amount,
                               @JsonProperty("base_price") String basePrice, String pl,
                               @JsonProperty("liquidation_price") String liquidationPrice, String leverage) {
        PositionView(long id, String symbol, String status, BigDecimal amount, BigDecimal basePrice, BigDecimal pl,
                     BigDecimal liquidationPrice, BigDecimal leverage) {
            this(id, symbol, status, Prices.text(amount), Prices.text(basePrice), Prices.text(pl),
                    Prices.text(liquidationPrice), Prices.text(leverage));
        }
    }

    public record TradeView(long id, @JsonProperty("order_id") long orderId, String symbol, long mts,
                            @JsonProperty("exec_amount") String execAmount,
                            @JsonProperty("exec_price") String execPrice, String fee,
                            @JsonProperty("fee_currency") String feeCurrency, boolean maker) {
        TradeView(long id, long orderId, String symbol, long mts, BigDecimal execAmount, BigDecimal execPrice,
                  BigDecimal fee, String feeCurrency, boolean maker) {
            this(id, orderId, symbol, mts, Prices.text(execAmount), Prices.text(execPrice), Prices.text(fee),
                    feeCurrency, maker);
        }
    }
}
