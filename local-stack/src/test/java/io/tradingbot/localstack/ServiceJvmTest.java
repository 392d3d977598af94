package io.tradingbot.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** How the services' JVMs are started, and what the launcher keeps of one run for the next. */
class ServiceJvmTest {
    private static final boolean AOT = Runtime.version().feature() >= 25;

    @Test
    void servicesGetSizedJvmsAndACacheOnlyWhenAsked(@TempDir Path app) {
        assertThat(ServiceJvm.SIZED.options(StackService.ACCOUNT, app)).contains("-XX:+UseSerialGC", "-Xmx96m",
                "-XX:TrimNativeHeapInterval=1000", "-XX:SweeperThreshold=50",
                "-XX:TieredStopAtLevel=1").noneMatch(arg -> arg.contains("SharedArchive") || arg.contains("AOT"));
        assertThat(ServiceJvm.SIZED.options(StackService.ORDER, app)).contains("-Xmx96m", "-XX:TieredStopAtLevel=1");
        assertThat(ServiceJvm.SIZED.options(StackService.STRATEGY, app)).contains("-Xmx128m", "-XX:TieredStopAtLevel=1");
        assertThat(ServiceJvm.SIZED.options(StackService.GATEWAY, app)).contains("-Xmx96m", "-XX:TieredStopAtLevel=1");
        assertThat(ServiceJvm.SIZED.options(StackService.MARKET_DATA, app)).contains("-Xms48m", "-Xmn24m",
                "-XX:SurvivorRatio=4", "-Xmx96m", "-XX:TieredStopAtLevel=1", "-XX:ReservedCodeCacheSize=32m",
                "-XX:SweeperThreshold=50");
        assertThat(ServiceJvm.SIZED.options(StackService.RISK, app)).contains("-Xms32m")
                .noneMatch(arg -> arg.startsWith("-Xmn"));
        assertThat(ServiceJvm.SIZED_WITH_CLASS_ARCHIVE.options(StackService.ACCOUNT, app)).contains(AOT
                ? "-XX:AOTConfiguration=" + app.resolve("app.aotconf").toAbsolutePath()
                : "-XX:SharedArchiveFile=" + app.resolve("app-cds.jsa").toAbsolutePath());
        assertThat(ServiceJvm.JVM_DEFAULTS.options(StackService.GATEWAY, app)).isEmpty();
    }

    /** A service's image runs the JVM sized as ./run.sh sizes it, so what is measured here is what Kubernetes runs. */
    @Test
    void eachServiceImageStartsItsJvmWithTheLaunchersSizing(@TempDir Path app) throws IOException {
        for (StackService service : StackService.values()) {
            Path dockerfile = Path.of("..", service.module(), "src/main/docker/Dockerfile.jvm");
            List<String> imageOptions = new ArrayList<>();
            for (String line : Files.readAllLines(dockerfile)) {
                for (String variable : List.of("ENV GC_CONTAINER_OPTIONS=\"", "ENV JAVA_OPTS_APPEND=\"")) {
                    if (line.startsWith(variable)) {
                        imageOptions.addAll(List.of(line.substring(variable.length(), line.lastIndexOf('"')).split(" +")));
                    }
                }
            }
            assertThat(imageOptions).as(dockerfile.toString())
                    .containsAll(ServiceJvm.SIZED.options(service, app));
        }
    }

    /** The JVM neither uses nor replaces what it wrote for other jars or another JDK: it must go before the start. */
    @Test
    void whatTheJvmWroteForOtherJarsIsDroppedBeforeTheStartAndAFreshOneKept(@TempDir Path dir) throws Exception {
        Path app = Files.createDirectories(dir.resolve("quarkus-app"));
        Path jar = Files.writeString(Files.createDirectories(app.resolve("lib/main")).resolve("service.jar"), "v1");
        List<String> written = List.of(ServiceJvm.ARCHIVE, ServiceJvm.AOT_CACHE);
        writeAll(app, written, "written by an earlier build");

        ServiceJvm.SIZED_WITH_CLASS_ARCHIVE.prepare(StackService.RISK, app);
        written.forEach(f -> assertThat(app.resolve(f)).as("no stamp: which jars it was for is unknown").doesNotExist());

        writeAll(app, written, "written at the first stop");
        ServiceJvm.SIZED_WITH_CLASS_ARCHIVE.prepare(StackService.RISK, app);
        written.forEach(f -> assertThat(app.resolve(f)).as("same jars").hasContent("written at the first stop"));

        Files.writeString(jar, "v2");
        assertThat(jar.toFile().setLastModified(System.currentTimeMillis() + 60_000)).isTrue();
        ServiceJvm.SIZED_WITH_CLASS_ARCHIVE.prepare(StackService.RISK, app);
        written.forEach(f -> assertThat(app.resolve(f)).as("rebuilt").doesNotExist());

        writeAll(app, written, "written after the rebuild");
        Path copy = dir.resolve("copy/quarkus-app");
        Files.createDirectories(copy.getParent());
        Files.move(app, copy);
        ServiceJvm.SIZED_WITH_CLASS_ARCHIVE.prepare(StackService.RISK, copy);
        written.forEach(f -> assertThat(copy.resolve(f)).as("moved: the class path differs").doesNotExist());

        writeAll(copy, written, "kept");
        ServiceJvm.SIZED.prepare(StackService.RISK, copy);
        written.forEach(f -> assertThat(copy.resolve(f)).as("not this option's business").hasContent("kept"));
    }

