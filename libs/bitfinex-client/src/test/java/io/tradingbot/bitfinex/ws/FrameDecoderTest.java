package io.tradingbot.bitfinex.ws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.tradingbot.bitfinex.model.BitfinexJson;
import io.tradingbot.bitfinex.model.Order;

/** Channel frames as documented on docs.bitfinex.com (ws-auth-*, ws-public-*) and in the reference captures. */
class FrameDecoderTest {

    private static final String ORDER = "[34930659963,null,1574955083558,\"tETHUSD\",1574955083558,1574955354487,"
            + "0.201104,0.201104,\"EXCHANGE LIMIT\",null,null,null,0,\"CANCELED\",null,null,120,0,0,0,null,null,null,"
            + "0,0,null,null,null,\"BFX\",null,null,{}]";
    private static final String POSITION = "[\"tBTCUSD\",\"ACTIVE\",0.001,43000,0,0,null,null,null,null,null,"
            + "142355652,null,null,null,0,null,0,null,null]";
    private static final String WALLET = "[\"exchange\",\"BTC\",1,0,null,null,null]";
    private static final String TRADE = "[402088407,\"tBTCUSD\",1574963975602,34938060782,0.001,43000,"
            + "\"EXCHANGE MARKET\",null,-1,null,null,123]";

