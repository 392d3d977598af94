package io.tradingbot.bitfinex.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A new order, with every field Bitfinex takes (REST {@code auth/w/order/submit} and WebSocket {@code on} share it).
 * Amount: + buy, - sell. For STOP types {@code price} is the trigger, {@code priceAuxLimit} the limit of a STOP LIMIT.
 * Build it with {@link #builder(OrderType, String, BigDecimal)}.
 */
public record OrderRequest(OrderType type, String symbol, BigDecimal amount, BigDecimal price, BigDecimal priceAuxLimit,
                           BigDecimal priceTrailing, BigDecimal priceOcoStop, int flags, Long cid, Long gid,
                           Integer lev, Instant tif, Map<String, Object> meta) {

    static final DateTimeFormatter TIF_FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    public OrderRequest {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(amount, "amount");
        if (amount.signum() == 0) {
            throw new IllegalArgumentException("amount must not be zero (+ buy, - sell)");
        }
        if (amount.stripTrailingZeros().scale() > PairInfo.AMOUNT_DECIMALS) {
            throw new IllegalArgumentException("amount has more than 8 decimals: " + amount.toPlainString());
        }
        if (!type.isMarket() && price == null && type != OrderType.TRAILING_STOP && type != OrderType.EXCHANGE_TRAILING_STOP) {
            throw new IllegalArgumentException(type.wireName() + " needs a price");
        }
        if ((flags & OrderFlags.OCO) != 0 && priceOcoStop == null) {
            throw new IllegalArgumentException("an OCO order needs priceOcoStop");
        }
        meta = meta == null ? Map.of() : Map.copyOf(meta);
    }

    public static Builder builder(OrderType type, String symbol, BigDecimal amount) {
        return new Builder(type, symbol, amount);
    }

    /** A copy of this request with the given client id (the submit path assigns one when missing). */
    public OrderRequest withCid(long newCid) {
        return new OrderRequest(type, symbol, amount, price, priceAuxLimit, priceTrailing, priceOcoStop, flags, newCid, gid,
                lev, tif, meta);
    }

    /** The JSON body Bitfinex takes; decimals as plain strings, absent fields omitted. */
    public Map<String, Object> toBody() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type.wireName());
        body.put("symbol", symbol);
        body.put("amount", amount.toPlainString());
        putDecimal(body, "price", price);
        putDecimal(body, "price_aux_limit", priceAuxLimit);
        putDecimal(body, "price_trailing", priceTrailing);
        putDecimal(body, "price_oco_stop", priceOcoStop);
        if (flags != 0) {
            body.put("flags", flags);
        }
        if (cid != null) {
            body.put("cid", cid);
        }
        if (gid != null) {
            body.put("gid", gid);
        }
        if (lev != null) {
            body.put("lev", lev);
        }
        if (tif != null) {
            body.put("tif", TIF_FORMAT.format(tif));
        }
        if (!meta.isEmpty()) {
            body.put("meta", meta);
        }
        return body;
    }

    static void putDecimal(Map<String, Object> body, String name, BigDecimal value) {
        if (value != null) {
            body.put(name, value.toPlainString());
        }
    }

    public static final class Builder {
        private final OrderType type;
        private final String symbol;
        private final BigDecimal amount;
        private BigDecimal price;
        private BigDecimal priceAuxLimit;
        private BigDecimal priceTrailing;
        private BigDecimal priceOcoStop;
        private int flags;
        private Long cid;
        private Long gid;
        private Integer lev;
        private Instant tif;
        private Map<String, Object> meta;

        private Builder(OrderType type, String symbol, BigDecimal amount) {
            this.type = type;
            this.symbol = symbol;
            this.amount = amount;
        }

        public Builder price(BigDecimal value) {
            this.price = value;
            return this;
        }

        public Builder priceAuxLimit(BigDecimal value) {
            this.priceAuxLimit = value;
            return this;
        }

        public Builder priceTrailing(BigDecimal value) {
            this.priceTrailing = value;
            return this;
        }

        /** Makes this an OCO order: sets the OCO flag and the stop price of its twin. */
        public Builder oco(BigDecimal stopPrice) {
            this.priceOcoStop = stopPrice;
            this.flags |= OrderFlags.OCO;
            return this;
        }

        public Builder hidden() {
            this.flags |= OrderFlags.HIDDEN;
            return this;
        }

        public Builder postOnly() {
            this.flags |= OrderFlags.POST_ONLY;
            return this;
        }

        public Builder reduceOnly() {
            this.flags |= OrderFlags.REDUCE_ONLY;
            return this;
        }

        public Builder close() {
            this.flags |= OrderFlags.CLOSE;
            return this;
        }

        public Builder flags(int value) {
            this.flags |= value;
            return this;
        }

        public Builder cid(long value) {
            this.cid = value;
            return this;
        }

        public Builder gid(long value) {
            this.gid = value;
            return this;
        }

        public Builder lev(int value) {
            this.lev = value;
            return this;
        }

        /** Auto-cancel time (sent as UTC {@code yyyy-MM-dd HH:mm:ss}). */
        public Builder tif(Instant value) {
            this.tif = value;
            return this;
        }

        public Builder meta(Map<String, Object> value) {
            this.meta = value;
            return this;
        }

        public OrderRequest build() {
            return new OrderRequest(type, symbol, amount, price, priceAuxLimit, priceTrailing, priceOcoStop, flags, cid,
                    gid, lev, tif, meta);
        }
    }
}
