package io.tradingbot.localstack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A packaged service started from its AOT cache gets its own classes, their lambdas included, out of the cache: they sit
 * on quarkus-run.jar's class path ({@code quarkus.package.jar.type=aot-jar}), where the JDK loads and links them ahead of
 * time. Packaged as Quarkus' default fast-jar they are loaded by Quarkus' class loader, which reads each class out of its
 * jar before the cache can supply it, and their lambdas are spun again at each start (847 in the gateway).
 */
class PackagedAotCacheTest {

    private static final Pattern SERVICE_CLASS_LOADED =
            Pattern.compile("\\[class,load\\s*] (io\\.tradingbot\\.risk\\.\\S+) source: (.+)");

    @Test
    @EnabledForJreRange(min = JRE.JAVA_25)
    void riskServiceLoadsItsOwnClassesFromItsAotCache(@TempDir Path dir) throws Exception {
        Path app = copyPackagedApplication("risk-service", dir.resolve("quarkus-app"));
        ServiceJvm jvm = ServiceJvm.SIZED_WITH_CLASS_ARCHIVE;

        jvm.prepare(StackService.RISK, app);
        startAndStop(jvm.options(StackService.RISK, app), app, dir.resolve("record.log"));
        assertThat(app.resolve(ServiceJvm.AOT_RECORDING)).as("recording written at exit").exists();

        jvm.prepare(StackService.RISK, app);
        assertThat(app.resolve(ServiceJvm.AOT_CACHE)).exists();
        List<String> traced = new ArrayList<>(jvm.options(StackService.RISK, app));
        traced.add("-Xlog:class+load=info");
        String output = startAndStop(traced, app, dir.resolve("cached.log"));

        List<String> notFromCache = new ArrayList<>();
        int fromCache = 0;
        Matcher loaded = SERVICE_CLASS_LOADED.matcher(output);
        while (loaded.find()) {
            if (loaded.group(2).startsWith("shared objects file") || loaded.group(2).startsWith("AOT cache")) {
                fromCache++;
            } else {
                notFromCache.add(loaded.group(1) + " from " + loaded.group(2));
            }
        }
        assertThat(fromCache).as("risk-service classes loaded from the AOT cache").isGreaterThan(10);
        assertThat(notFromCache).as("risk-service classes defined at run time (a lambda spun, a class read from a jar)")
                .isEmpty();
    }

    /** The packaged application without what earlier runs of ./run.sh or the benchmarks wrote next to it. */
    private static Path copyPackagedApplication(String module, Path target) throws IOException {
        Path source = LocalStackOptions.forTests().resolvedRepoRoot().resolve(module).resolve("target/quarkus-app");
        assertThat(source.resolve("quarkus-run.jar")).as("packaged by mvn package").exists();
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.toList()) {
                Path copy = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else if (!file.getParent().equals(source) || file.getFileName().toString().endsWith(".jar")) {
                    Files.copy(file, copy);
                }
            }
        }
        return target;
    }

    /** Starts the service (no broker: it starts without one), waits until Quarkus has started, stops it with SIGTERM. */
    private static String startAndStop(List<String> options, Path app, Path log) throws Exception {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java")));
        command.addAll(options);
        // Port 1: never a broker, so a stack running on this machine is left alone.
        command.addAll(List.of("-Dquarkus.http.port=0", "-Dkafka.bootstrap.servers=localhost:1",
                "-jar", app.resolve("quarkus-run.jar").toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
            while (!read(log).contains("started in") && process.isAlive()
                    && Instant.now().isBefore(deadline)) {
                Thread.sleep(50);
            }
            assertThat(read(log)).as("risk-service started").contains("started in");
            process.destroy();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("stopped on SIGTERM").isTrue();
        } finally {
            process.destroyForcibly();
        }
        return read(log);
    }

    /** Lenient: the log may end in the middle of a character while the process writes it. */
    private static String read(Path log) throws IOException {
        return new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
    }
}
