package io.tradingbot.benchmarks.jmh;

import io.tradingbot.bitfinex.auth.NonceGenerator;
import io.tradingbot.bitfinex.auth.RequestSigner;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;

/**
 * Bitfinex request signing as {@code libs/bitfinex-client} does it for every authenticated REST call (an order submit's
 * body), with a nonce from its generator. {@code signWithReusedMac} computes the same signature with one {@link Mac}
 * initialised once, the alternative to {@code Mac.getInstance} + {@code init} per call, to show what that costs.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RequestSigningBenchmark {
    private static final String PATH = "auth/w/order/submit";
    private static final String BODY = "{\"type\":\"EXCHANGE MARKET\",\"symbol\":\"tBTCUSD\",\"amount\":\"0.0311\","
            + "\"cid\":43260123,\"meta\":{\"aff_code\":\"tradingbot\",\"verdict\":\"verdict:rsi-ema:tBTCUSD:1m:1795608000000\"}}";

    private final String secret = "benchmark-secret-0123456789abcdefghijklmnopqrstuvwxyz";
    private RequestSigner signer;
    private NonceGenerator nonces;
    private Mac reused;

    @Setup
    public void signer() throws GeneralSecurityException {
        signer = new RequestSigner(secret);
        nonces = new NonceGenerator(NonceGenerator::wallClockMicros);
        reused = Mac.getInstance("HmacSHA384");
        reused.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA384"));
    }

    @Benchmark
    public String signRest() {
        return signer.signRest(PATH, nonces.next(), BODY);
    }

    @Benchmark
    public String signWithReusedMac() {
        String message = "/api/v2/" + PATH + nonces.next() + BODY;
        return HexFormat.of().formatHex(reused.doFinal(message.getBytes(StandardCharsets.UTF_8)));
    }
}
