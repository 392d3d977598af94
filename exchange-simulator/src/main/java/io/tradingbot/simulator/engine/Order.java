package io.tradingbot.simulator.engine;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/** An order of an account, active or closed. */
public final class Order {
    final long id;
    final String account;
    final String symbol;
    final long mtsCreate;
    Long gid;
    Long cid;
    String cidDate;
    long mtsUpdate;
    BigDecimal amount;
    BigDecimal amountOrig;
    OrderKind kind;
    final boolean exchange;
    String typePrev;
    Long mtsTif;
    int flags;
    String status = "ACTIVE";
    BigDecimal price;
    BigDecimal priceTrailing = BigDecimal.ZERO;
    BigDecimal priceAuxLimit = BigDecimal.ZERO;
    Long placedId;
    ObjectNode meta;
    /** Best price seen since placement, for trailing stops. */
    BigDecimal trailExtreme;
    /** Amount and value filled so far (absolute), for PRICE_AVG and status texts. */
    BigDecimal filled = BigDecimal.ZERO;
    BigDecimal filledValue = BigDecimal.ZERO;
    final List<String> partials = new ArrayList<>();

    Order(long id, String account, String symbol, long mts, boolean exchange) {
        this.id = id;
        this.account = account;
        this.symbol = symbol;
        this.mtsCreate = mts;
        this.mtsUpdate = mts;
        this.exchange = exchange;
    }

    public long id() {
        return id;
    }

    public String symbol() {
        return symbol;
    }

    public Long cid() {
        return cid;
    }

    public Long gid() {
        return gid;
    }

    public BigDecimal amount() {
        return amount;
    }

    public BigDecimal amountOrig() {
        return amountOrig;
    }

    public BigDecimal price() {
        return price;
    }

    public String status() {
        return status;
    }

    public String type() {
        return kind.wire(exchange);
    }

    public int flags() {
        return flags;
    }

    public boolean isBuy() {
        return amountOrig.signum() > 0;
    }

    public boolean isExchange() {
        return exchange;
    }

    public boolean active() {
        return status.startsWith("ACTIVE") || status.startsWith("PARTIALLY FILLED");
    }

    public BigDecimal priceAvg() {
        return filled.signum() == 0 ? BigDecimal.ZERO
                : Prices.price(filledValue.divide(filled, 12, RoundingMode.HALF_EVEN), RoundingMode.HALF_EVEN);
    }

    /** The price the order rests at (limit price), or null for untriggered stops and markets. */
    BigDecimal limitPrice() {
        return switch (kind) {
            case LIMIT, FOK, IOC -> price;
            case STOP_LIMIT -> priceAuxLimit;
            default -> null;
        };
    }

    /** The ORDER array (32 fields, docs rest-auth-orders). */
    public ArrayNode toArray() {
        ObjectNode m = meta == null ? WireJson.object() : meta.deepCopy();
        return WireJson.array(id, gid, cid, symbol, mtsCreate, mtsUpdate, amount, amountOrig, type(), typePrev,
                mtsTif, null, flags, status, null, null, price, priceAvg(), priceTrailing, priceAuxLimit, null,
                null, null, 0, Flags.has(flags, Flags.HIDDEN) ? 1 : 0, placedId, null, null, "API>BFX", null, null,
                m);
    }
}
