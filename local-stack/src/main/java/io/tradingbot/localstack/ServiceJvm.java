package io.tradingbot.localstack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How the services' JVMs are sized. Without options a JVM sizes itself for the whole machine (G1, a quarter of the
 * memory as heap, both JIT compilers): 220-780 MB of RSS per service on a 24 GiB machine, most of it heap that a service
 * with a small live set never needs (docs/benchmarks.md, finding 7).
 */
public enum ServiceJvm {
    /** The JVM's own defaults: for a before/after comparison. */
    JVM_DEFAULTS,
    /** {@link #options} without a class archive. */
    SIZED,
    /**
     * {@link #SIZED} plus a class-data archive per service ({@code target/quarkus-app/app-cds.jsa}), written when the
     * service exits and used from the next start on: about a quarter less CPU to get ready. The JVM rebuilds it when the
     * jar changes.
     */
    SIZED_WITH_CLASS_ARCHIVE;

    /** The JVM arguments of one service whose packaged application is in {@code quarkusApp}. */
    public List<String> options(StackService service, Path quarkusApp) {
        if (this == JVM_DEFAULTS) {
            return List.of();
        }
        List<String> args = new ArrayList<>(List.of(
                // One GC thread and no regions: the live sets are tens of MB and the pauses a few ms.
                "-XX:+UseSerialGC", "-Xms32m", "-Xmx" + service.maxHeapMb() + "m", "-Xss512k", "-XX:MaxMetaspaceSize=128m"));
        if (service.hotPath()) {
            args.add("-XX:ReservedCodeCacheSize=64m");
        } else {
            // C1 only: half the CPU to start and a smaller code cache, for a service off the trading path.
            args.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:ReservedCodeCacheSize=32m"));
        }
        if (this == SIZED_WITH_CLASS_ARCHIVE) {
            // -Xlog: the classes the archive cannot hold (proxies, JFR events) are listed as warnings at every dump.
            args.addAll(List.of("-XX:+AutoCreateSharedArchive",
                    "-XX:SharedArchiveFile=" + quarkusApp.resolve("app-cds.jsa").toAbsolutePath(), "-Xlog:cds=error"));
        }
        return List.copyOf(args);
    }
}
