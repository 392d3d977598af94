package io.tradingbot.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
     * {@link #SIZED} plus what the JVM learnt in an earlier run, kept in {@code target/quarkus-app}: on JDK 25 and later an
     * AOT cache ({@code app.aot}: the classes loaded and linked), otherwise a class-data archive
     * ({@code app-cds.jsa}). The AOT cache comes in three starts: the first after a build records ({@code app.aotconf},
     * written when the service exits), the next one first assembles the cache from that recording ({@link #prepare},
     * a few seconds, once) and every later one maps it. Whatever was written for other jars or another JDK (a rebuild, a
     * copy) is deleted before the start: the JVM neither uses it nor replaces it.
     */
    SIZED_WITH_CLASS_ARCHIVE;

    static final String ARCHIVE = "app-cds.jsa";
    static final String AOT_CACHE = "app.aot";
    static final String AOT_RECORDING = "app.aotconf";
    /** Next to them: the application (its path and newest file), the JDK and the JVM options they were written for. */
    static final String STAMP = "jvm-cache.stamp";
    /** Prefixes: the JVM may leave temporary files next to them, and the assembly writes a log. */
    private static final List<String> WRITTEN_BY_THE_JVM = List.of(ARCHIVE, AOT_CACHE, STAMP);
    /** From JDK 25 on an AOT cache (JEPs 483, 514): about 0.5 s less to get ready than the class archive of older JDKs. */
    private static final boolean AOT = Runtime.version().feature() >= 25;
    private static final System.Logger LOG = System.getLogger(ServiceJvm.class.getName());
    /** The simulator's markets, books and candle history for 100 symbols fit with room to spare (docs/benchmarks.md). */
    static final int SIMULATOR_MAX_HEAP_MB = 256;

    /**
     * Before a service starts: drops what the JVM wrote for other jars or another JDK, and turns a recording of the
     * previous run into an AOT cache. Nothing without {@link #SIZED_WITH_CLASS_ARCHIVE}.
     */
    public void prepare(StackService service, Path quarkusApp) {
        if (this != SIZED_WITH_CLASS_ARCHIVE) {
            return;
        }
        try {
            String application = quarkusApp.toAbsolutePath().normalize() + "\n" + newestFile(quarkusApp) + "\n"
                    + Runtime.version() + "\n" + String.join(" ", sizing(service));
            Path stamp = quarkusApp.resolve(STAMP);
            if (!Files.exists(stamp) || !Files.readString(stamp).equals(application)) {
                for (String file : List.of(ARCHIVE, AOT_CACHE, AOT_RECORDING)) {
                    Files.deleteIfExists(quarkusApp.resolve(file));
                }
                // A new file moved over the old one, never written through it: a copy made with hard links
                // (cp -al) shares the stamp's inode with its original, whose caches would then look stale.
                Path written = Files.writeString(quarkusApp.resolve(STAMP + ".new"), application);
                Files.move(written, stamp, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            if (AOT && Files.exists(quarkusApp.resolve(AOT_RECORDING)) && !Files.exists(quarkusApp.resolve(AOT_CACHE))) {
                assembleAotCache(service, quarkusApp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot check the JVM caches of " + quarkusApp, e);
        }
    }

    /** {@code java -XX:AOTMode=create}: reads the recording, writes the cache, runs no application code. */
    private void assembleAotCache(StackService service, Path quarkusApp) throws IOException {
        Path recording = quarkusApp.resolve(AOT_RECORDING);
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString())));
        command.addAll(sizing(service));
        command.addAll(List.of("-XX:AOTMode=create", "-XX:AOTConfiguration=" + recording.toAbsolutePath(),
                "-XX:AOTCache=" + quarkusApp.resolve(AOT_CACHE).toAbsolutePath(), "-Xlog:aot=error",
                "-jar", quarkusApp.resolve("quarkus-run.jar").toAbsolutePath().toString()));
        Path log = quarkusApp.resolve("app.aot.log");
        Process create = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            boolean done = create.waitFor(2, TimeUnit.MINUTES);
            if (!done || create.exitValue() != 0) {
                create.destroyForcibly();
                Files.deleteIfExists(quarkusApp.resolve(AOT_CACHE));
                // Without the recording the next run records again instead of failing here at every start.
                LOG.log(System.Logger.Level.WARNING, "No AOT cache for " + service.module() + " (see " + log
                        + "); this run records a new one");
            }
        } catch (InterruptedException e) {
            create.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            Files.deleteIfExists(recording);
        }
    }

    private static long newestFile(Path quarkusApp) throws IOException {
        try (Stream<Path> files = Files.walk(quarkusApp)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> WRITTEN_BY_THE_JVM.stream().noneMatch(f.getFileName().toString()::startsWith))
                    .mapToLong(f -> f.toFile().lastModified())
                    .max().orElse(0);
        }
    }

    /** The JVM arguments of one service whose packaged application is in {@code quarkusApp}. */
    public List<String> options(StackService service, Path quarkusApp) {
        if (this == JVM_DEFAULTS) {
            return List.of();
        }
        List<String> args = new ArrayList<>(sizing(service));
        if (this == SIZED_WITH_CLASS_ARCHIVE) {
            Path cache = quarkusApp.resolve(AOT_CACHE).toAbsolutePath();
            if (!AOT) {
                // -Xlog: the classes the archive cannot hold (proxies, JFR events) are listed as warnings at every dump.
                args.addAll(List.of("-XX:+AutoCreateSharedArchive",
                        "-XX:SharedArchiveFile=" + quarkusApp.resolve(ARCHIVE).toAbsolutePath(), "-Xlog:cds=error"));
            } else if (Files.exists(cache)) {
                args.addAll(List.of("-XX:AOTCache=" + cache, "-Xlog:aot=error"));
            } else {
                // -Xlog: the recording lists every class it cannot keep (proxies, JFR events) as a warning.
                args.addAll(List.of("-XX:AOTMode=record",
                        "-XX:AOTConfiguration=" + quarkusApp.resolve(AOT_RECORDING).toAbsolutePath(), "-Xlog:aot=error"));
                if (Runtime.version().feature() == 25) {
                    // No method profiles: C1, the only JIT here, never reads them, and replaying a whole session's profiles
                    // at start made risk-service 0.5 s slower to get ready (3.7 s instead of 3.2 s). A diagnostic flag,
                    // hence JDK 25 only.
                    args.addAll(List.of("-XX:+UnlockDiagnosticVMOptions", "-XX:-AOTRecordTraining"));
                }
            }
        }
        return List.copyOf(args);
    }

    /**
     * The exchange simulator's JVM arguments: a heap ceiling (left to itself it took a quarter of the machine's memory
     * and grew to 1.2 GB of RSS under the benchmarks' load), the C heap trimmed. It keeps G1 and both JIT compilers: it
     * is on the path of every price update, and with the serial collector it sustained 5,000 instead of 10,000-20,000
     * price updates/s (docs/benchmarks.md). No class archive: tests start it fresh each time.
     */
    public List<String> simulatorOptions() {
        if (this == JVM_DEFAULTS) {
            return List.of();
        }
        return List.of("-Xms32m", "-Xmx" + SIMULATOR_MAX_HEAP_MB + "m", "-Xss512k", "-XX:TrimNativeHeapInterval=1000");
    }

    private static List<String> sizing(StackService service) {
        List<String> args = new ArrayList<>(List.of(
                // One GC thread and no regions: the live sets are tens of MB; young pauses are a few ms idle and 15-30 ms
                // under the benchmarks' 20,000 price updates/s (market-data, docs/benchmarks.md 2026-11-26 night).
                "-XX:+UseSerialGC", "-Xmx" + service.maxHeapMb() + "m", "-Xss512k", "-XX:MaxMetaspaceSize=128m",
                // Hands freed C heap back to the OS every second (glibc keeps it otherwise): the JIT compilers' arenas
                // peak at 30 MB and are freed right after. 5-22 MB less RSS per service (docs/benchmarks.md).
                "-XX:TrimNativeHeapInterval=1000",
                // The JVM collects the whole heap to unload cold code each time the code cache grows by 15 % of its size
                // (JDK 20+). The services' code settles at 12-28 % of it, so each made one or two such collections in its
                // first minutes: serial, 36-257 ms, on the order path. At 50 % none of them happens; a cache filling up
                // is still collected, from 10 % free (docs/benchmarks.md, 2026-11-27 night).
                "-XX:SweeperThreshold=50"));
        int young = service.youngGenerationMb();
        // Room for the old generation at first: the AOT cache's objects are loaded there at start, and without it the
        // JVM does not start (-Xms32m -Xmn32m).
        args.add("-Xms" + Math.max(32, 2 * young) + "m");
        if (young > 0) {
            args.addAll(List.of("-Xmn" + young + "m", "-XX:SurvivorRatio=4"));
        }
        // C1 only: the optimising compiler costs about 2 s of CPU in each start and 25-50 MB per JVM, and its faster
        // code saved no measurable latency anywhere (docs/benchmarks.md, 2026-11-26 evening; the gateway's fan-out,
        // 2026-11-27 late night). market-data was the last to keep it: on C1 it still keeps up with 40,000 price
        // updates/s (28 ms behind the feed at most, 2026-11-28), and its compilations were what took it over 200 MB.
        args.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:ReservedCodeCacheSize=32m"));
        return args;
    }
}
