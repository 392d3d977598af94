package io.tradingbot.gateway.messaging;

import io.tradingbot.events.AccountSnapshot;
import io.tradingbot.events.Candle;
import io.tradingbot.events.ExchangePrivateEvent;
import io.tradingbot.events.RiskVerdict;
import io.tradingbot.events.Signal;
import io.tradingbot.events.Ticker;
import io.tradingbot.events.TradeResult;
import io.tradingbot.events.serde.EventDeserializer;
import io.tradingbot.gateway.service.TradePrices;
import io.tradingbot.gateway.ws.EventHub;
import io.tradingbot.gateway.ws.OutboundEvent;
import io.tradingbot.support.messaging.IncomingEvents;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.common.errors.SerializationException;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * What the services publish, fanned out to the connected clients by name. Each gateway reads every topic from its own
 * consumer group at the latest offset: clients see what happens while they are connected; the REST API has the state.
 */
@ApplicationScoped
public class EventFanIn {
    private static final Logger LOG = Logger.getLogger(EventFanIn.class);

    private final EventHub hub;
    private final TradePrices prices;

    public EventFanIn(EventHub hub, TradePrices prices) {
        this.hub = hub;
        this.prices = prices;
    }

    @Incoming("fan-signals")
    public CompletionStage<Void> signal(Message<byte[]> message) {
        return fan(message, Signal.class, signal -> {
            prices.signal(signal);
            return OutboundEvent.of("signal", signal);
        });
    }

    @Incoming("fan-verdicts")
    public CompletionStage<Void> verdict(Message<byte[]> message) {
        return fan(message, RiskVerdict.class, verdict -> {
            prices.verdict(verdict);
            return OutboundEvent.of("risk_verdict", verdict);
        });
    }

    /** The seed's automated-trading callback payload: symbol, signal, current_price, trade_result. */
    @Incoming("fan-results")
    public CompletionStage<Void> result(Message<byte[]> message) {
        return fan(message, TradeResult.class, result -> {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("symbol", result.symbol());
            data.put("signal", result.signal());
            data.put("current_price", prices.priceOf(result).map(BigDecimal::toPlainString).orElse(null));
            data.put("trade_result", result);
            return OutboundEvent.of("trade_result", data);
        });
    }

    /** Bitfinex's private events (os, on, ou, oc, te, tu, ws, wu, ps, pn, pu, pc, miu, ...) by their own code. */
    @Incoming("fan-private")
    public CompletionStage<Void> exchange(Message<byte[]> message) {
        return fan(message, ExchangePrivateEvent.class, event -> OutboundEvent.of(event.code(), event));
    }

    @Incoming("fan-snapshots")
    public CompletionStage<Void> snapshot(Message<byte[]> message) {
        return fan(message, AccountSnapshot.class, snapshot -> OutboundEvent.of("account_summary", snapshot.summary()));
    }

    @Incoming("fan-tickers")
    public CompletionStage<Void> ticker(Message<byte[]> message) {
        return fan(message, Ticker.class, ticker -> {
            prices.ticker(ticker);
            return OutboundEvent.market("ticker", ticker.symbol(), ticker);
        });
    }

    @Incoming("fan-candles")
    public CompletionStage<Void> candle(Message<byte[]> message) {
        return fan(message, Candle.class, candle -> OutboundEvent.market("candle", candle.symbol(), candle));
    }

    private <T> CompletionStage<Void> fan(Message<byte[]> message, Class<T> type, Function<T, OutboundEvent> event) {
        if (message.getPayload() == null) {
            return message.ack();
        }
        T decoded;
        try {
            decoded = IncomingEvents.decode(message, new EventDeserializer<>(type));
        } catch (SerializationException e) {
            LOG.warnf("Dead-lettering an unreadable %s: %s", type.getSimpleName(), e.getMessage());
            return message.nack(e);
        }
        hub.publish(event.apply(decoded));
        return message.ack();
    }
}
