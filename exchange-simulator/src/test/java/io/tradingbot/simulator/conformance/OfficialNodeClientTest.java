package io.tradingbot.simulator.conformance;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The simulator is worth as much as it is faithful: Bitfinex's own Node client (bitfinex-api-node 7, installed from npm,
 * unchanged, only its URLs pointed here) reads public data, signs authenticated calls, places and cancels an order over
 * REST, and over the WebSocket authenticates, follows a ticker and sees a market order fill on channel 0. The script is
 * src/test/node/conformance.test.js. Needs Node.js and npm on the PATH; without them the test is skipped.
 */
@QuarkusTest
@TestProfile(OfficialNodeClientTest.RunningClock.class)
class OfficialNodeClientTest {

    /** A running clock, so that the ticker moves while the client listens. */
    public static class RunningClock implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("sim.clock.speed", "1");
        }
    }

    @TestHTTPResource("/")
    URL base;

    @Test
    void bitfinexsNodeClientTradesOnTheSimulatorUnchanged() throws Exception {
        assumeTrue(onPath("node") && onPath("npm"), "Node.js and npm are not installed");
        Path work = Path.of("target", "node-conformance");
        Files.createDirectories(work);
        for (String file : List.of("package.json", "package-lock.json", "conformance.test.js")) {
            Files.copy(Path.of("src", "test", "node", file), work.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        run(work, Map.of(), "npm", "ci", "--no-audit", "--no-fund");
        String url = base.toString().replaceAll("/$", "");
        String output = run(work, Map.of("SIM_URL", url, "SIM_API_KEY", "test-key", "SIM_API_SECRET", "secret"),
                "node", "--test", "conformance.test.js");
        assertThat(output).contains("# pass 3", "# fail 0");
    }

    private static String run(Path dir, Map<String, String> env, String... command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        byte[] out = process.getInputStream().readAllBytes();
        boolean finished = process.waitFor(5, TimeUnit.MINUTES);
        String output = new String(out, StandardCharsets.UTF_8);
        if (!finished) {
            process.destroyForcibly();
        }
        assertThat(finished && process.exitValue() == 0)
                .as("%s exited %s:%n%s", String.join(" ", command), finished ? process.exitValue() : "(timed out)", output)
                .isTrue();
        return output;
    }

    private static boolean onPath(String program) {
        try {
            return new ProcessBuilder(program, "--version").redirectErrorStream(true).start().waitFor(30, TimeUnit.SECONDS);
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException(e));
        }
    }
}
