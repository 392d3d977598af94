package io.tradingbot.localstack;

/** The application of {@link ServiceJvmTest}: packaged alone as a quarkus-run.jar, run once to record, then from the cache. */
public final class AotTrainee {
    private AotTrainee() {
    }

    public static void main(String[] args) {
        System.out.println("trainee ran");
    }
}
