package io.tradingbot.gateway.service;

import io.tradingbot.events.RiskVerdict;
import io.tradingbot.events.Signal;
import io.tradingbot.events.Ticker;
import io.tradingbot.events.TradeResult;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The price each trade was decided at, for the seed's trade_result payload ({@code current_price}): the signal's price,
 * found through its verdict. Bounded: only recent decisions are looked up.
 */
@ApplicationScoped
public class TradePrices {
    private static final int KEPT = 10_000;

    private final Map<String, BigDecimal> bySignal = bounded();
    private final Map<String, BigDecimal> byVerdict = bounded();
    private final Map<String, BigDecimal> lastBySymbol = new ConcurrentHashMap<>();

    private static Map<String, BigDecimal> bounded() {
        return new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, BigDecimal> eldest) {
                return size() > KEPT;
            }
        };
    }

    public void signal(Signal signal) {
        synchronized (bySignal) {
            bySignal.put(signal.id(), signal.currentPrice());
        }
    }

    public void verdict(RiskVerdict verdict) {
        BigDecimal price;
        synchronized (bySignal) {
            price = bySignal.get(verdict.signalId());
        }
        remember(verdict.id(), price != null ? price : verdict.price());
    }

    /** An evaluation made through the gateway: its verdict is never on Kafka. */
    public void evaluated(Evaluation evaluation) {
        if (evaluation.verdictId() != null) {
            remember(evaluation.verdictId(), evaluation.currentPrice());
        }
    }

    public void ticker(Ticker ticker) {
        if (ticker.last() != null) {
            lastBySymbol.put(ticker.symbol(), ticker.last());
        }
    }

    /** The decision's price; else the order's average or limit price; else the last price seen. */
    public Optional<BigDecimal> priceOf(TradeResult result) {
        BigDecimal price = null;
        if (result.verdictId() != null) {
            synchronized (byVerdict) {
                price = byVerdict.get(result.verdictId());
            }
        }
        if (price == null && result.order() != null) {
            price = result.order().priceAvg() != null && result.order().priceAvg().signum() > 0 ? result.order().priceAvg()
                    : result.order().price();
        }
        if (price == null) {
            price = lastBySymbol.get(result.symbol());
        }
        return Optional.ofNullable(price);
    }

    private void remember(String verdictId, BigDecimal price) {
        if (price != null) {
            synchronized (byVerdict) {
                byVerdict.put(verdictId, price);
            }
        }
    }
}
