package io.tradingbot.marketdata.feed;

import io.tradingbot.simulator.testkit.SimulatorResource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The packaged simulator with {@value #MARKETS} extra markets ({@code tM01USD} ... {@code tM12USD}) besides its own, for a
 * feed that needs more channels than one exchange connection holds. Init args go to the simulator as usual.
 */
public class ManyMarketsSimulator extends SimulatorResource {
    static final int MARKETS = 12;

    static String symbol(int i) {
        return String.format("tM%02dUSD", i);
    }

    static List<String> symbols() {
        return IntStream.rangeClosed(1, MARKETS).mapToObj(ManyMarketsSimulator::symbol).toList();
    }

    @Override
    public void init(Map<String, String> initArgs) {
        Map<String, String> args = new HashMap<>(initArgs);
        for (int i = 1; i <= MARKETS; i++) {
            String market = "sim.markets.m" + i + ".";
            args.put(market + "symbol", symbol(i));
            args.put(market + "base", symbol(i).substring(1, 4));
            args.put(market + "quote", "USD");
            args.put(market + "price", String.valueOf(100 + i));
            args.put(market + "level-size", "10");
            args.put(market + "min-size", "0.01");
        }
        super.init(args);
    }
}
