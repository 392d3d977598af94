package io.tradingbot.benchmarks.stack;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The benchmark's symbols as simulator markets: {@code tA00USD}, {@code tA01USD}, ... (base {@code A00}, quote USD), each
 * a price process around 100 with the paper account funded in USD and in every base currency. BUYs are sized from the
 * USD; a spot SELL only closes a trade the bot opened (risk-service), so the base currencies are the user's coins that
 * it must leave alone.
 */
public final class SimMarkets {
    private SimMarkets() {
    }

    public static List<String> symbols(int count) {
        if (count < 1 || count > 100) {
            throw new IllegalArgumentException("between 1 and 100 symbols: " + count);
        }
        return IntStream.range(0, count).mapToObj(i -> String.format(Locale.ROOT, "tA%02dUSD", i)).toList();
    }

    static String base(String symbol) {
        return symbol.substring(1, 4);
    }

    public static List<String> simulatorArgs(List<String> symbols, double clockSpeed) {
        return simulatorArgs(symbols, clockSpeed, 1, Map.of());
    }

    /**
     * The simulated ms between two steps of every market's random walk so that it steps {@code walkPerSecond} times a
     * real second (the simulator steps once per simulated second by default, which at 10× clock speed made every symbol
     * move 10 times a second, not the 1 the targets name); 0 when the clock is stopped or the walk silenced.
     */
    public static long stepMillis(double clockSpeed, double walkPerSecond) {
        if (clockSpeed <= 0 || walkPerSecond <= 0) {
            return 0;
        }
        // a whole divisor of the minute keeps a step on every candle boundary (the trade that closes a candle)
        long step = Math.round(1000 * clockSpeed / walkPerSecond);
        while (60_000 % step != 0) {
            step++;
        }
        return step;
    }

    /**
     * When each symbol steps within the walk's step ({@code staggered}): symbol i of n at i/n of it, so that over a real
     * second each symbol's update comes at its own moment, as markets trade, and a candle closes at its market's first
     * trade of the minute; not staggered (every market on the same millisecond, every candle closing at once), none.
     */
    public static Map<String, Long> stepOffsets(List<String> symbols, long stepMillis, boolean staggered) {
        Map<String, Long> offsets = new LinkedHashMap<>();
        if (staggered && stepMillis > 0) {
            for (int i = 0; i < symbols.size(); i++) {
                offsets.put(symbols.get(i), i * stepMillis / symbols.size());
            }
        }
        return offsets;
    }

    /**
     * {@code -D} arguments for the simulator: the markets, the wallets, the clock speed, and a market tick of 5 ms so that
     * a step (the trade that closes a candle) goes out within 5 ms of its time rather than within the default 250 ms.
     * Each market's random walk steps {@code walkPerSecond} times a real second ({@link #stepMillis}), at its offset
     * within the step if it has one ({@link #stepOffsets}).
     */
    public static List<String> simulatorArgs(List<String> symbols, double clockSpeed, double walkPerSecond,
            Map<String, Long> stepOffsets) {
        List<String> args = new ArrayList<>();
        args.add("-Dsim.seed=42");
        args.add("-Dsim.clock.speed=" + clockSpeed);
        args.add("-Dsim.market.tick-millis=5");
        if (clockSpeed > 0 && walkPerSecond <= 0) {
            args.add("-Dsim.market.step-millis=3600000"); // silenced: an hourly step, only the driver moves prices
        } else if (clockSpeed > 0) {
            args.add("-Dsim.market.step-millis=" + stepMillis(clockSpeed, walkPerSecond));
        }
        // Enough history for every strategy's warm-up (the longest needs 51 bars) without generating 1500 minutes per market.
        args.add("-Dsim.market.history-minutes=300");
        for (String symbol : symbols) {
            String key = base(symbol).toLowerCase(Locale.ROOT);
            args.add("-Dsim.markets." + key + ".symbol=" + symbol);
            args.add("-Dsim.markets." + key + ".base=" + base(symbol));
            args.add("-Dsim.markets." + key + ".quote=USD");
            args.add("-Dsim.markets." + key + ".price=100");
            args.add("-Dsim.markets." + key + ".volatility=0.8");
            args.add("-Dsim.markets." + key + ".level-size=100");
            args.add("-Dsim.markets." + key + ".min-size=0.001");
            if (stepOffsets.containsKey(symbol)) {
                args.add("-Dsim.markets." + key + ".step-offset-millis=" + stepOffsets.get(symbol));
            }
        }
        args.add("-Dsim.paper.wallets=exchange:USD:100000000,margin:USD:10000,exchange:BTC:1,"
                + symbols.stream().map(s -> "exchange:" + base(s) + ":100").collect(Collectors.joining(",")));
        return args;
    }
}
