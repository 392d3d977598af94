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
    void servicesGetSizedJvmsAndAnArchiveOnlyWhenAsked() {
        Path app = Path.of("/repo/account-service/target/quarkus-app");
        assertThat(ServiceJvm.SIZED.options(StackService.ACCOUNT, app)).contains("-XX:+UseSerialGC", "-Xmx96m",
                "-XX:TieredStopAtLevel=1").noneMatch(arg -> arg.contains("SharedArchive"));
        assertThat(ServiceJvm.SIZED.options(StackService.ORDER, app)).contains("-Xmx96m")
                .doesNotContain("-XX:TieredStopAtLevel=1");
        assertThat(ServiceJvm.SIZED.options(StackService.STRATEGY, app)).contains("-Xmx128m")
                .doesNotContain("-XX:TieredStopAtLevel=1");
        assertThat(ServiceJvm.SIZED_WITH_CLASS_ARCHIVE.options(StackService.ACCOUNT, app))
                .contains("-XX:+AutoCreateSharedArchive", "-XX:SharedArchiveFile=" + app.resolve("app-cds.jsa"));
        assertThat(ServiceJvm.JVM_DEFAULTS.options(StackService.GATEWAY, app)).isEmpty();
    }

    /** JDK 25 neither uses nor replaces an archive written for other jars: it must go before the start after a rebuild. */
    @Test
    void aClassArchiveOfOtherJarsIsDroppedBeforeTheStartAndAFreshOneKept(@TempDir Path dir) throws Exception {
        Path app = Files.createDirectories(dir.resolve("quarkus-app"));
        Path jar = Files.writeString(Files.createDirectories(app.resolve("lib/main")).resolve("service.jar"), "v1");
        Path archive = app.resolve(ServiceJvm.ARCHIVE);
        Files.writeString(archive, "written by an earlier build");

        ServiceJvm.SIZED_WITH_CLASS_ARCHIVE.prepare(app);
        assertThat(archive).as("no stamp: which jars it was for is unknown").doesNotExist();

        Files.writeString(archive, "written at the first stop");
        ServiceJvm.SIZED_WITH_CLASS_ARCHIVE.prepare(app);
        assertThat(archive).as("same jars").hasContent("written at the first stop");

        Files.writeString(jar, "v2");
        assertThat(jar.toFile().setLastModified(System.currentTimeMillis() + 60_000)).isTrue();
        ServiceJvm.SIZED_WITH_CLASS_ARCHIVE.prepare(app);
        assertThat(archive).as("rebuilt").doesNotExist();

        Files.writeString(archive, "written after the rebuild");
        Path copy = dir.resolve("copy/quarkus-app");
        Files.createDirectories(copy.getParent());
        Files.move(app, copy);
        ServiceJvm.SIZED_WITH_CLASS_ARCHIVE.prepare(copy);
        assertThat(copy.resolve(ServiceJvm.ARCHIVE)).as("moved: the class path differs").doesNotExist();

        Files.writeString(copy.resolve(ServiceJvm.ARCHIVE), "kept");
        ServiceJvm.SIZED.prepare(copy);
        assertThat(copy.resolve(ServiceJvm.ARCHIVE)).as("not this option's business").hasContent("kept");
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