    static JsonNode json(String text) {
        try {
            return BitfinexJson.mapper().readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    static AccountEvent account(String frame) {
        return FrameDecoder.account(json(frame)).orElseThrow();
    }

    @Test
    void heartbeatsDecodeToNothing() {
        assertThat(FrameDecoder.account(json("[0,\"hb\"]"))).isEmpty();
        assertThat(FrameDecoder.market("ticker", "tBTCUSD", json("[17470,\"hb\"]"))).isEmpty();
    }

    @Test
    void orderEvents() {
        AccountEvent os = account("[0,\"os\",[" + ORDER + "," + ORDER + "]]");
        assertThat(os).isInstanceOfSatisfying(AccountEvent.OrdersSnapshot.class,
                e -> assertThat(e.orders()).hasSize(2));
        assertThat(account("[0,\"os\",[]]")).isInstanceOfSatisfying(AccountEvent.OrdersSnapshot.class,
                e -> assertThat(e.orders()).isEmpty());
        assertThat(account("[0,\"on\"," + ORDER + "]")).isInstanceOfSatisfying(AccountEvent.OrderNew.class,
                e -> assertThat(e.order().id()).isEqualTo(34930659963L));
        assertThat(account("[0,\"ou\"," + ORDER + "]")).isInstanceOf(AccountEvent.OrderUpdated.class);
        AccountEvent oc = account("[0,\"oc\"," + ORDER + "]");
        assertThat(oc).isInstanceOfSatisfying(AccountEvent.OrderClosed.class, e -> {
            assertThat(e.order().state()).isEqualTo(Order.State.CANCELED);
            assertThat(e.raw().size()).isEqualTo(32);
        });
        assertThat(oc.type()).isEqualTo("oc");
    }

    @Test
    void positionWalletBalanceAndMarginEvents() {
        assertThat(account("[0,\"ps\",[" + POSITION + "]]")).isInstanceOfSatisfying(
                AccountEvent.PositionsSnapshot.class, e -> assertThat(e.positions()).hasSize(1));
        for (String type : new String[] {"pn", "pu", "pc"}) {
            assertThat(account("[0,\"" + type + "\"," + POSITION + "]")).isInstanceOfSatisfying(
                    AccountEvent.PositionChanged.class, e -> {
                        assertThat(e.type()).isEqualTo(type);
                        assertThat(e.position().positionId()).isEqualTo(142355652L);
                    });
        }
        assertThat(account("[0,\"ws\",[" + WALLET + "]]")).isInstanceOfSatisfying(AccountEvent.WalletsSnapshot.class,
                e -> assertThat(e.wallets()).singleElement().satisfies(w -> assertThat(w.currency()).isEqualTo("BTC")));
        assertThat(account("[0,\"wu\"," + WALLET + "]")).isInstanceOfSatisfying(AccountEvent.WalletUpdated.class,
                e -> assertThat(e.wallet().balance()).isEqualByComparingTo("1"));
        assertThat(account("[0,\"bu\",[1.12,1.10]]")).isInstanceOfSatisfying(AccountEvent.BalanceUpdated.class,
                e -> assertThat(e.balance().aum()).isEqualByComparingTo("1.12"));
        assertThat(account("[0,\"miu\",[\"base\",[-13.01,0,49331.7,49318.6,27]]]")).isInstanceOfSatisfying(
                AccountEvent.MarginInfoUpdated.class, e -> {
                    assertThat(e.base().marginMin()).isEqualByComparingTo("27");
                    assertThat(e.symbol()).isNull();
                });
        assertThat(account("[0,\"miu\",[\"sym\",\"tETHUSD\",[149361.09689202,149639.26293509,1.1,2.2]]]"))
                .isInstanceOfSatisfying(AccountEvent.MarginInfoUpdated.class, e -> {
                    assertThat(e.symbol().symbol()).isEqualTo("tETHUSD");
                    assertThat(e.base()).isNull();
                });
    }

    @Test
    void tradeAndNotificationEvents() {
        assertThat(account("[0,\"te\"," + TRADE + "]")).isInstanceOfSatisfying(AccountEvent.TradeEvent.class, e -> {
            assertThat(e.isFinal()).isFalse();
            assertThat(e.trade().fee()).isNull();
            assertThat(e.trade().cid()).isEqualTo(123L);
        });
        String tu = TRADE.replace("-1,null,null,123", "-1,-0.000002,\"BTC\",123");
        assertThat(account("[0,\"tu\"," + tu + "]")).isInstanceOfSatisfying(AccountEvent.TradeEvent.class, e -> {
            assertThat(e.isFinal()).isTrue();
            assertThat(e.trade().fee()).isEqualByComparingTo("-0.000002");
            assertThat(e.trade().feeCurrency()).isEqualTo("BTC");
        });
        AccountEvent n = account("[0,\"n\",[1575282446099,\"on-req\",null,null," + ORDER.replace("CANCELED", "ACTIVE")
                + ",null,\"SUCCESS\",\"Submitting exchange limit buy order for 0.2 ETH.\"]]");
        assertThat(n).isInstanceOfSatisfying(AccountEvent.NotificationEvent.class, e -> {
            assertThat(e.notification().type()).isEqualTo("on-req");
            assertThat(e.notification().isSuccess()).isTrue();
            assertThat(e.notification().orders()).singleElement()
                    .satisfies(o -> assertThat(o.cid()).isEqualTo(1574955083558L));
        });
        assertThat(account("[0,\"fos\",[]]")).isInstanceOfSatisfying(AccountEvent.Other.class,
                e -> assertThat(e.type()).isEqualTo("fos"));
    }

    @Test
    void publicChannelFrames() {
        assertThat(FrameDecoder.market("ticker", "tBTCUSD", json("[2,[10645,73.9,10647,75.2,731.6,0.0738,10644,"
                + "14480.9,10766,9889.1,null]]"))).hasValueSatisfying(e -> assertThat(e)
                .isInstanceOfSatisfying(MarketEvent.TickerUpdate.class, t -> {
                    assertThat(t.symbol()).isEqualTo("tBTCUSD");
                    assertThat(t.ticker().lastPrice()).isEqualByComparingTo("10644");
                }));
        assertThat(FrameDecoder.market("candles", "trade:1m:tBTCUSD", json("[343351,[[1574698260000,7379.785503,"
                + "7383.8,7388.3,7379.785503,1.68829482],[1574698200000,7399.9,7379.7,7399.9,7371.8,41.63633658]]]")))
                .hasValueSatisfying(e -> assertThat(e).isInstanceOfSatisfying(MarketEvent.CandlesSnapshot.class,
                        s -> assertThat(s.candles()).hasSize(2)));
        assertThat(FrameDecoder.market("candles", "trade:1m:tBTCUSD", json("[343351,[1574698260000,7379.785503,"
                + "7383.8,7388.3,7379.785503,1.68829482]]"))).hasValueSatisfying(e -> assertThat(e)
                .isInstanceOfSatisfying(MarketEvent.CandleUpdate.class,
                        u -> assertThat(u.candle().close()).isEqualByComparingTo("7383.8")));
        assertThat(FrameDecoder.market("trades", "tBTCUSD", json("[17470,[[401597395,1574694478808,0.005,7245.3],"
                + "[401597393,1574694478807,-0.004,7245.2]]]"))).hasValueSatisfying(e -> assertThat(e)
                .isInstanceOfSatisfying(MarketEvent.TradesSnapshot.class, s -> assertThat(s.trades()).hasSize(2)));
        assertThat(FrameDecoder.market("trades", "tBTCUSD", json("[17470,\"te\",[401597395,1574694478808,0.005,"
                + "7245.3]]"))).hasValueSatisfying(e -> assertThat(e)
                .isInstanceOfSatisfying(MarketEvent.TradeUpdate.class, u -> {
                    assertThat(u.type()).isEqualTo("te");
                    assertThat(u.trade().takerBought()).isTrue();
                }));
        assertThat(FrameDecoder.market("trades", "tBTCUSD", json("[17470,[]]"))).hasValueSatisfying(
                e -> assertThat(e).isInstanceOf(MarketEvent.TradesSnapshot.class));
    }
}
