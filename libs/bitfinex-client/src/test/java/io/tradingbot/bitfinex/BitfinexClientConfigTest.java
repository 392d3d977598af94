package io.tradingbot.bitfinex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.tradingbot.bitfinex.config.BitfinexClientConfig;

class BitfinexClientConfigTest {

    @Test
    void defaultsPointAtBitfinex() {
        BitfinexClientConfig config = BitfinexClientConfig.builder().build();
        assertThat(config.publicRestUrl()).hasToString("https://api-pub.bitfinex.com");
        assertThat(config.authRestUrl()).hasToString("https://api.bitfinex.com");
        assertThat(config.webSocketUrl()).hasToString("wss://api.bitfinex.com/ws/2");
        assertThat(config.hasCredentials()).isFalse();
    }

    @Test
    void baseUrlPointsEverythingAtTheSimulator() {
        BitfinexClientConfig config = BitfinexClientConfig.builder().baseUrl("http://127.0.0.1:8090/").build();
        assertThat(config.publicRestUrl()).hasToString("http://127.0.0.1:8090");
        assertThat(config.authRestUrl()).hasToString("http://127.0.0.1:8090");
        assertThat(config.webSocketUrl()).hasToString("ws://127.0.0.1:8090/ws/2");
    }

    @Test
    void secretNeverAppearsInToString() {
        BitfinexClientConfig config = BitfinexClientConfig.builder().credentials("myApiKey123", "s3cr3t-VALUE").build();
        assertThat(config.toString()).doesNotContain("s3cr3t-VALUE").doesNotContain("myApiKey123").contains("myAp***");
    }

    @Test
    void keyWithoutSecretIsRefused() {
        assertThatThrownBy(() -> BitfinexClientConfig.builder().credentials("k", null).build())
                .isInstanceOf(IllegalArgumentException.class);
    }
}
