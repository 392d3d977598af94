package io.tradingbot.bitfinex.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Changes to an active order ({@code auth/w/order/update}, WebSocket {@code ou}). Only the non-null fields are sent.
 * {@code delta} adds to the remaining amount; {@code amount} replaces it.
 */
public record OrderUpdateRequest(long id, BigDecimal amount, BigDecimal delta, BigDecimal price,
                                 BigDecimal priceAuxLimit, BigDecimal priceTrailing, Integer flags, Integer lev,
                                 Instant tif, Long gid, Long cid, LocalDate cidDate, Map<String, Object> meta) {

    public static OrderUpdateRequest price(long id, BigDecimal price) {
        return new OrderUpdateRequest(id, null, null, price, null, null, null, null, null, null, null, null, null);
    }

    public static OrderUpdateRequest amount(long id, BigDecimal amount) {
        return new OrderUpdateRequest(id, amount, null, null, null, null, null, null, null, null, null, null, null);
    }

    public Map<String, Object> toBody() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        OrderRequest.putDecimal(body, "amount", amount);
        OrderRequest.putDecimal(body, "delta", delta);
        OrderRequest.putDecimal(body, "price", price);
        OrderRequest.putDecimal(body, "price_aux_limit", priceAuxLimit);
        OrderRequest.putDecimal(body, "price_trailing", priceTrailing);
        if (flags != null) {
            body.put("flags", flags);
        }
        if (lev != null) {
            body.put("lev", lev);
        }
        if (tif != null) {
            body.put("tif", OrderRequest.TIF_FORMAT.format(tif));
        }
        if (gid != null) {
            body.put("gid", gid);
        }
        if (cid != null) {
            body.put("cid", cid);
        }
        if (cidDate != null) {
            body.put("cid_date", cidDate.toString());
        }
        if (meta != null && !meta.isEmpty()) {
            body.put("meta", meta);
        }
        return body;
    }
}
