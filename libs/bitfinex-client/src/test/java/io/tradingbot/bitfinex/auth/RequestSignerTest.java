package io.tradingbot.bitfinex.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

import io.tradingbot.bitfinex.model.BitfinexJson;
import io.tradingbot.bitfinex.model.OrderRequest;
import io.tradingbot.bitfinex.model.OrderType;

/**
 * Expected signatures were computed outside the client, with openssl:
 * {@code printf '%s' '<message>' | openssl dgst -sha384 -hmac '<secret>'}.
 */
class RequestSignerTest {

    @Test
    void restSignatureCoversApiPrefixPathNonceAndBody() {
        // printf '%s' '/api/v2/auth/r/wallets1718000000000000{}' | openssl dgst -sha384 -hmac 'secret'
        assertThat(new RequestSigner("secret").signRest("auth/r/wallets", 1718000000000000L, "{}"))
                .isEqualTo("06d65526ad157750ee38d186979a1ce7dda6491a5ae6d712005967fb216dd6c6"
                        + "99f39fbed0f1d9708264273f7281c655");
    }

    @Test
    void webSocketAuthSignatureCoversAuthPlusNonce() {
        // printf '%s' 'AUTH1718000000000000' | openssl dgst -sha384 -hmac 'secret'
        String payload = RequestSigner.authPayload(1718000000000000L);
        assertThat(payload).isEqualTo("AUTH1718000000000000");
        assertThat(new RequestSigner("secret").hmac(payload))
                .isEqualTo("f689c3cc363ac84b6326673c86237c245960d37b816d4e6613e340855358891e"
                        + "f6b312cd4cc522a3afc9f611c5b246a8");
    }

    @Test
    void orderSubmitBodyIsSignedExactlyAsSentWithDecimalStrings() throws Exception {
        OrderRequest order = OrderRequest.builder(OrderType.EXCHANGE_LIMIT, "tBTCUSD", new BigDecimal("0.5"))
                .price(new BigDecimal("43000.10")).build();
        String body = BitfinexJson.mapper().writeValueAsString(order.toBody());
        assertThat(body).isEqualTo("{\"type\":\"EXCHANGE LIMIT\",\"symbol\":\"tBTCUSD\",\"amount\":\"0.5\",\"price\":\"43000.10\"}");
        // printf '%s' '/api/v2/auth/w/order/submit1718000000000001{"type":"EXCHANGE LIMIT","symbol":"tBTCUSD",
        //   "amount":"0.5","price":"43000.10"}' | openssl dgst -sha384 -hmac 'k3y-S3cr3t'
        assertThat(new RequestSigner("k3y-S3cr3t").signRest("auth/w/order/submit", 1718000000000001L, body))
                .isEqualTo("9bfbd8c578090a06091d48df7d53c08eb2bce1ffb21996b62893e16565545ca5"
                        + "a3dff9f427940ed3f3a9a02c3f2529b7");
    }

    @Test
    void signerNeverPrintsItsSecret() {
        assertThat(new RequestSigner("top-secret-value").toString()).doesNotContain("top-secret-value");
    }
}