    /** A copy made with hard links (cp -al) shares its files' inodes: preparing it must leave the original's caches be. */
    @Test
    void preparingAHardLinkedCopyLeavesTheOriginalsCachesInPlace(@TempDir Path dir) throws Exception {
        Path app = Files.createDirectories(dir.resolve("original/quarkus-app"));
        Files.writeString(Files.createDirectories(app.resolve("lib/main")).resolve("service.jar"), "v1");
        ServiceJvm.SIZED_WITH_CLASS_ARCHIVE.prepare(StackService.RISK, app);
        writeAll(app, List.of(ServiceJvm.AOT_CACHE), "the original's cache");

        Path copy = dir.resolve("copy/quarkus-app");
        try (var files = Files.walk(app)) {
            for (Path file : files.toList()) {
                Path target = copy.resolve(app.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.createLink(target, file);
                }
            }
        }
        ServiceJvm.SIZED_WITH_CLASS_ARCHIVE.prepare(StackService.RISK, copy);
        assertThat(copy.resolve(ServiceJvm.AOT_CACHE)).as("the copy's: made for another path").doesNotExist();

        ServiceJvm.SIZED_WITH_CLASS_ARCHIVE.prepare(StackService.RISK, app);
        assertThat(app.resolve(ServiceJvm.AOT_CACHE)).hasContent("the original's cache");
        assertThat(app.resolve(ServiceJvm.STAMP)).content().contains(app.toAbsolutePath().normalize().toString());
    }

    /**
     * The three starts of an AOT cache, with a real JVM: the first records, the launcher assembles the cache before the
     * second, which loads the application's classes from it.
     */
    @Test
    @EnabledForJreRange(min = JRE.JAVA_25)
    void aRecordedRunBecomesAnAotCacheThatTheNextStartLoadsClassesFrom(@TempDir Path dir) throws Exception {
        Path app = Files.createDirectories(dir.resolve("quarkus-app"));
        packageTrainee(app.resolve("quarkus-run.jar"));
        ServiceJvm jvm = ServiceJvm.SIZED_WITH_CLASS_ARCHIVE;

        jvm.prepare(StackService.ACCOUNT, app);
        assertThat(run(jvm.options(StackService.ACCOUNT, app), app)).contains("trainee ran");
        assertThat(app.resolve(ServiceJvm.AOT_RECORDING)).as("written at exit").exists();

        jvm.prepare(StackService.ACCOUNT, app);
        assertThat(app.resolve(ServiceJvm.AOT_CACHE)).exists();
        assertThat(app.resolve(ServiceJvm.AOT_RECORDING)).as("used up").doesNotExist();
        List<String> options = jvm.options(StackService.ACCOUNT, app);
        assertThat(options).contains("-XX:AOTCache=" + app.resolve(ServiceJvm.AOT_CACHE).toAbsolutePath());

        List<String> traced = new ArrayList<>(options);
        traced.add("-Xlog:class+load=info");
        assertThat(run(traced, app)).contains("trainee ran")
                .containsPattern("io\\.tradingbot\\.localstack\\.AotTrainee source: (shared objects file|AOT cache)");
    }

    private static void writeAll(Path app, List<String> files, String content) throws IOException {
        for (String file : files) {
            Files.writeString(app.resolve(file), content);
        }
    }

    private static void packageTrainee(Path jar) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, AotTrainee.class.getName());
        String entry = AotTrainee.class.getName().replace('.', '/') + ".class";
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jarOut = new JarOutputStream(out, manifest);
                InputStream in = AotTrainee.class.getClassLoader().getResourceAsStream(entry)) {
            jarOut.putNextEntry(new JarEntry(entry));
            in.transferTo(jarOut);
            jarOut.closeEntry();
        }
    }

    private static String run(List<String> options, Path app) throws Exception {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow()));
        command.addAll(options);
        command.addAll(List.of("-jar", app.resolve("quarkus-run.jar").toAbsolutePath().toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }
}
