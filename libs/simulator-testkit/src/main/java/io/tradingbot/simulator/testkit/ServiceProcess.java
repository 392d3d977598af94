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
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Any packaged Quarkus application ({@code java -jar quarkus-run.jar}) as a process of its own, on a free port unless
 * {@link Builder#port(int) told otherwise}, for end-to-end tests and the local stack: started with the given environment
 * and system properties, waited for until {@code /q/health/ready} answers 200, stopped (with its children) on
 * {@link #close()}.
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
        return builder(name, jar).environment(environment).systemProperties(systemProperties).start();
    }

    /**
     * For callers that need more than a free port and the shared log folder (the local stack): a fixed port, a log file
     * of their choosing, a working directory, a longer wait.
     */
    public static Builder builder(String name, Path jar) {
        return new Builder(name, jar);
    }

    /** How to start one packaged application; {@link #start()} launches it and waits until it is ready. */
    public static final class Builder {
        private final String name;
        private Path jar;
        private int port;
        private Path logFile;
        private Path workingDirectory;
        private final Map<String, String> environment = new LinkedHashMap<>();
        private final Set<String> removedEnvironment = new LinkedHashSet<>();
        private final List<String> systemProperties = new ArrayList<>();
        private Duration readyTimeout = READY_TIMEOUT;

        private Builder(String name, Path jar) {
            this.name = Objects.requireNonNull(name, "name");
            this.jar = Objects.requireNonNull(jar, "jar");
        }

        public Builder jar(Path jar) {
            this.jar = Objects.requireNonNull(jar, "jar");
            return this;
        }

        /** The HTTP port; 0 (the default) picks a free one. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Where stdout and stderr go (truncated at start); default {@code <simulator.log.dir>/<name>-<port>.log}. */
        public Builder logFile(Path logFile) {
            this.logFile = logFile;
            return this;
        }

        /** The process's working directory; default this JVM's. */
        public Builder workingDirectory(Path workingDirectory) {
            this.workingDirectory = workingDirectory;
            return this;
        }

        /** Environment variables added to (or replacing) the inherited ones. */
        public Builder environment(Map<String, String> environment) {
            this.environment.putAll(environment);
            return this;
        }

        /** Inherited environment variables the process must not see (e.g. another process's API key). */
        public Builder withoutEnvironment(Collection<String> names) {
            this.removedEnvironment.addAll(names);
            return this;
        }

        /** Extra {@code -Dkey=value} JVM arguments. */
        public Builder systemProperties(List<String> systemProperties) {
            this.systemProperties.addAll(systemProperties);
            return this;
        }

        /** How long to wait for {@code /q/health/ready}; default 90 s. */
        public Builder readyTimeout(Duration readyTimeout) {
            this.readyTimeout = Objects.requireNonNull(readyTimeout, "readyTimeout");
            return this;
        }

        /** Launches the process and waits until it is ready; on failure the process is gone and the log tail is in the error. */
        public ServiceProcess start() {
            int chosenPort = port == 0 ? freePort() : port;
            Path log = logFile != null ? logFile
                    : Paths.get(System.getProperty("simulator.log.dir", "target/simulator-logs"))
                            .resolve(name + "-" + chosenPort + ".log");
            List<String> command = new ArrayList<>();
            command.add(ProcessHandle.current().info().command()
                    .orElse(Paths.get(System.getProperty("java.home"), "bin", "java").toString()));
            command.add("-Dquarkus.http.port=" + chosenPort);
            command.addAll(systemProperties);
            command.add("-jar");
            command.add(jar.toString());
            try {
                Path parent = log.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(log.toFile());
                if (workingDirectory != null) {
                    builder.directory(workingDirectory.toFile());
                }
                builder.environment().remove("HTTP_PORT");
                removedEnvironment.forEach(builder.environment()::remove);
                builder.environment().putAll(environment);
                ServiceProcess service = new ServiceProcess(name, builder.start(), chosenPort, log);
                service.awaitReady(readyTimeout);
                return service;
            } catch (IOException e) {
                throw new IllegalStateException("cannot start " + name + ": " + command, e);
            }
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }

    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
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
        throw new IllegalStateException(name + " was not ready within " + timeout + "; log:\n" + logTail());
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    /** The process, so a caller can check that it (and its children) are gone. */
    public ProcessHandle handle() {
        return process.toHandle();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path logFile() {
        return log;
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

    /** SIGTERM to the process and its children, SIGKILL to whatever is still running after 10 s. */
    @Override
    public void close() {
        close(Duration.ofSeconds(10));
    }

    /** SIGTERM to the process and its children, SIGKILL to whatever is still running after {@code grace}. */
    public void close(Duration grace) {
        List<ProcessHandle> children = process.descendants().toList();
        children.forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            // A child that outlived its parent (re-parented) is still ours to stop.
            for (ProcessHandle child : children) {
                if (child.isAlive()) {
                    child.destroyForcibly();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            children.forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        http.close();
    }
}
