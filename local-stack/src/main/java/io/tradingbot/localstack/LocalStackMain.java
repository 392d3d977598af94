package io.tradingbot.localstack;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./run.sh} (or {@code mvn -pl local-stack exec:java}): starts the whole stack, prints where everything is and
 * how to get a token, and stops every process on Ctrl+C / SIGTERM.
 */
public final class LocalStackMain {

    static final String USAGE = """
            Usage: ./run.sh [--build] [--live] [--free-ports] [--port-offset N] [--no-auth] [--jvm-defaults] [--log-dir DIR] [--help]

            Starts TradingBot on this machine: a Kafka broker, the exchange simulator (a Bitfinex paper exchange with a
            funded paper account) and the six services, then prints the URLs. Ctrl+C stops everything.

              --build          rebuild (mvn -B -q install -DskipTests) even if every jar is there   [run.sh only]
              --live           trade on Bitfinex itself, with REAL MONEY: needs BITFINEX_API_KEY/BITFINEX_API_SECRET
                               (order-service: orders read+write) and BITFINEX_ACCOUNT_API_KEY/BITFINEX_ACCOUNT_API_SECRET
                               (account-service: read), two different keys of your account
              --free-ports     every process on a free port instead of 8080-8085, 8090, 9092
              --port-offset N  add N to every fixed port (or TRADINGBOT_PORT_OFFSET)
              --no-auth        the gateway's AUTH_REQUIRED=false: every endpoint open, no token needed
              --jvm-defaults   the services' JVMs sized by the JVM itself instead of serial GC, 96-128 MB heaps,
                               C1 only where it costs nothing, and an AOT cache per service
              --log-dir DIR    one log file per process (default .run/logs, or TRADINGBOT_LOG_DIR)
              --help           this text

            Environment: TRADINGBOT_ADMIN_PASSWORD (the gateway's admin password; generated and printed when unset).
            """;

    private LocalStackMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        LocalStackOptions options;
        try {
            options = parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println();
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        if (options == null) {
            System.out.print(USAGE);
            return;
        }
        if (options.live()) {
            System.err.println("""
                    ************************************************************************
                    *  LIVE MODE: TradingBot trades on Bitfinex itself, with REAL MONEY.   *
                    *  Every approved signal becomes a real order on your account.          *
                    ************************************************************************""");
        }
        System.out.println("Starting TradingBot (Kafka, " + (options.live() ? "Bitfinex" : "exchange simulator")
                + ", six services); logs in " + logDirOf(options) + " ...");
        long started = System.nanoTime();
        LocalStack stack;
        try {
            stack = LocalStack.start(options);
        } catch (RuntimeException e) {
            System.err.println("TradingBot did not start: " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping TradingBot ...");
            stack.close();
            System.out.println("Stopped: no process of the stack is left.");
            stopped.countDown();
        }, "local-stack-main-shutdown"));
        printBanner(System.out, stack, System.getenv("TRADINGBOT_ADMIN_PASSWORD") == null
                || System.getenv("TRADINGBOT_ADMIN_PASSWORD").isBlank(), (System.nanoTime() - started) / 1_000_000);
        stopped.await();
    }

    private static Path logDirOf(LocalStackOptions options) {
        return options.logDir() != null ? options.logDir().toAbsolutePath().normalize()
                : options.resolvedRepoRoot().resolve(".run/logs");
    }

    /** The options from the command line and environment; null when only the help was asked for. */
    static LocalStackOptions parse(String[] args, Map<String, String> env) {
        LocalStackOptions.Builder builder = LocalStackOptions.builder();
        String password = env.get("TRADINGBOT_ADMIN_PASSWORD");
        if (password != null && !password.isBlank()) {
            builder.adminPassword(password);
        }
        String offset = env.get("TRADINGBOT_PORT_OFFSET");
        if (offset != null && !offset.isBlank()) {
            builder.portOffset(parseOffset(offset));
        }
        String logDir = env.get("TRADINGBOT_LOG_DIR");
        if (logDir != null && !logDir.isBlank()) {
            builder.logDir(Path.of(logDir));
        }
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--help", "-h" -> {
                    return null;
                }
                case "--live" -> builder.live(true);
                case "--free-ports" -> builder.freePorts(true);
                case "--no-auth" -> builder.authRequired(false);
                case "--jvm-defaults" -> builder.serviceJvm(ServiceJvm.JVM_DEFAULTS);
                case "--build" -> {
                    // handled by run.sh
                }
                case "--port-offset" -> builder.portOffset(parseOffset(value(args, ++i, "--port-offset")));
                case "--log-dir" -> builder.logDir(Path.of(value(args, ++i, "--log-dir")));
                default -> throw new IllegalArgumentException("Unknown option: " + args[i]);
            }
        }
        return builder.build();
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static int parseOffset(String text) {
        try {
            int value = Integer.parseInt(text.trim());
            if (value < 0 || value > 50_000) {
                throw new IllegalArgumentException("The port offset must be between 0 and 50000: " + text);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("The port offset must be a number: " + text);
        }
    }

    static void printBanner(PrintStream out, LocalStack stack, boolean passwordGenerated, long startMillis) {
        String gateway = display(stack.gatewayUrl());
        String hostPort = gateway.replaceFirst("^http://", "");
        String body = "{\"username\":\"admin\",\"password\":\"" + jsonEscape(stack.adminPassword()) + "\"}";
        out.println();
        out.println("TradingBot is running" + (stack.options().live() ? " on Bitfinex (REAL MONEY)"
                : " on the exchange simulator (paper money)") + ", ready after " + startMillis + " ms.");
        out.println("  Gateway:     " + gateway);
        out.println("  Swagger UI:  " + gateway + "/q/swagger-ui");
        out.println("  WebSocket:   " + display(stack.gatewayWebSocketUrl()));
        out.println("  Admin user:  admin, password " + stack.adminPassword()
                + (passwordGenerated ? "   (generated for this run; set TRADINGBOT_ADMIN_PASSWORD to choose one)" : ""));
        out.println("  Get a token: curl -s -X POST " + hostPort + "/api/v2/auth/ws-token"
                + " -H 'Content-Type: application/json' -d '" + body.replace("'", "'\\''") + "'");
        if (!stack.options().authRequired()) {
            out.println("  Auth:        OFF (AUTH_REQUIRED=false): every endpoint is open without a token");
        }
        for (StackService s : List.of(StackService.MARKET_DATA, StackService.STRATEGY, StackService.RISK,
                StackService.ORDER, StackService.ACCOUNT)) {
            out.printf("  %-20s %s%n", s.module() + ":", display(stack.serviceUrl(s.module())));
        }
        if (!stack.options().live()) {
            out.printf("  %-20s %s   (Bitfinex API v2 under /v2, admin API under /sim)%n", "exchange-simulator:",
                    display(stack.simulatorUrl()));
        }
        out.printf("  %-20s %s%n", "Kafka:", stack.kafkaBootstrapServers());
        out.println("  Logs:        " + stack.logDir());
        out.println("Ctrl+C stops everything.");
        out.flush();
    }

    private static String display(String url) {
        return url.replace("127.0.0.1", "localhost");
    }

    private static String jsonEscape(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
