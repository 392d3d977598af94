package io.tradingbot.bitfinex.model;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What {@code auth/w/order/cancel/multi} (and WebSocket {@code oc_multi}) cancels: ids, group ids, client ids, or all. */
public record CancelMultiRequest(Map<String, Object> body) {

    /** A client order id together with the UTC date the order was placed (Bitfinex needs both). */
    public record ClientOrderRef(long cid, LocalDate date) {
    }

    public static CancelMultiRequest ids(List<Long> ids) {
        return new CancelMultiRequest(Map.of("id", List.copyOf(ids)));
    }

    public static CancelMultiRequest groupIds(List<Long> gids) {
        return new CancelMultiRequest(Map.of("gid", List.copyOf(gids)));
    }

    public static CancelMultiRequest clientIds(List<ClientOrderRef> refs) {
        List<List<Object>> pairs = new ArrayList<>();
        for (ClientOrderRef ref : refs) {
            pairs.add(List.of(ref.cid(), ref.date().toString()));
        }
        return new CancelMultiRequest(Map.of("cid", pairs));
    }

    /** Cancels every trading and derivatives order of the account. */
    public static CancelMultiRequest all() {
        return new CancelMultiRequest(Map.of("all", 1));
    }
}
