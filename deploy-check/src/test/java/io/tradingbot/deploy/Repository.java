package io.tradingbot.deploy;

import io.tradingbot.deploy.model.Suite;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository under test: the system property Maven sets, else the parent of the working directory. */
final class Repository {
    static final Path ROOT = root();
    static final Suite SUITE = Suite.load(ROOT);

    private Repository() {
    }

    static String read(String relative) throws Exception {
        return Files.readString(ROOT.resolve(relative));
    }

    private static Path root() {
        String configured = System.getProperty("tradingbot.root");
        Path root = (configured != null ? Path.of(configured) : Path.of("").toAbsolutePath().getParent()).normalize();
        if (!Files.exists(root.resolve("docker-compose.yml"))) {
            throw new IllegalStateException("no docker-compose.yml under " + root + "; set -Dtradingbot.root");
        }
        return root;
    }
}
