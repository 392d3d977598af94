package io.tradingbot.gateway.service;

import io.tradingbot.events.RiskLevel;
import io.tradingbot.events.RiskVerdict;
import io.tradingbot.events.Side;
import io.tradingbot.events.Signal;
import io.tradingbot.events.SignalType;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * The seed's {@code evaluate_trading_opportunity} result: the strategy's signal with its explanation and indicators, and
 * risk-service's verdict on it. {@code verdict_id} is what {@code execute} trades; a HOLD has no verdict (nothing to trade).
 * {@code closes} names the bot's spot trade a SELL would close (its verdict id), else null.
 */
public record Evaluation(String symbol, SignalType signal, BigDecimal currentPrice, String reason, BigDecimal rsi,
        BigDecimal ema, RiskLevel riskLevel, boolean canTrade, List<String> riskReasons, Side side,
        BigDecimal positionSize, String orderType, BigDecimal leverage, BigDecimal stopLoss, BigDecimal takeProfit,
        String closes, String strategy, String timeframe, String signalId, String verdictId, Instant evaluatedAt) {

    public static Evaluation of(Signal signal, RiskVerdict verdict) {
        if (verdict == null) {
            return new Evaluation(signal.symbol(), signal.signal(), signal.currentPrice(), signal.reason(), signal.rsi(),
                    signal.ema(), null, false, List.of("HOLD: the strategy sees no trade"), null, null, null, null, null,
                    null, null, signal.strategy(), signal.timeframe(), signal.id(), null, Instant.now());
        }
        return new Evaluation(signal.symbol(), signal.signal(), signal.currentPrice(), signal.reason(), signal.rsi(),
                signal.ema(), verdict.riskLevel(), verdict.approved(), verdict.reasons(), verdict.side(), verdict.amount(),
                verdict.orderType(), verdict.leverage(), verdict.stopLoss(), verdict.takeProfit(), verdict.closes(),
                signal.strategy(), signal.timeframe(), signal.id(), verdict.id(), verdict.createdAt());
    }
}
