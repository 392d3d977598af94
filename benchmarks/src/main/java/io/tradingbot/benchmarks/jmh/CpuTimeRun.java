package io.tradingbot.benchmarks.jmh;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The strategy benchmarks' own code timed by the CPU time of the measuring thread rather than by the wall clock: on a
 * shared machine whose load average exceeds its cores, a thread waits for a core far longer than it computes, and JMH's
 * wall-clock scores swing tenfold between iterations. CPU time per operation is what the code costs; the wall clock adds
 * the machine's queue. Batches of operations after a warm-up; the median and the 90th percentile of the batches. Run it
 * with {@code -Xbatch}: on a starved machine the JIT's own threads wait for a core too, and without it the measured code
 * may still be interpreted after the warm-up (seen here: 86 µs/op instead of 11).
 * <p>
 * {@code java -Xbatch -cp benchmarks/target/benchmarks.jar io.tradingbot.benchmarks.jmh.CpuTimeRun}
 */
public final class CpuTimeRun {
    private static final int WARMUP_BATCHES = 60;
    private static final int BATCHES = 60;
    private static final int OPS_PER_BATCH = 2000;

    private CpuTimeRun() {
    }

    public static void main(String[] args) {
        System.out.println("| benchmark | parameters | CPU µs/op median | CPU µs/op p90 | wall µs/op median |");
        System.out.println("|---|---|---:|---:|---:|");
        for (String strategy : List.of("rsi-ema", "ema-crossover", "macd", "bollinger")) {
            StrategyEvaluationBenchmark b = new StrategyEvaluationBenchmark();
            b.strategy = strategy;
            b.maxBars = 1000;
            b.warmSeries();
            print("StrategyEvaluationBenchmark.appendAndEvaluate", "strategy=" + strategy, b::appendAndEvaluate);
        }
        for (String bands : List.of("facade", "cached")) {
            BollingerBandsBenchmark b = new BollingerBandsBenchmark();
            b.bands = bands;
            b.warmSeries();
            print("BollingerBandsBenchmark.appendAndReadBands", "bands=" + bands, () -> {
                b.appendAndReadBands(null);
                return null;
            });
        }
        EventSerdeBenchmark serde = new EventSerdeBenchmark();
        serde.records();
        print("EventSerdeBenchmark.serializeCandle", "", serde::serializeCandle);
        print("EventSerdeBenchmark.deserializeCandle", "", serde::deserializeCandle);
        print("EventSerdeBenchmark.serializeSignal", "", serde::serializeSignal);
        print("EventSerdeBenchmark.deserializeSignal", "", serde::deserializeSignal);
        print("EventSerdeBenchmark.serializeVerdict", "", serde::serializeVerdict);
        print("EventSerdeBenchmark.deserializeVerdict", "", serde::deserializeVerdict);
        RequestSigningBenchmark signing = new RequestSigningBenchmark();
        try {
            signing.signer();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        print("RequestSigningBenchmark.signRest", "", signing::signRest);
        print("RequestSigningBenchmark.signWithReusedMac", "", signing::signWithReusedMac);
        for (String num : List.of("decimal32", "double")) {
            for (String strategy : List.of("rsi-ema", "macd", "bollinger")) {
                NumFactoryBenchmark b = new NumFactoryBenchmark();
                b.strategy = strategy;
                b.num = num;
                b.warmSeries();
                print("NumFactoryBenchmark.appendAndEvaluate", "num=" + num + ", strategy=" + strategy,
                        b::appendAndEvaluate);
            }
        }
    }

    private static void print(String name, String params, Supplier<?> op) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double[] cpu = new double[BATCHES];
        double[] wall = new double[BATCHES];
        Object sink = null;
        for (int batch = -WARMUP_BATCHES; batch < BATCHES; batch++) {
            long cpu0 = threads.getCurrentThreadCpuTime();
            long wall0 = System.nanoTime();
            for (int i = 0; i < OPS_PER_BATCH; i++) {
                sink = op.get();
            }
            if (batch >= 0) {
                cpu[batch] = (threads.getCurrentThreadCpuTime() - cpu0) / 1000.0 / OPS_PER_BATCH;
                wall[batch] = (System.nanoTime() - wall0) / 1000.0 / OPS_PER_BATCH;
            }
        }
        Arrays.sort(cpu);
        Arrays.sort(wall);
        System.out.printf(Locale.ROOT, "| %s | %s | %.2f | %.2f | %.2f |%n", name, params, cpu[BATCHES / 2],
                cpu[BATCHES * 9 / 10], wall[BATCHES / 2]);
        if (sink == Thread.currentThread()) {
            System.out.println(); // keeps the results alive
        }
    }
}
