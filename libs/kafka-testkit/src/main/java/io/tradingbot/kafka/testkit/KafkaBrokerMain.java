package io.tradingbot.kafka.testkit;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The broker of the local stack, as a process of its own: {@code --port} (default 9092, or {@code KAFKA_PORT}),
 * {@code --controller-port} (default 9093), {@code --data-dir} (default {@code .run/kafka}, kept across runs so compacted
 * topics such as the risk limits survive a restart). Prints one line when clients can connect and stops on SIGTERM/Ctrl+C.
 */
public final class KafkaBrokerMain {
    private KafkaBrokerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        int port = Integer.parseInt(option(args, "--port", env("KAFKA_PORT", "9092")));
        int controllerPort = Integer.parseInt(option(args, "--controller-port", env("KAFKA_CONTROLLER_PORT", "9093")));
        Path dataDir = Path.of(option(args, "--data-dir", env("KAFKA_DATA_DIR", ".run/kafka"))).toAbsolutePath();

        long started = System.nanoTime();
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder()
                .port(port)
                .controllerPort(controllerPort)
                .dataDir(dataDir)
                .start();
        System.out.printf("Kafka broker ready on %s (data in %s) after %d ms%n", broker.bootstrapServers(), dataDir,
                (System.nanoTime() - started) / 1_000_000);

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.stop();
            stopped.countDown();
        }, "kafka-broker-shutdown"));
        stopped.await();
    }

    private static String option(String[] args, String name, String fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
