package io.tradingbot.benchmarks.stack;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Price updates through the simulator's bulk admin API ({@code POST /sim/market/prices}) at a target rate: every
 * {@code batchMillis} one request carries the updates due since the last one, round robin over the symbols, each a
 * small move around 100 (±0.1 %: candles and tickers change, no strategy band is crossed). One request per update
 * ({@code PUT /sim/market/{symbol}/price}) topped out near 1,000/s, far below the 20,000/s to be measured. At most
 * {@code inFlight} requests are outstanding; updates that fall due meanwhile go into the next (bigger) request, so when
 * the simulator cannot keep up, the acknowledged rate says so.
 */
public final class PriceDriver implements UpdateSource, AutoCloseable {
    /** The simulator refuses bigger bodies (AdminResource.MAX_BULK_UPDATES). */
    static final int MAX_PER_REQUEST = 20_000;
    private static final BigDecimal[] PRICES = {new BigDecimal("99.9"), new BigDecimal("100"), new BigDecimal("100.1")};

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final URI endpoint;
    private final List<String> symbols;
    private final Semaphore inFlight;
    private final int maxInFlight;
    private final long batchNanos;
    private final AtomicLong ok = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong requests = new AtomicLong();
    /** Updates sent over the driver's life: keeps each symbol's 99.9 → 100 → 100.1 cycle going across steps. */
    private long sequence;

    public PriceDriver(String simulatorUrl, List<String> symbols, int inFlight, int batchMillis) {
        if (batchMillis < 1) {
            throw new IllegalArgumentException("batchMillis must be >= 1");
        }
        this.endpoint = URI.create(simulatorUrl + "/sim/market/prices");
        this.symbols = symbols;
        this.inFlight = new Semaphore(inFlight);
        this.maxInFlight = inFlight;
        this.batchNanos = batchMillis * 1_000_000L;
    }

    @Override
    public Outcome drive(double perSecond, Duration duration) throws InterruptedException {
        long okBefore = ok.get();
        long failedBefore = failed.get();
        long start = System.nanoTime();
        long total = (long) (perSecond * duration.toNanos() / 1e9);
        long sent = 0;
        while (sent < total) {
            long now = System.nanoTime();
            long due = Math.min(total, (long) ((now - start) * perSecond / 1e9));
            if (due > sent) {
                // waits here while maxInFlight requests are outstanding; what falls due meanwhile joins the next one
                inFlight.acquire();
                due = Math.min(total, Math.max(due, (long) ((System.nanoTime() - start) * perSecond / 1e9)));
                int count = (int) Math.min(MAX_PER_REQUEST, due - sent);
                send(count);
                sent += count;
                if (sent < due) {
                    continue; // a backlog bigger than one request: send the rest right away
                }
            }
            long next = now + batchNanos - System.nanoTime();
            if (next > 0) {
                Thread.sleep(next / 1_000_000, (int) (next % 1_000_000));
            }
        }
        // let the last requests answer, so they are counted in this step
        inFlight.acquire(maxInFlight);
        inFlight.release(maxInFlight);
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Outcome(sent, ok.get() - okBefore, failed.get() - failedBefore, seconds);
    }

    /** Requests sent so far (how the updates were batched). */
    public long requests() {
        return requests.get();
    }

    /** The body of {@code count} updates, continuing the round robin; a symbol's price cycles 99.9, 100, 100.1. */
    String body(int count) {
        StringBuilder body = new StringBuilder(count * 40 + 2).append('[');
        for (int i = 0; i < count; i++, sequence++) {
            String symbol = symbols.get((int) (sequence % symbols.size()));
            BigDecimal price = PRICES[(int) (sequence / symbols.size() % PRICES.length)];
            body.append(i == 0 ? "" : ",").append("{\"symbol\":\"").append(symbol).append("\",\"price\":\"")
                    .append(price.toPlainString()).append("\"}");
        }
        return body.append(']').toString();
    }

    private void send(int count) {
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body(count)))
                .build();
        requests.incrementAndGet();
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
            if (error == null && response.statusCode() / 100 == 2) {
                ok.addAndGet(count);
            } else {
                failed.addAndGet(count);
            }
            inFlight.release();
        });
    }

    @Override
    public void close() {
        http.close();
    }
}
