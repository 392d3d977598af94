package io.tradingbot.benchmarks.stack;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Start to ready of one service: {@code java -jar <module>/target/quarkus-app/quarkus-run.jar} spawned with the stack's
 * JVM options and wiring, timed until {@code /q/health/ready} first answers 200, polled every 20 ms (the launcher polls every 250 ms,
 * too coarse for a 3 s target). The instance runs alone on the idle stack and is stopped right after.
 * <p>
 * At ready the process's CPU time is read, whole and per thread ({@code /proc/<pid>/task/<tid>/stat}, named by
 * {@code comm}): how much of a start went to the JIT compilers and how much to the application's own threads.
 */
public final class StartToReady {
    /**
     * One start: wall-clock seconds to ready, and the CPU seconds the process used by then, of them the optimising
     * compiler's threads ({@code C2 CompilerThre*}), the quick compiler's ({@code C1 CompilerThre*}) and the main thread
     * (Quarkus' boot runs there; like the launcher's own, idle, thread it is called {@code java}). Threads that ended
     * before ready count in the whole only.
     */
    public record Start(double seconds, double cpuSeconds, double c2Seconds, double c1Seconds, double mainSeconds) {
    }

    private StartToReady() {
    }

    public static Start start(Path repoRoot, String module, List<String> jvmOptions, Map<String, String> environment,
            Path log) throws IOException, InterruptedException {
        Path jar = repoRoot.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Dquarkus.http.port=" + port));
        command.addAll(jvmOptions); // as the stack starts it: the same sizing, the same class archive
        command.addAll(List.of("-jar", jar.toString()));
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                .directory(repoRoot.resolve(module).resolve("target").toFile());
        builder.environment().remove("HTTP_PORT");
        builder.environment().putAll(environment);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                .timeout(Duration.ofSeconds(2)).build();
        long start = System.nanoTime();
        Process process = builder.start();
        try {
            long deadline = start + TimeUnit.SECONDS.toNanos(90);
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException(module + " exited with " + process.exitValue() + "; see " + log);
                }
                try {
                    if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        double seconds = (System.nanoTime() - start) / 1e9;
                        return cpuAtReady(process.pid(), seconds);
                    }
                } catch (IOException e) {
                    // not listening yet
                }
                Thread.sleep(20);
            }
            throw new IllegalStateException(module + " was not ready within 90 s; see " + log);
        } finally {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            http.close();
        }
    }

    static Start cpuAtReady(long pid, double seconds) throws IOException {
        double whole = ProcessSample.read(pid).map(s -> s.cpuTicks() / (double) ProcessSample.TICKS_PER_SECOND)
                .orElse(Double.NaN);
        double c2 = 0;
        double c1 = 0;
        double main = 0;
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks.toList()) {
                String name;
                double cpu;
                try {
                    name = Files.readString(task.resolve("comm")).strip();
                    cpu = ProcessSample.cpuTicks(Files.readString(task.resolve("stat")))
                            / (double) ProcessSample.TICKS_PER_SECOND;
                } catch (IOException e) {
                    continue; // the thread ended meanwhile
                }
                if (name.startsWith("C2 CompilerThre")) {
                    c2 += cpu;
                } else if (name.startsWith("C1 CompilerThre")) {
                    c1 += cpu;
                } else if (name.equals("java")) {
                    main += cpu;
                }
            }
        }
        return new Start(seconds, whole, c2, c1, main);
    }
}
