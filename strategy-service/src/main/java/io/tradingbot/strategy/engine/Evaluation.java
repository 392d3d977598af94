package io.tradingbot.strategy.engine;

import io.tradingbot.events.SignalType;

import java.math.BigDecimal;

/** What a strategy says about one bar: the signal, the rule that fired in words, and the indicator values it used. */
public record Evaluation(SignalType signal, String reason, BigDecimal price, BigDecimal rsi, BigDecimal ema) {
}
