package io.tradingbot.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

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
     * service exits and used from the next start on: about a quarter less CPU to get ready. An archive from other jars
     * (a rebuild, a copy) is deleted before the start ({@link #prepare}): the JVM refuses it ("shared class paths
     * mismatch") and, on JDK 25, does not write a new one at exit either.
     */
    SIZED_WITH_CLASS_ARCHIVE;

    static final String ARCHIVE = "app-cds.jsa";
    /** Next to the archive: the application (its path and newest file) the archive was written for. */
    static final String ARCHIVE_STAMP = "app-cds.jsa.stamp";

    /**
     * Before a service starts: with a class archive, drops one written for other jars so that the JVM writes a fresh one
     * at exit, and notes which jars the next one is for. Otherwise nothing.
     */
    public void prepare(Path quarkusApp) {
        if (this != SIZED_WITH_CLASS_ARCHIVE) {
            return;
        }
        try {
            String application = quarkusApp.toAbsolutePath().normalize() + "\n" + newestFile(quarkusApp);
            Path stamp = quarkusApp.resolve(ARCHIVE_STAMP);
            if (Files.exists(stamp) && Files.readString(stamp).equals(application)) {
                return;
            }
            Files.deleteIfExists(quarkusApp.resolve(ARCHIVE));
            Files.writeString(stamp, application);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot check the class archive of " + quarkusApp, e);
        }
    }

    private static long newestFile(Path quarkusApp) throws IOException {
        try (Stream<Path> files = Files.walk(quarkusApp)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().startsWith(ARCHIVE))
                    .mapToLong(f -> f.toFile().lastModified())
                    .max().orElse(0);
        }
    }

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
                    "-XX:SharedArchiveFile=" + quarkusApp.resolve(ARCHIVE).toAbsolutePath(), "-Xlog:cds=error"));
        }
        return List.copyOf(args);
    }
}
