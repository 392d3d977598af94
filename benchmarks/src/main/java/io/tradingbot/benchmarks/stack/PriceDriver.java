package io.tradingbot.benchmarks.stack;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Price updates through the simulator's admin API ({@code PUT /sim/market/{symbol}/price}) at a target rate, round robin
 * over the symbols, each a small move around 100 (±0.1 %: candles and tickers change, no strategy band is crossed). At
 * most {@code inFlight} requests are outstanding; when the simulator cannot keep up, the achieved rate says so.
 */
public final class PriceDriver implements UpdateSource, AutoCloseable {
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String simulatorUrl;
    private final List<String> symbols;
    private final Semaphore inFlight;
    private final int maxInFlight;
    private final AtomicLong ok = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    public PriceDriver(String simulatorUrl, List<String> symbols, int inFlight) {
        this.simulatorUrl = simulatorUrl;
        this.symbols = symbols;
        this.inFlight = new Semaphore(inFlight);
        this.maxInFlight = inFlight;
    }

    @Override
    public Outcome drive(double perSecond, Duration duration) throws InterruptedException {
        long okBefore = ok.get();
        long failedBefore = failed.get();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        double intervalNanos = 1e9 / perSecond;
        long sent = 0;
        while (true) {
            long due = start + (long) (sent * intervalNanos);
            if (due >= end) {
                break;
            }
            long now = System.nanoTime();
            if (due > now) {
                long sleep = due - now;
                if (sleep > 200_000) {
                    Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
                }
                continue;
            }
            inFlight.acquire();
            send(symbols.get((int) (sent % symbols.size())), sent);
            sent++;
        }
        // let the last requests answer, so they are counted in this step
        inFlight.acquire(maxInFlight);
        inFlight.release(maxInFlight);
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Outcome(sent, ok.get() - okBefore, failed.get() - failedBefore, seconds);
    }

    private void send(String symbol, long n) {
        // 100 × (1 ± 0.001 × (n mod 3 − 1)): 99.9, 100, 100.1, ...
        BigDecimal price = new BigDecimal(100).add(new BigDecimal("0.1").multiply(BigDecimal.valueOf(n % 3 - 1)));
        HttpRequest request = HttpRequest.newBuilder(URI.create(simulatorUrl + "/sim/market/" + symbol + "/price"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(String.format(Locale.ROOT, "{\"price\":\"%s\"}",
                        price.toPlainString())))
                .build();
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
            if (error == null && response.statusCode() / 100 == 2) {
                ok.incrementAndGet();
            } else {
                failed.incrementAndGet();
            }
            inFlight.release();
        });
    }

    @Override
    public void close() {
        http.close();
    }
}
