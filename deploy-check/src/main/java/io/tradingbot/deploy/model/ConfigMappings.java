package io.tradingbot.deploy.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The environment variables of the {@code @ConfigMapping} interfaces in a source tree, read from the source: prefix and
 * methods, one level of nested groups (e.g. {@code bitfinex.api-key} → {@code BITFINEX_API_KEY},
 * {@code gateway.services.risk} → {@code GATEWAY_SERVICES_RISK}). Map-valued members have free keys and are skipped.
 */
public final class ConfigMappings {
    private static final Pattern PREFIX = Pattern.compile("@ConfigMapping\\(\\s*prefix\\s*=\\s*\"([^\"]+)\"");
    private static final Pattern NESTED = Pattern.compile("\\binterface\\s+(\\w+)\\s*\\{");
    private static final Pattern METHOD = Pattern.compile("([\\w.<>?,\\s\\[\\]]+?)\\s+(\\w+)\\(\\)\\s*;");

    private ConfigMappings() {
    }

    public static Set<String> environmentVariables(Path sourceRoot) {
        Set<String> env = new LinkedHashSet<>();
        if (!Files.isDirectory(sourceRoot)) {
            return env;
        }
        try (Stream<Path> files = Files.walk(sourceRoot)) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(f -> env.addAll(ofSource(read(f))));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return env;
    }

    static Set<String> ofSource(String source) {
        Set<String> env = new LinkedHashSet<>();
        Matcher prefix = PREFIX.matcher(source);
        if (!prefix.find()) {
            return env;
        }
        String code = source.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\\n]*", "");
        code = code.replaceAll("@\\w+(\\([^)]*\\))?", " ");
        int open = code.indexOf('{', code.indexOf("interface"));
        String body = code.substring(open + 1, closing(code, open));

        // Nested groups, cut out of the top-level body.
        Map<String, String> groups = new HashMap<>();
        StringBuilder top = new StringBuilder();
        int from = 0;
        Matcher nested = NESTED.matcher(body);
        while (nested.find(from)) {
            int groupOpen = nested.end() - 1;
            int groupClose = closing(body, groupOpen);
            top.append(body, from, nested.start());
            groups.put(nested.group(1), body.substring(groupOpen + 1, groupClose));
            from = groupClose + 1;
        }
        top.append(body.substring(from));

        Matcher method = METHOD.matcher(top);
        while (method.find()) {
            String type = method.group(1).trim();
            String name = method.group(2);
            if (type.startsWith("Map<")) {
                continue;
            }
            String raw = type.replaceAll("^(Optional|List|Set)<(.*)>$", "$2");
            String path = prefix.group(1) + "." + kebab(name);
            if (groups.containsKey(raw)) {
                Matcher member = METHOD.matcher(groups.get(raw));
                while (member.find()) {
                    if (!member.group(1).trim().startsWith("Map<")) {
                        env.add(Suite.envName(path + "." + kebab(member.group(2))));
                    }
                }
            } else {
                env.add(Suite.envName(path));
            }
        }
        return env;
    }

    private static int closing(String text, int open) {
        int depth = 0;
        for (int i = open; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i;
            }
        }
        throw new IllegalArgumentException("unbalanced braces in a @ConfigMapping source");
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
