package io.tradingbot.benchmarks.stack;

import io.tradingbot.simulator.testkit.SimulatorProcess;

/**
 * The simulator's clock against this machine's wall clock: sim = simRef + (wall - wallRef) × speed. Read from
 * {@code GET /sim/clock} bracketed by the wall clock, keeping the read with the shortest round trip.
 */
public record SimClockMapping(long simRef, double wallRef, double speed) {

    public static SimClockMapping read(SimulatorProcess sim, double speed) {
        SimClockMapping best = null;
        double bestRtt = Double.MAX_VALUE;
        for (int i = 0; i < 7; i++) {
            long before = System.nanoTime();
            double wallBefore = System.currentTimeMillis();
            long simNow = sim.now();
            double rtt = (System.nanoTime() - before) / 1e6;
            if (rtt < bestRtt) {
                bestRtt = rtt;
                best = new SimClockMapping(simNow, wallBefore + rtt / 2, speed);
            }
        }
        return best;
    }

    /** The wall-clock time (epoch ms) at which the simulator's clock showed {@code sim}. */
    public double wallAt(long sim) {
        return wallRef + (sim - simRef) / speed;
    }

    public long simNow() {
        return simRef + (long) ((System.currentTimeMillis() - wallRef) * speed);
    }
}
