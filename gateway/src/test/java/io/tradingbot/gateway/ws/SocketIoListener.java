package io.tradingbot.gateway.ws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * An unmodified socket.io-client v4 (from npm, in Node.js) connected to the gateway, each event it receives read back as
 * a JSON line. {@link #nodeAvailable()} says whether Node.js and npm are installed.
 */
public final class SocketIoListener implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final List<JsonNode> lines = new CopyOnWriteArrayList<>();
    private final StringBuilder rawOutput = new StringBuilder();

    private SocketIoListener(Process process) {
        this.process = process;
        Thread reader = new Thread(this::read, "socket.io-listener");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * @param nodeSources the folder with package.json, package-lock.json and listen.js (gateway/src/test/node)
     * @param work        where {@code npm ci} installs the client (once)
     */
    public static SocketIoListener connect(Path nodeSources, Path work, String gatewayUrl, String token,
            String... symbols) {
        try {
            install(nodeSources, work);
            ProcessBuilder builder = new ProcessBuilder("node", "listen.js").directory(work.toFile())
                    .redirectError(ProcessBuilder.Redirect.INHERIT);
            builder.environment().putAll(Map.of("GATEWAY_URL", gatewayUrl, "SYMBOLS", String.join(",", symbols)));
            if (token != null) {
                builder.environment().put("TOKEN", token);
            }
            return new SocketIoListener(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static synchronized void install(Path sources, Path work) throws IOException {
        Files.createDirectories(work);
        for (String file : List.of("package.json", "package-lock.json", "listen.js")) {
            Files.copy(sources.resolve(file), work.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        if (Files.isDirectory(work.resolve("node_modules/socket.io-client"))) {
            return;
        }
        Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(work.toFile())
                .redirectErrorStream(true).start();
        String output = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0) {
                throw new IllegalStateException("npm ci failed:\n" + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static boolean nodeAvailable() {
        return onPath("node") && onPath("npm");
    }

    private static boolean onPath(String program) {
        try {
            return new ProcessBuilder(program, "--version").redirectErrorStream(true).start().waitFor(30, TimeUnit.SECONDS);
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void read() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                synchronized (rawOutput) {
                    rawOutput.append(line).append('\n');
                }
                try {
                    lines.add(JSON.readTree(line));
                } catch (IOException e) {
                    // not an event line: kept in rawOutput for the failure message
                }
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    public List<JsonNode> events(String name) {
        return lines.stream().filter(l -> l.path("event").asText().equals(name)).toList();
    }

    public JsonNode await(Predicate<JsonNode> matching, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (JsonNode line : lines) {
                if (matching.test(line)) {
                    return line;
                }
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        synchronized (rawOutput) {
            throw new AssertionError("socket.io-client received no matching event within " + timeout + "; it printed:\n"
                    + rawOutput);
        }
    }

    public JsonNode await(String event, Duration timeout) {
        return await(l -> l.path("event").asText().equals(event), timeout);
    }

    public List<JsonNode> events() {
        return new ArrayList<>(lines);
    }

    @Override
    public void close() {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
