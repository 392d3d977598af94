package io.tradingbot.events;

/** How risky the risk-service judged a trade to be. */
public enum RiskLevel {
    LOW, MEDIUM, HIGH
}
