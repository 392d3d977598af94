package io.tradingbot.simulator.testkit;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Any packaged Quarkus application ({@code java -jar quarkus-run.jar}) as a process of its own on a free port, for
 * end-to-end tests: started with the given environment and system properties, waited for until
 * {@code /q/health/ready} answers 200, destroyed (with its children) on {@link #close()}.
 */
public final class ServiceProcess implements AutoCloseable {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

    private final String name;
    private final Process process;
    private final int port;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ServiceProcess(String name, Process process, int port, Path log) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * @param name             for the log file and messages, e.g. {@code strategy-service}
     * @param jarProperty      system property holding the jar's path (set by the module's surefire configuration)
     * @param environment      environment variables of the process (e.g. {@code KAFKA_BOOTSTRAP_SERVERS})
     * @param systemProperties extra {@code -Dkey=value} arguments
     */
    public static ServiceProcess start(String name, String jarProperty, Map<String, String> environment,
            List<String> systemProperties) {
        String configured = System.getProperty(jarProperty);
        if (configured == null) {
            throw new IllegalStateException("System property " + jarProperty + " (the path of " + name
                    + "'s quarkus-run.jar) is not set: set it in the module's surefire configuration");
        }
        Path jar = Paths.get(configured).toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(name + " is not packaged: " + jar + " does not exist. Build it first: `mvn -pl "
                    + name + " -am install -DskipTests`.");
        }
        return launch(name, jar, environment, systemProperties);
    }

    /** Starts {@code jar} on a free port with the environment and {@code -D} arguments, and waits until it is ready. */
    static ServiceProcess launch(String name, Path jar, Map<String, String> environment, List<String> systemProperties) {
        int port = freePort();
        Path logDir = Paths.get(System.getProperty("simulator.log.dir", "target/simulator-logs"));
        Path log = logDir.resolve(name + "-" + port + ".log");
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command()
                .orElse(Paths.get(System.getProperty("java.home"), "bin", "java").toString()));
        command.add("-Dquarkus.http.port=" + port);
        command.addAll(systemProperties);
        command.add("-jar");
        command.add(jar.toString());
        try {
            Files.createDirectories(logDir);
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().remove("HTTP_PORT");
            builder.environment().putAll(environment);
            ServiceProcess service = new ServiceProcess(name, builder.start(), port, log);
            service.awaitReady();
            return service;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + name + ": " + command, e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + " before it was ready; "
                        + "its log (" + log + "):\n" + logTail());
            }
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                throw new IllegalStateException("interrupted while waiting for " + name, e);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                throw new IllegalStateException("interrupted while waiting for " + name, e);
            }
        }
        close();
        throw new IllegalStateException(name + " was not ready within " + READY_TIMEOUT + "; log:\n" + logTail());
    }

    public int port() {
        return port;
    }

    /** {@code http://127.0.0.1:<port>} */
    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        http.close();
    }
}
