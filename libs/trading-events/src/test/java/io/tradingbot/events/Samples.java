package io.tradingbot.events;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One realistic instance of every event, the same ones the golden files under src/test/resources/golden hold. */
final class Samples {
    static final Instant AT = Instant.parse("2026-11-25T12:00:00Z");
    static final long MTS = AT.toEpochMilli();

    static final Candle CANDLE = new Candle("tBTCUSD", "1m", MTS, dec("43250.5"), dec("43280"), dec("43300.1"),
            dec("43240"), dec("12.34567891"), true);
    static final Ticker TICKER = new Ticker("tBTCUSD", MTS, dec("43279.9"), dec("43280.1"), dec("43280"),
            dec("1520.25"), dec("-120.5"), dec("-0.0027"));
    static final Signal SIGNAL = new Signal("rsi-ema:tBTCUSD:1m:1795608000000", "tBTCUSD", SignalType.BUY,
            "RSI(14) crossed up through 30 (28.4 -> 31.2) while price 43280 is above EMA(50) 43100.25", dec("43280"),
            dec("31.2"), dec("43100.25"), "rsi-ema", "1m", MTS, AT);
    static final RiskVerdict APPROVED = new RiskVerdict("verdict:rsi-ema:tBTCUSD:1m:1795608000000",
            "rsi-ema:tBTCUSD:1m:1795608000000", "tBTCUSD", Side.BUY, true, RiskLevel.LOW,
            List.of("1 of 3 positions open", "leverage 1.0 within 3.0"), dec("0.01"), "EXCHANGE MARKET", null, dec("1"),
            dec("42414.4"), dec("45444"), AT);
    static final OrderEvent ORDER = new OrderEvent(1795608000123L, 118734562L, "tBTCUSD", OrderStatus.FILLED,
            "EXCHANGE MARKET", dec("0.01"), dec("0"), null, dec("43280.1"), null,
            "verdict:rsi-ema:tBTCUSD:1m:1795608000000", MTS);
    static final ExchangePrivateEvent PRIVATE = new ExchangePrivateEvent("paper", "wu", null,
            JsonNodeFactory.instance.arrayNode().add("exchange").add("USD").add(new BigDecimal("9567.2")).add(0)
                    .add(new BigDecimal("9567.2")).addNull().addNull(),
            JsonNodeFactory.instance.objectNode().put("wallet_type", "exchange").put("currency", "USD")
                    .put("balance", "9567.2"),
            MTS);
    static final AccountSnapshot SNAPSHOT = new AccountSnapshot("paper", MTS,
            List.of(new Wallet("exchange", "USD", dec("9567.2"), dec("0"), dec("9567.2")),
                    new Wallet("exchange", "BTC", dec("1.01"), dec("0"), dec("1.01"))),
            List.of(new Position(142L, "tETHUSD", "ACTIVE", dec("-0.5"), dec("2210.4"), dec("3.1"), dec("0.28"),
                    dec("2901.7"), dec("2"))),
            new MarginInfo(dec("3.1"), dec("0"), dec("10003.1"), dec("10003.1"), dec("221.04")),
            new AccountSummary(dec("63279.6"), dec("10003.1"), dec("3.1"), dec("0.11"), dec("45.25"), "HEALTHY", 1,
                    dec("1105.2")),
            List.of(new ActiveOrder(1187L, 20518713409L, "tBTCUSD", "EXCHANGE LIMIT", dec("-0.0024"), dec("-0.0024"),
                    dec("45150"), ActiveOrder.EXIT, "verdict:rsi-ema:tBTCUSD:1m:1795608000000")),
            List.of(new FilledEntry(1203L, "tETHUSD", "verdict:rsi-ema:tETHUSD:1m:1795608060000", dec("0.25"),
                    dec("2204.6"), MTS)));
    static final TradeResult RESULT = new TradeResult("verdict:rsi-ema:tBTCUSD:1m:1795608000000", "tBTCUSD",
            SignalType.BUY, true, "Bought 0.01 tBTCUSD at 43280.1", ORDER, AT);
    static final TradingSession SESSION = new TradingSession("tBTCUSD", true, "rsi-ema", AT, "admin", null);
    static final RiskLimits LIMITS = new RiskLimits(dec("0.01"), Map.of("tETHUSD", dec("0.5")), dec("3.0"), 3,
            dec("5.0"), dec("2.0"), dec("5.0"), AT, "admin");

    static final RiskState STATE = new RiskState("paper", dec("63500.2"), dec("60100"), true,
            "drawdown 5.35% from the high of 63500.2 USD has reached the 5% limit", AT, AT, "risk-service");

    private Samples() {
    }

    static BigDecimal dec(String value) {
        return new BigDecimal(value);
    }
}
