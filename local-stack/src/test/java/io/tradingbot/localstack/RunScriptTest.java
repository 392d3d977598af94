package io.tradingbot.localstack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./run.sh} as a user runs it (on free ports so it never clashes with a stack already running here): it prints
 * the URLs and the token command, the gateway answers through it, and SIGTERM leaves no process behind.
 */
class RunScriptTest {

    private static final Pattern GATEWAY = Pattern.compile("Gateway:\\s+(http://localhost:\\d+)");
    private static final Pattern CURL = Pattern.compile("Get a token: curl -s -X POST (\\S+) .* -d '(\\{.*\\})'");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void runShStartsTheStackPrintsHowToUseItAndStopsEverythingOnSigterm() throws Exception {
        Path repoRoot = Paths.get(System.getProperty("localstack.repo-root", "..")).toAbsolutePath().normalize();
        Path logDir = Paths.get(System.getProperty("localstack.log-dir", "target/stack-logs"))
                .resolve("run-sh-" + System.currentTimeMillis()).toAbsolutePath();
        ProcessBuilder builder = new ProcessBuilder("bash", repoRoot.resolve("run.sh").toString(), "--no-build",
                "--free-ports", "--log-dir", logDir.toString()).redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("TRADINGBOT_ADMIN_PASSWORD", "run-sh-test-password");
        Process script = builder.start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        List<String> output = new ArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(script.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // the process is gone
            }
        }, "run-sh-output");
        reader.start();
        List<ProcessHandle> stack = new ArrayList<>();
        try {
            String gateway = null;
            String tokenUrl = null;
            String tokenBody = null;
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(12); // a loaded 2-core CI machine
            while (System.nanoTime() < deadline) {
                String line = lines.poll(1, TimeUnit.SECONDS);
                if (line == null) {
                    assertThat(script.isAlive()).as("run.sh exited early:\n" + String.join("\n", output)).isTrue();
                    continue;
                }
                output.add(line);
                Matcher g = GATEWAY.matcher(line);
                if (g.find()) {
                    gateway = g.group(1);
                }
                Matcher c = CURL.matcher(line);
                if (c.find()) {
                    tokenUrl = "http://" + c.group(1);
                    tokenBody = c.group(2);
                }
                if (line.startsWith("Ctrl+C stops everything")) {
                    break;
                }
            }
            String printed = String.join("\n", output);
            assertThat(gateway).as(printed).isNotNull();
            assertThat(printed).contains(gateway + "/q/swagger-ui", gateway.replace("http", "ws") + "/api/v2/ws",
                    "Logs:        " + logDir);
            assertThat(tokenBody).isEqualTo("{\"username\":\"admin\",\"password\":\"run-sh-test-password\"}");
            stack.addAll(script.descendants().toList());
            assertThat(stack).as("the simulator and six services run as children").hasSizeGreaterThanOrEqualTo(7);

            try (HttpClient http = HttpClient.newHttpClient()) {
                assertThat(http.send(HttpRequest.newBuilder(URI.create(gateway + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
                // Exactly the printed curl: the token it gets opens the gateway's REST API.
                HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(tokenUrl))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(tokenBody)).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
                String token = JSON.readTree(login.body()).path("token").asText();
                HttpResponse<String> limits = http.send(HttpRequest.newBuilder(URI.create(gateway + "/api/v2/risk/limits"))
                        .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(limits.statusCode()).as(limits.body()).isEqualTo(200);
            }
            for (String module : StackService.modules()) {
                assertThat(logDir.resolve(module + ".log")).isNotEmptyFile();
            }
            assertThat(logDir.resolve("exchange-simulator.log")).isNotEmptyFile();

            // SIGTERM to run.sh, which is the launcher JVM (exec). Through the handle: Process.destroy() would also
            // close our end of its output, and the goodbye lines would be lost.
            script.toHandle().destroy();
            assertThat(script.waitFor(90, TimeUnit.SECONDS)).as("run.sh stops within 90 s").isTrue();
            reader.join(5_000);
            lines.drainTo(output);
            assertThat(String.join("\n", output)).contains("Stopped: no process of the stack is left.");
            assertThat(stack).allSatisfy(p -> assertThat(p.isAlive()).as(p.info().commandLine().orElse("?")).isFalse());
        } finally {
            script.descendants().forEach(ProcessHandle::destroyForcibly);
            script.destroyForcibly();
            stack.forEach(ProcessHandle::destroyForcibly);
        }
        assertThat(Files.isDirectory(logDir)).isTrue();
    }
}
