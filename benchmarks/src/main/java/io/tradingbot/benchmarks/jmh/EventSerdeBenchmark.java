package io.tradingbot.benchmarks.jmh;

import io.tradingbot.events.Candle;
import io.tradingbot.events.RiskLevel;
import io.tradingbot.events.RiskVerdict;
import io.tradingbot.events.Side;
import io.tradingbot.events.Signal;
import io.tradingbot.events.SignalType;
import io.tradingbot.events.Topics;
import io.tradingbot.events.serde.EventDeserializer;
import io.tradingbot.events.serde.EventSerializer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Kafka value serde every service uses ({@code libs/trading-events} EventSerializer / EventDeserializer, the latter
 * resolving the type from the topic as the services configure it), on the three records of the trading path.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EventSerdeBenchmark {
    private final EventSerializer<Object> serializer = new EventSerializer<>();
    private final EventDeserializer<Object> deserializer = new EventDeserializer<>();

    private Candle candle;
    private Signal signal;
    private RiskVerdict verdict;
    private byte[] candleJson;
    private byte[] signalJson;
    private byte[] verdictJson;

    @Setup
    public void records() {
        candle = new Candle("tBTCUSD", "1m", 1_795_608_000_000L, new BigDecimal("64180"), new BigDecimal("64210"),
                new BigDecimal("64230"), new BigDecimal("64150"), new BigDecimal("12.84512"), true);
        signal = new Signal("rsi-ema:tBTCUSD:1m:1795608000000", "tBTCUSD", SignalType.BUY,
                "RSI(14) crossed up through 30 (27.4 -> 31.2) and close 64,210 > EMA(50) 63,980.12",
                new BigDecimal("64210"), new BigDecimal("31.2"), new BigDecimal("63980.12"), "rsi-ema", "1m",
                1_795_608_000_000L, Instant.parse("2026-11-25T12:01:00.200Z"));
        verdict = new RiskVerdict("verdict:rsi-ema:tBTCUSD:1m:1795608000000", signal.id(), "tBTCUSD", Side.BUY, true,
                RiskLevel.LOW, List.of("position 0 of max 1 BTC", "leverage 1 of max 3", "drawdown 0.4% of max 10%"),
                new BigDecimal("0.0311"), "EXCHANGE MARKET", new BigDecimal("64210"), BigDecimal.ONE,
                new BigDecimal("62925.8"), new BigDecimal("66778.4"), Instant.parse("2026-11-25T12:01:00.210Z"));
        candleJson = serializer.serialize(Topics.MARKET_CANDLES, candle);
        signalJson = serializer.serialize(Topics.STRATEGY_SIGNALS, signal);
        verdictJson = serializer.serialize(Topics.RISK_VERDICTS, verdict);
    }

    @Benchmark
    public byte[] serializeCandle() {
        return serializer.serialize(Topics.MARKET_CANDLES, candle);
    }

    @Benchmark
    public Object deserializeCandle() {
        return deserializer.deserialize(Topics.MARKET_CANDLES, candleJson);
    }

    @Benchmark
    public byte[] serializeSignal() {
        return serializer.serialize(Topics.STRATEGY_SIGNALS, signal);
    }

    @Benchmark
    public Object deserializeSignal() {
        return deserializer.deserialize(Topics.STRATEGY_SIGNALS, signalJson);
    }

    @Benchmark
    public byte[] serializeVerdict() {
        return serializer.serialize(Topics.RISK_VERDICTS, verdict);
    }

    @Benchmark
    public Object deserializeVerdict() {
        return deserializer.deserialize(Topics.RISK_VERDICTS, verdictJson);
    }
}
