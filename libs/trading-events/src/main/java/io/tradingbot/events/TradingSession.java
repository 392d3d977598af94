package io.tradingbot.events;

import java.time.Instant;

/**
 * Automated trading of one symbol ({@code trading.sessions.v1}, compacted, keyed by symbol): the latest record per symbol
 * says whether it is on, with which strategy, since when and who switched it.
 */
public record TradingSession(String symbol, boolean active, String strategy, Instant since, String changedBy,
        String reason) {

    public TradingSession {
        Require.symbol(symbol);
        Require.present(since, "since");
        Require.text(changedBy, "changed_by");
        if (active) {
            Require.text(strategy, "strategy");
        }
    }
}
