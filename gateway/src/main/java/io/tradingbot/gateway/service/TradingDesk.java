package io.tradingbot.gateway.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradingbot.events.RiskVerdict;
import io.tradingbot.events.Signal;
import io.tradingbot.events.SignalType;
import io.tradingbot.events.TradeResult;
import io.tradingbot.events.serde.EventJson;
import io.tradingbot.gateway.client.AccountClient;
import io.tradingbot.gateway.client.OrderClient;
import io.tradingbot.gateway.client.RiskClient;
import io.tradingbot.gateway.client.StrategyClient;
import io.tradingbot.gateway.client.Upstream;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * The seed's TradingIntegrationService over the services: initialize (refresh the account, then its summary), evaluate
 * (strategy signal, then risk verdict) and execute (order-service places the verdict's order exactly once).
 */
@ApplicationScoped
public class TradingDesk {
    static final String STRATEGY = "strategy-service";
    static final String RISK = "risk-service";
    static final String ORDER = "order-service";
    static final String ACCOUNT = "account-service";

    private final StrategyClient strategy;
    private final RiskClient risk;
    private final OrderClient orders;
    private final AccountClient account;
    private final TradePrices prices;

    public TradingDesk(@RestClient StrategyClient strategy, @RestClient RiskClient risk, @RestClient OrderClient orders,
            @RestClient AccountClient account, TradePrices prices) {
        this.strategy = strategy;
        this.risk = risk;
        this.orders = orders;
        this.account = account;
        this.prices = prices;
    }

    /** Wallets, positions and margin re-read from the exchange; the summary computed from them. */
    public JsonNode initialize() {
        Upstream.invoke(ACCOUNT, () -> account.refresh("all"));
        return Upstream.invoke(ACCOUNT, account::summary);
    }

    public Evaluation evaluate(String symbol, String strategyName, String timeframe) {
        ObjectNode request = JsonNodeFactory.instance.objectNode();
        if (strategyName != null) {
            request.put("strategy", strategyName);
        }
        if (timeframe != null) {
            request.put("timeframe", timeframe);
        }
        Signal signal = read(Upstream.invoke(STRATEGY, () -> strategy.evaluate(symbol, request)), Signal.class, STRATEGY);
        if (signal.signal() == SignalType.HOLD) {
            return Evaluation.of(signal, null);
        }
        JsonNode signalJson = EventJson.mapper().valueToTree(signal);
        RiskVerdict verdict = read(Upstream.invoke(RISK, () -> risk.assess(signalJson)), RiskVerdict.class, RISK);
        Evaluation evaluation = Evaluation.of(signal, verdict);
        prices.evaluated(evaluation);
        return evaluation;
    }

    /** The order of an approved verdict; order-service answers the trade result (or the one it placed already). */
    public TradeResult execute(String verdictId) {
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("verdict_id", verdictId);
        return read(Upstream.invoke(ORDER, () -> orders.place(body)), TradeResult.class, ORDER);
    }

    private static <T> T read(JsonNode json, Class<T> type, String service) {
        try {
            return EventJson.mapper().treeToValue(json, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw Upstream.unreadable(service, "not a " + type.getSimpleName() + " (" + e.getMessage() + ")");
        }
    }
}
