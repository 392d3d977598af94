package io.tradingbot.marketdata.health;

import io.tradingbot.bitfinex.ws.PublicChannelPool.SocketStatus;
import io.tradingbot.marketdata.config.MarketDataConfig;
import io.tradingbot.marketdata.service.FeedHealth;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import java.time.Duration;
import java.util.Map;

/**
 * DOWN while the feed of a watched symbol is older than {@code market-data.max-feed-age}: consumers would otherwise
 * trade on prices that stopped moving without anyone noticing; and while an exchange WebSocket that holds channels is
 * not connected (its symbols get nothing until it is back). The data lists each symbol's age and each socket's state.
 */
@Readiness
@ApplicationScoped
public class FeedReadinessCheck implements HealthCheck {
    static final String NAME = "Market data feed";

    private final FeedHealth feeds;
    private final MarketDataConfig config;

    public FeedReadinessCheck(FeedHealth feeds, MarketDataConfig config) {
        this.feeds = feeds;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        Duration max = config.maxFeedAge();
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME).up();
        for (Map.Entry<String, Duration> feed : feeds.ages().entrySet()) {
            Duration age = feed.getValue();
            boolean stale = age.compareTo(max) > 0;
            response.withData(feed.getKey(), (stale ? "stale: " : "") + "last data " + age.toMillis() + " ms ago (max "
                    + max.toMillis() + " ms)");
            if (stale) {
                response.down();
            }
        }
        for (SocketStatus socket : feeds.sockets()) {
            boolean needed = socket.channels() > 0;
            response.withData("socket-" + socket.id(), socket.state() + ", " + socket.channels() + " channels, "
                    + socket.reconnects() + " reconnects");
            if (needed && !socket.connected()) {
                response.down();
            }
        }
        return response.build();
    }
}
