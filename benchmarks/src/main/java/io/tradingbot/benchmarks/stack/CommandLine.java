package io.tradingbot.benchmarks.stack;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The {@code --name value} options of a probe's command line, each given once. */
final class CommandLine {
    private CommandLine() {
    }

    /**
     * The options by name, without the dashes; empty once {@code --help} has printed {@code usage}. A word that is not an
     * option, or an option without its value, prints the usage and exits with status 2.
     */
    static Optional<Map<String, String>> parse(String[] args, String usage) {
        Map<String, String> opts = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--help")) {
                System.out.println(usage);
                return Optional.empty();
            }
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                System.err.println("unknown or incomplete option '" + args[i] + "'\n" + usage);
                System.exit(2);
            }
            opts.put(args[i].substring(2), args[++i]);
        }
        return Optional.of(opts);
    }
}
