package io.tradingbot.order.config;

import io.tradingbot.bitfinex.config.BitfinexClientConfig;
import io.tradingbot.simulator.testkit.SimulatorProcess;
import io.tradingbot.simulator.testkit.SimulatorProcess.Credentials;
import io.tradingbot.simulator.testkit.SimulatorProcess.WalletSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The start-up refusal, against the simulator's key permissions ({@code auth/r/permissions}). */
class KeyPermissionsTest {
    private static SimulatorProcess sim;

    @BeforeAll
    static void start() {
        sim = SimulatorProcess.start(List.of("-Dsim.seed=42", "-Dsim.clock.speed=0", "-Dsim.market.history-minutes=10"));
    }

    @AfterAll
    static void stop() {
        if (sim != null) {
            sim.close();
        }
    }

    @Test
    void aKeyThatCanTradeIsAccepted() {
        Credentials trader = sim.createAccount("trader", List.of("read", "write"),
                List.of(new WalletSpec("exchange", "USD", "100")));
        assertThatCode(() -> permissions(trader.apiKey(), trader.apiSecret()).requireOrderWrite()).doesNotThrowAnyException();
    }

    @Test
    void aReadOnlyKeyIsRefusedWithAMessageThatSaysWhy() {
        Credentials reader = sim.createAccount("reader", List.of("read"), List.of(new WalletSpec("exchange", "USD", "100")));
        assertThatThrownBy(() -> permissions(reader.apiKey(), reader.apiSecret()).requireOrderWrite())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("lacks the 'orders' write permission");
    }

    @Test
    void anUnknownKeyIsRefusedWithTheExchangesWords() {
        assertThatThrownBy(() -> permissions("no-such-key", "no-such-secret").requireOrderWrite())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("refused").hasMessageContaining("apikey");
    }

    private static KeyPermissions permissions(String key, String secret) {
        BitfinexClientConfig client = BitfinexClientConfig.builder().baseUrl(sim.baseUrl()).credentials(key, secret)
                .requestTimeout(Duration.ofSeconds(5)).build();
        return new KeyPermissions(client, new OrderConfig() {
            public String account() {
                return "test";
            }

            public Duration lookupTimeout() {
                return Duration.ofSeconds(5);
            }

            public Duration lookupBackoff() {
                return Duration.ofMillis(100);
            }

            public Entry entry() {
                return Entry.WEBSOCKET;
            }

            public Duration wsAnswerTimeout() {
                return Duration.ofSeconds(10);
            }

            public Duration maxVerdictAge() {
                return Duration.ofMinutes(1);
            }

            public Duration entryTimeInForce() {
                return Duration.ofMinutes(10);
            }

            public Duration partialFillGrace() {
                return Duration.ofSeconds(10);
            }

            public boolean exitOrders() {
                return true;
            }

            public Duration exitCheckWindow() {
                return Duration.ofHours(48);
            }

            public ExitRetry exitRetry() {
                return new ExitRetry() {
                    public int attempts() {
                        return 10;
                    }

                    public Duration firstDelay() {
                        return Duration.ofSeconds(1);
                    }

                    public Duration maxDelay() {
                        return Duration.ofMinutes(1);
                    }
                };
            }

            public Duration exitFeeWait() {
                return Duration.ofMillis(500);
            }

            public boolean deadManSwitch() {
                return true;
            }

            public boolean checkPermissions() {
                return true;
            }

            public Journal journal() {
                return new Journal() {
                    public Duration lookback() {
                        return Duration.ofHours(48);
                    }

                    public Duration ackTimeout() {
                        return Duration.ofSeconds(10);
                    }
                };
            }
        });
    }
}
