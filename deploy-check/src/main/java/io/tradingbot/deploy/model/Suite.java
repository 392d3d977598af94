package io.tradingbot.deploy.model;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The deployable modules of the repository, read from their sources: every module of the root pom that has an
 * application.properties with an HTTP port (the exchange simulator and the six services).
 */
public record Suite(Path root, Map<String, ServiceModule> modules) {

    /** Variables of the platform rather than of a module: which config files to read, and the JVM's options. */
    public static final Set<String> PLATFORM_ENV = Set.of("QUARKUS_CONFIG_LOCATIONS", "QUARKUS_PROFILE", "JAVA_OPTS_APPEND",
            "JAVA_MAX_MEM_RATIO");

    private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::([^}]*))?}");
    private static final Pattern ENV_TOKEN = Pattern.compile("\\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\\b");
    private static final Pattern EXPOSE = Pattern.compile("(?m)^EXPOSE\\s+(\\d+)");

    public static Suite load(Path root) {
        Map<String, ServiceModule> modules = new LinkedHashMap<>();
        Matcher module = MODULE.matcher(read(root.resolve("pom.xml")));
        while (module.find()) {
            Path dir = root.resolve(module.group(1));
            Path properties = dir.resolve("src/main/resources/application.properties");
            if (Files.exists(properties) && read(properties).contains("quarkus.http.port")) {
                ServiceModule loaded = loadModule(root, dir, read(properties));
                modules.put(loaded.name(), loaded);
            }
        }
        return new Suite(root, modules);
    }

    public Optional<ServiceModule> module(String name) {
        return Optional.ofNullable(modules.get(name));
    }

    /** The module listening on a port by default, if one does. */
    public Optional<ServiceModule> byPort(int port) {
        return modules.values().stream().filter(m -> m.port() == port).findFirst();
    }

    /** The environment form of a property name, as MicroProfile Config maps it: {@code a.b-c} → {@code A_B_C}. */
    public static String envName(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase();
    }

    private static ServiceModule loadModule(Path root, Path dir, String text) {
        String name = dir.getFileName().toString();
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(text));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }

        Map<String, String> defaults = new LinkedHashMap<>();
        Set<String> known = new LinkedHashSet<>();
        Set<String> topics = new LinkedHashSet<>();
        for (String key : properties.stringPropertyNames()) {
            String value = properties.getProperty(key);
            Matcher reference = REFERENCE.matcher(value);
            while (reference.find()) {
                defaults.put(reference.group(1), reference.group(2) == null ? "" : reference.group(2));
            }
            String unprofiled = key.startsWith("%") ? key.substring(key.indexOf('.') + 1) : key;
            known.add(envName(unprofiled));
            if (unprofiled.startsWith("mp.messaging.") && unprofiled.endsWith(".topic")) {
                topics.add(value.trim());
            } else if (unprofiled.startsWith("mp.messaging.") && unprofiled.endsWith(".topics")) {
                Arrays.stream(value.split(",")).map(String::trim).filter(t -> !t.isEmpty()).forEach(topics::add);
            }
        }
        known.addAll(defaults.keySet());
        text.lines().filter(line -> line.trim().startsWith("#")).forEach(comment -> {
            Matcher token = ENV_TOKEN.matcher(comment);
            while (token.find()) {
                known.add(token.group());
            }
        });
        known.addAll(ConfigMappings.environmentVariables(dir.resolve("src/main/java")));
        boolean sharedSupport = read(dir.resolve("pom.xml")).contains("<artifactId>service-support</artifactId>");
        if (sharedSupport) {
            known.addAll(ConfigMappings.environmentVariables(root.resolve("libs/service-support/src/main/java")));
        }

        String port = properties.getProperty("quarkus.http.port");
        Matcher portDefault = Pattern.compile("(\\d+)\\}?\\s*$").matcher(port);
        if (!portDefault.find()) {
            throw new IllegalStateException(name + ": quarkus.http.port has no default port: " + port);
        }
        boolean signs = text.contains("BITFINEX_API_KEY") || text.contains("own key");
        boolean webSocket = sourcesMention(dir.resolve("src/main/java"), "BitfinexWebSocketClient");
        Path dockerfile = dir.resolve("src/main/docker/Dockerfile.jvm");
        Optional<Integer> exposed = Optional.empty();
        if (Files.exists(dockerfile)) {
            Matcher expose = EXPOSE.matcher(read(dockerfile));
            exposed = expose.find() ? Optional.of(Integer.parseInt(expose.group(1))) : Optional.empty();
        }
        return new ServiceModule(name, dir, Integer.parseInt(portDefault.group(1)), defaults, known, topics, signs,
                webSocket, exposed);
    }

    private static boolean sourcesMention(Path sources, String word) {
        if (!Files.isDirectory(sources)) {
            return false;
        }
        try (Stream<Path> files = Files.walk(sources)) {
            return files.filter(f -> f.toString().endsWith(".java")).anyMatch(f -> read(f).contains(word));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
