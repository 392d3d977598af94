package io.tradingbot.deploy.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** YAML in: docker-compose.yml, manifest files, and kustomizations rendered by {@code kubectl kustomize}. */
public final class Manifests {
    private static final YAMLMapper YAML = new YAMLMapper(new YAMLFactory());

    private Manifests() {
    }

    public static JsonNode readOne(Path file) {
        try {
            return YAML.readTree(file.toFile());
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    public static List<JsonNode> readAll(String yaml) {
        List<JsonNode> documents = new ArrayList<>();
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(yaml)) {
            while (it.hasNext()) {
                JsonNode document = it.next();
                if (document != null && !document.isNull() && !document.isMissingNode()) {
                    documents.add(document);
                }
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot parse YAML", e);
        }
        return documents;
    }

    /**
     * The resources a kustomization lists, read from the files, following directories that are kustomizations
     * themselves. Of its patches only the ConfigMap ones are applied (their {@code data} merged, a null removing a key),
     * so that the wiring an overlay changes is checked without kubectl; {@link #render} applies them all.
     */
    public static List<JsonNode> readDirectly(Path kustomization) {
        List<JsonNode> documents = new ArrayList<>();
        JsonNode spec = readOne(kustomization.resolve("kustomization.yaml"));
        for (JsonNode resource : spec.path("resources")) {
            Path path = kustomization.resolve(resource.asText()).normalize();
            if (Files.isDirectory(path)) {
                documents.addAll(readDirectly(path));
            } else {
                try {
                    documents.addAll(readAll(Files.readString(path)));
                }
                catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + path, e);
                }
            }
        }
        for (JsonNode patch : spec.path("patches")) {
            if (patch.has("path")) {
                Path path = kustomization.resolve(patch.path("path").asText()).normalize();
                try {
                    readAll(Files.readString(path)).stream().filter(p -> p.path("kind").asText().equals("ConfigMap"))
                            .forEach(p -> mergeConfigMap(documents, p));
                }
                catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + path, e);
                }
            }
        }
        return documents;
    }

    private static void mergeConfigMap(List<JsonNode> documents, JsonNode patch) {
        String name = patch.path("metadata").path("name").asText();
        documents.stream().filter(d -> d.path("kind").asText().equals("ConfigMap")
                        && d.path("metadata").path("name").asText().equals(name))
                .forEach(target -> patch.path("data").fields().forEachRemaining(entry -> {
                    com.fasterxml.jackson.databind.node.ObjectNode data =
                            (com.fasterxml.jackson.databind.node.ObjectNode) target.path("data");
                    if (entry.getValue().isNull()) {
                        data.remove(entry.getKey());
                    } else {
                        data.set(entry.getKey(), entry.getValue());
                    }
                }));
    }

    /** The kubectl on PATH, if there is one. */
    public static Optional<Path> kubectl() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, "kubectl");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** What {@code kubectl kustomize <dir>} renders: the manifests as they would be applied. */
    public static List<JsonNode> render(Path kubectl, Path kustomization) {
        try {
            Process process = new ProcessBuilder(kubectl.toString(), "kustomize", kustomization.toString())
                    .redirectErrorStream(false).start();
            byte[] out = process.getInputStream().readAllBytes();
            String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("kubectl kustomize " + kustomization + " failed: " + err);
            }
            return readAll(new String(out, StandardCharsets.UTF_8));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
