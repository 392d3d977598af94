package io.tradingbot.simulator.testkit;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The packaged simulator as a process: started on a free port, driven through /sim, gone after close. */
class SimulatorProcessTest {

    @Test
    void startsDrivesAndStopsTheSimulator() {
        int port;
        try (SimulatorProcess sim = SimulatorProcess.start(List.of("-Dsim.seed=42", "-Dsim.clock.speed=0"))) {
            port = sim.port();
            long before = sim.now();
            sim.advanceClock(120_000);
            assertThat(sim.now()).isEqualTo(before + 120_000);

            sim.setPrice("tBTCUSD", "50000");
            JsonNode ticker = sim.publicGet("/v2/ticker/tBTCUSD");
            assertThat(ticker.size()).isEqualTo(10);
            assertThat(ticker.get(6).decimalValue()).isEqualByComparingTo("50000");

            assertThatThrownBy(() -> sim.setPrice("tNOPEUSD", "1")).hasMessageContaining("404");
            assertThat(listening(port)).isTrue();
        }
        assertThat(listening(port)).isFalse();
    }

    @Test
    void runsOnAGivenPortAndLogFileAndHandsOutASecondKeyOnThePaperAccount(@TempDir Path dir) throws Exception {
        int port = freePort();
        Path log = dir.resolve("logs/simulator.log");
        ProcessHandle handle;
        try (SimulatorProcess sim = SimulatorProcess.start(List.of("-Dsim.clock.speed=0"),
                builder -> builder.port(port).logFile(log).workingDirectory(dir))) {
            handle = sim.process().handle();
            assertThat(sim.port()).isEqualTo(port);
            assertThat(sim.baseUrl()).isEqualTo("http://127.0.0.1:" + port);

            SimulatorProcess.Credentials reader = sim.createKey("paper", List.of("read"));
            assertThat(reader.name()).isEqualTo("paper");
            assertThat(reader.apiKey()).isNotBlank().isNotEqualTo(sim.apiKey());
            // The new key signs for the same funded account: its wallets are the paper account's.
            HttpResponse<String> wallets = signedPost(sim.baseUrl(), reader, "auth/r/wallets");
            assertThat(wallets.statusCode()).as(wallets.body()).isEqualTo(200);
            assertThat(JSON.readTree(wallets.body()).size()).isEqualTo(sim.account("paper").get("wallets").size());
            HttpResponse<String> submit = signedPost(sim.baseUrl(), reader, "auth/w/order/submit");
            assertThat(submit.body()).contains("apikey: invalid permission");

            assertThatThrownBy(() -> sim.createKey("nobody", List.of("read"))).hasMessageContaining("404");
            assertThatThrownBy(() -> sim.createKey("paper", List.of("admin"))).hasMessageContaining("400");
            assertThat(Files.readString(log)).contains("exchange-simulator");
        }
        assertThat(handle.isAlive()).isFalse();
        assertThat(listening(port)).isFalse();
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private static HttpResponse<String> signedPost(String baseUrl, SimulatorProcess.Credentials key, String path)
            throws Exception {
        String nonce = Long.toString(System.currentTimeMillis() * 1000);
        String body = "{}";
        Mac mac = Mac.getInstance("HmacSHA384");
        mac.init(new SecretKeySpec(key.apiSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA384"));
        String signature = HexFormat.of().formatHex(mac.doFinal(("/api/v2/" + path + nonce + body)
                .getBytes(StandardCharsets.UTF_8)));
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/v2/" + path))
                    .header("Content-Type", "application/json").header("bfx-nonce", nonce)
                    .header("bfx-apikey", key.apiKey()).header("bfx-signature", signature)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static boolean listening(int port) {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
