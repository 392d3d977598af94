package io.tradingbot.gateway.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.tradingbot.events.AccountSnapshot;
import io.tradingbot.events.Candle;
import io.tradingbot.events.ExchangePrivateEvent;
import io.tradingbot.events.RiskVerdict;
import io.tradingbot.events.Signal;
import io.tradingbot.events.Ticker;
import io.tradingbot.events.TradeResult;
import io.tradingbot.events.Topics;
import io.tradingbot.events.serde.EventDeserializer;
import io.tradingbot.gateway.service.TradePrices;
import io.tradingbot.gateway.ws.EventHub;
import io.tradingbot.gateway.ws.OutboundEvent;
import io.tradingbot.support.messaging.IncomingEvents;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.common.errors.SerializationException;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * What the services publish, fanned out to the connected clients by name. Each gateway reads every topic from its own
 * consumer group at the latest offset: clients see what happens while they are connected; the REST API has the state.
 * <p>
 * One channel ({@code fan}) reads all seven topics: one consumer and one dead-letter producer instead of seven of each
 * (each a thread, a connection, buffers and a group to join at start). A record is routed by its topic; one that cannot
 * be read goes to its own topic's dead-letter topic, as it would from a channel of its own.
 */
@ApplicationScoped
public class EventFanIn {
    private static final Logger LOG = Logger.getLogger(EventFanIn.class);

    private final EventHub hub;
    private final FanInSwitch fanIn;
    private final TradePrices prices;
    private final Map<String, Route<?>> routes;
    private final Counter unwatchedCandles;

    public EventFanIn(EventHub hub, @Identifier(FanInSwitch.NAME) FanInSwitch fanIn, TradePrices prices,
            MeterRegistry registry) {
        this.hub = hub;
        this.fanIn = fanIn;
        this.prices = prices;
        this.unwatchedCandles = Counter.builder("gateway.fan.candles.unwatched")
                .description("Candle records passed over unread: no client watched their symbol").register(registry);
        this.routes = Map.of(
                Topics.STRATEGY_SIGNALS, Route.of(Signal.class, this::signal),
                Topics.RISK_VERDICTS, Route.of(RiskVerdict.class, this::verdict),
                Topics.TRADING_RESULTS, Route.of(TradeResult.class, this::result),
                Topics.EXCHANGE_PRIVATE, Route.of(ExchangePrivateEvent.class,
                        event -> OutboundEvent.of(event.code(), event)),
                Topics.ACCOUNT_SNAPSHOTS, Route.of(AccountSnapshot.class,
                        snapshot -> OutboundEvent.of("account_summary", snapshot.summary())),
                Topics.MARKET_TICKERS, Route.of(Ticker.class, this::ticker),
                Topics.MARKET_CANDLES, Route.of(Candle.class,
                        candle -> OutboundEvent.market("candle", candle.symbol(), candle)));
    }

    @Incoming("fan")
    public CompletionStage<Void> fan(Message<byte[]> message) {
        if (message.getPayload() == null) {
            return message.ack();
        }
        if (hub.clients() == 0) {
            fanIn.strayRecord();
            return message.ack();
        }
        String topic = IncomingEvents.topic(message);
        if (topic.equals(Topics.MARKET_CANDLES) && !watched(message)) {
            // Most candles are of symbols no client watches, and each decoded one is garbage at once; a poison one is
            // still dead-lettered by strategy-service, which reads every candle.
            unwatchedCandles.increment();
            return message.ack();
        }
        Route<?> route = routes.get(topic);
        if (route == null) {
            return deadLetter(message, topic, new SerializationException("no fan-out for topic " + topic));
        }
        OutboundEvent event;
        try {
            event = route.event(message);
        } catch (SerializationException e) {
            return deadLetter(message, topic, e);
        }
        hub.publish(event);
        return message.ack();
    }

    private boolean watched(Message<byte[]> message) {
        String symbol = IncomingEvents.key(message);
        return symbol == null || hub.watched(symbol);
    }

    private OutboundEvent signal(Signal signal) {
        prices.signal(signal);
        return OutboundEvent.of("signal", signal);
    }

    private OutboundEvent verdict(RiskVerdict verdict) {
        prices.verdict(verdict);
        return OutboundEvent.of("risk_verdict", verdict);
    }

    /** The seed's automated-trading callback payload: symbol, signal, current_price, trade_result. */
    private OutboundEvent result(TradeResult result) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("symbol", result.symbol());
        data.put("signal", result.signal());
        data.put("current_price", prices.priceOf(result).map(BigDecimal::toPlainString).orElse(null));
        data.put("trade_result", result);
        return OutboundEvent.of("trade_result", data);
    }

    private OutboundEvent ticker(Ticker ticker) {
        prices.ticker(ticker);
        return OutboundEvent.market("ticker", ticker.symbol(), ticker);
    }

    private static CompletionStage<Void> deadLetter(Message<byte[]> message, String topic, SerializationException e) {
        LOG.warnf("Dead-lettering an unreadable record of %s: %s", topic, e.getMessage());
        return message.nack(e, Metadata.of(OutgoingKafkaRecordMetadata.builder()
                .withTopic(topic + Topics.DEAD_LETTER_SUFFIX).build()));
    }

    /** How a topic's records become a client event (Bitfinex's private events keep their own code: os, on, te, ...). */
    private record Route<T>(EventDeserializer<T> deserializer, Function<T, OutboundEvent> toEvent) {
        static <T> Route<T> of(Class<T> type, Function<T, OutboundEvent> toEvent) {
            return new Route<>(new EventDeserializer<>(type), toEvent);
        }

        OutboundEvent event(Message<byte[]> message) {
            return toEvent.apply(IncomingEvents.decode(message, deserializer));
        }
    }
}
