package io.tradingbot.localstack;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A packaged service given a setting that makes no sense refuses to start and names the key: each service's rules are
 * registered with Quarkus' configuration (META-INF/services), which only the packaged application shows.
 */
class SettingsRefusalTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "risk-service        | risk.defaults.max-leverage=0.5       | risk.defaults.max-leverage must be at least 1, is 0.5",
            "strategy-service    | strategy.max-bars=10                 | strategy.max-bars must be at least 50, is 10",
            "market-data-service | market-data.symbols=BTC-USD          | market-data.symbols[0] 'BTC-USD' is not a Bitfinex trading symbol",
            "account-service     | account.margin.warning-level=0.9     | account.margin.warning-level must be at least 1, is 0.9",
            "gateway             | gateway.ws.buffer-size=8             | gateway.ws.buffer-size must be at least 16, is 8"})
    void aServiceRefusesToStartOnASettingThatMakesNoSense(String module, String setting, String message) throws Exception {
        Path jar = LocalStackOptions.forTests().resolvedRepoRoot().resolve(module + "/target/quarkus-app/quarkus-run.jar");
        Path log = Files.createTempFile(module, ".log");
        try {
            Process process = new ProcessBuilder(List.of(ProcessHandle.current().info().command().orElse("java"),
                    "-D" + setting, "-Dquarkus.http.port=0", "-jar", jar.toString()))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            boolean exited = process.waitFor(60, TimeUnit.SECONDS);
            if (!exited) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            assertThat(exited).as("%s exited on its own; its output:%n%s", module, output).isTrue();
            assertThat(process.exitValue()).as("exit code").isNotZero();
            assertThat(output).contains(message);
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
