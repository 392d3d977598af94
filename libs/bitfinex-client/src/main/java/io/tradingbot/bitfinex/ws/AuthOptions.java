package io.tradingbot.bitfinex.ws;

import java.util.List;

/**
 * Options of the WebSocket auth event.
 *
 * @param deadManSwitch {@code dms:4}: the exchange cancels every order of the account when this socket closes
 * @param filter        channel-0 filters (e.g. {@code trading}, {@code wallet}); empty = everything
 */
public record AuthOptions(boolean deadManSwitch, List<String> filter) {

    public static final AuthOptions DEFAULT = new AuthOptions(false, List.of());

    public AuthOptions {
        filter = filter == null ? List.of() : List.copyOf(filter);
    }
}
