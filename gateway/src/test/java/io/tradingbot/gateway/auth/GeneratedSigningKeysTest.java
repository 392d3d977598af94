package io.tradingbot.gateway.auth;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The generated keys are made only when the configuration asks for them, once, and are a usable PEM pair. */
class GeneratedSigningKeysTest {

    @Test
    void noKeyIsMadeUntilALocationIsReadThenTheSamePairIsOffered() throws Exception {
        long before = generatedFolders();
        GeneratedSigningKeys keys = new GeneratedSigningKeys();

        assertThat(keys.getPropertyNames())
                .containsExactlyInAnyOrder("smallrye.jwt.sign.key.location", "mp.jwt.verify.publickey.location");
        assertThat(keys.getValue("quarkus.http.port")).isNull();
        assertThat(generatedFolders()).as("nothing made before a location is read").isEqualTo(before);

        String signing = keys.getValue("smallrye.jwt.sign.key.location");
        String verifying = keys.getValue("mp.jwt.verify.publickey.location");

        assertThat(generatedFolders()).isEqualTo(before + 1);
        assertThat(keys.getValue("smallrye.jwt.sign.key.location")).isEqualTo(signing);
        assertThat(Files.readString(Path.of(URI.create(signing)))).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(Files.readString(Path.of(URI.create(verifying)))).startsWith("-----BEGIN PUBLIC KEY-----");
        assertThat(Path.of(URI.create(signing)).getParent()).isEqualTo(Path.of(URI.create(verifying)).getParent());
    }

    private static long generatedFolders() throws Exception {
        try (Stream<Path> entries = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return entries.filter(p -> p.getFileName().toString().startsWith(GeneratedSigningKeys.MARKER)).count();
        }
    }
}
