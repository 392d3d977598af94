package io.tradingbot.bitfinex.ws;

/** Lifecycle of the client's socket, as callers observe it. */
public enum ConnectionState {
    /** Not started yet. */
    NEW,
    /** Opening a socket. */
    CONNECTING,
    /** Open; public channels (re)subscribed; not authenticated (or authentication not asked/refused). */
    CONNECTED,
    /** Open and channel 0 authenticated. */
    AUTHENTICATED,
    /** The platform announced maintenance (20060) or reports status 0: trading is refused until it ends (20061). */
    PAUSED,
    /** Lost (closed, dead, 20051); a new socket will be opened after backoff. */
    RECONNECTING,
    /** Closed by the caller. */
    CLOSED
}
