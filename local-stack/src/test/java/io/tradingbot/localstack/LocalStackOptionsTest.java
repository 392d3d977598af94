package io.tradingbot.localstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The options a user gives (command line, environment) and the refusals that protect them, without starting anything. */
class LocalStackOptionsTest {

    @Test
    void defaultsAreTheDocumentedLocalRun() {
        LocalStackOptions options = LocalStackMain.parse(new String[0], Map.of());
        assertThat(options.freePorts()).isFalse();
        assertThat(options.portOffset()).isZero();
        assertThat(options.authRequired()).isTrue();
        assertThat(options.adminPassword()).isNull();
        assertThat(options.live()).isFalse();
        assertThat(options.serviceJvm()).isEqualTo(ServiceJvm.SIZED_WITH_CLASS_ARCHIVE);
        assertThat(LocalStackOptions.forTests().serviceJvm()).isEqualTo(ServiceJvm.SIZED);
        assertThat(LocalStackMain.parse(new String[] {"--jvm-defaults"}, Map.of()).serviceJvm())
                .isEqualTo(ServiceJvm.JVM_DEFAULTS);
    }

    @Test
    void commandLineAndEnvironmentSetTheOptions() {
        LocalStackOptions options = LocalStackMain.parse(new String[] {"--free-ports", "--no-auth", "--log-dir", "/tmp/x",
                "--live"}, Map.of("TRADINGBOT_ADMIN_PASSWORD", "s3cret", "TRADINGBOT_PORT_OFFSET", "100"));
        assertThat(options.freePorts()).isTrue();
        assertThat(options.authRequired()).isFalse();
        assertThat(options.logDir()).isEqualTo(Path.of("/tmp/x"));
        assertThat(options.live()).isTrue();
        assertThat(options.adminPassword()).isEqualTo("s3cret");
        assertThat(options.portOffset()).isEqualTo(100);
        assertThat(LocalStackMain.parse(new String[] {"--port-offset", "7"}, Map.of()).portOffset()).isEqualTo(7);
        assertThat(LocalStackMain.parse(new String[] {"--help"}, Map.of())).isNull();
        assertThatThrownBy(() -> LocalStackMain.parse(new String[] {"--bogus"}, Map.of()))
                .hasMessageContaining("--bogus");
        assertThatThrownBy(() -> LocalStackMain.parse(new String[] {"--port-offset", "x"}, Map.of()))
                .hasMessageContaining("number");
    }

    @Test
    void withersChangeOneFieldAndUnknownModulesAreRefused() {
        LocalStackOptions options = LocalStackOptions.forTests()
                .withServiceEnvironment("risk-service", Map.of("RISK_DEFAULTS_MAX_LEVERAGE", "2"))
                .withServiceEnvironment("risk-service", Map.of("RISK_ACCOUNT", "paper"))
                .withSimulatorArgs(List.of("-Dsim.clock.speed=0"));
        assertThat(options.freePorts()).isTrue();
        assertThat(options.serviceEnvironment().get("risk-service"))
                .containsEntry("RISK_DEFAULTS_MAX_LEVERAGE", "2").containsEntry("RISK_ACCOUNT", "paper");
        assertThat(options.simulatorArgs()).containsExactly("-Dsim.clock.speed=0");
        assertThatThrownBy(() -> options.withServiceEnvironment("risk", Map.of("A", "b")))
                .hasMessageContaining("risk-service");
    }

    @Test
    void liveModeRefusesWithoutTwoDistinctKeys() {
        assertThatThrownBy(() -> LocalStack.liveCredentials(Map.of()))
                .hasMessageContaining("real money").hasMessageContaining("BITFINEX_API_KEY");
        assertThatThrownBy(() -> LocalStack.liveCredentials(Map.of("BITFINEX_API_KEY", "k", "BITFINEX_API_SECRET", "s")))
                .hasMessageContaining("BITFINEX_ACCOUNT_API_KEY");
        assertThatThrownBy(() -> LocalStack.liveCredentials(Map.of("BITFINEX_API_KEY", "k", "BITFINEX_API_SECRET", "s",
                "BITFINEX_ACCOUNT_API_KEY", "k", "BITFINEX_ACCOUNT_API_SECRET", "s")))
                .hasMessageContaining("different key");
        assertThat(LocalStack.liveCredentials(Map.of("BITFINEX_API_KEY", "k", "BITFINEX_API_SECRET", "s",
                "BITFINEX_ACCOUNT_API_KEY", "k2", "BITFINEX_ACCOUNT_API_SECRET", "s2"))).hasSize(4);
    }

    @Test
    void theRepositoryRootIsFoundFromAnySubfolder(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("pom.xml"), "<project><artifactId>tradingbot-parent</artifactId><modules></modules></project>");
        Path module = Files.createDirectories(dir.resolve("gateway/src"));
        Files.writeString(dir.resolve("gateway/pom.xml"), "<project><parent><artifactId>tradingbot-parent</artifactId>"
                + "</parent></project>");
        assertThat(LocalStackOptions.findRepoRoot(module)).isEqualTo(dir.toAbsolutePath().normalize());
    }
}
