package io.tradingbot.bitfinex.rest;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Window of a history call (candles, trades, order/trade history). All optional: {@code start}/{@code end} in epoch
 * ms (inclusive), {@code limit} rows, {@code sort} 1 oldest first / -1 newest first (Bitfinex's default).
 */
public record HistoryQuery(Long start, Long end, Integer limit, Integer sort) {

    public static final HistoryQuery DEFAULT = new HistoryQuery(null, null, null, null);

    public static HistoryQuery limit(int limit) {
        return new HistoryQuery(null, null, limit, null);
    }

    public HistoryQuery ascending() {
        return new HistoryQuery(start, end, limit, 1);
    }

    Map<String, Object> toParams() {
        Map<String, Object> params = new LinkedHashMap<>();
        if (start != null) {
            params.put("start", start);
        }
        if (end != null) {
            params.put("end", end);
        }
        if (limit != null) {
            params.put("limit", limit);
        }
        if (sort != null) {
            params.put("sort", sort);
        }
        return params;
    }
}
