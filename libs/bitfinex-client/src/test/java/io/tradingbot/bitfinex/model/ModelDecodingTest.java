package io.tradingbot.bitfinex.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** Fixtures transcribed from docs.bitfinex.com examples and the captures quoted in the protocol reference. */
class ModelDecodingTest {

    static JsonNode json(String text) {
        try {
            return BitfinexJson.mapper().readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    // docs.bitfinex.com ws-auth-orders, "os" example (META object filled in)
    static final String ORDER_32 = "[34930659963,null,1574955083558,\"tETHUSD\",1574955083558,1574955083573,0.201104,"
            + "0.201104,\"EXCHANGE LIMIT\",null,null,null,0,\"ACTIVE\",null,null,120,0,0,0,null,null,null,0,0,null,"
            + "null,null,\"BFX\",null,null,{\"aff_code\":\"abc\"}]";

    @Test
    void orderOf32FieldsDecodesByIndex() {
        Order order = Order.fromArray(json(ORDER_32));
        assertThat(order.id()).isEqualTo(34930659963L);
        assertThat(order.gid()).isNull();
        assertThat(order.cid()).isEqualTo(1574955083558L);
        assertThat(order.symbol()).isEqualTo("tETHUSD");
        assertThat(order.mtsCreate()).isEqualTo(1574955083558L);
        assertThat(order.mtsUpdate()).isEqualTo(1574955083573L);
        assertThat(order.amount()).isEqualByComparingTo("0.201104");
        assertThat(order.amount().toPlainString()).isEqualTo("0.201104");
        assertThat(order.amountOrig()).isEqualByComparingTo("0.201104");
        assertThat(order.type()).isEqualTo("EXCHANGE LIMIT");
        assertThat(order.typePrev()).isNull();
        assertThat(order.flags()).isZero();
        assertThat(order.status()).isEqualTo("ACTIVE");
        assertThat(order.state()).isEqualTo(Order.State.ACTIVE);
        assertThat(order.price()).isEqualByComparingTo("120");
        assertThat(order.priceAvg()).isEqualByComparingTo("0");
        assertThat(order.notifyOnFill()).isFalse();
        assertThat(order.hidden()).isFalse();
        assertThat(order.placedId()).isNull();
        assertThat(order.routing()).isEqualTo("BFX");
        assertThat(order.meta().get("aff_code").asText()).isEqualTo("abc");
        assertThat(order.raw().size()).isEqualTo(32);
        assertThat(order.filledAmount()).isEqualByComparingTo("0");
    }

    @Test
    void olderShortOrderOf26FieldsAndLongerFutureOnesAreTolerated() {
        // 2017-style frame: ends at PLACED_ID
        Order shortOrder = Order.fromArray(json("[1151349678,null,1507566015312,\"tBTCUSD\",1507566015312,"
                + "1507566015330,-0.02,-0.05,\"EXCHANGE LIMIT\",null,null,null,4096,"
                + "\"PARTIALLY FILLED @ 4500.0(-0.03)\",null,null,4500,4500,0,0,null,null,null,0,1,1151349679]"));
        assertThat(shortOrder.amount()).isEqualByComparingTo("-0.02");
        assertThat(shortOrder.filledAmount()).isEqualByComparingTo("-0.03");
        assertThat(shortOrder.state()).isEqualTo(Order.State.PARTIALLY_FILLED);
        assertThat(shortOrder.hasFlag(OrderFlags.POST_ONLY)).isTrue();
        assertThat(shortOrder.hidden()).isTrue();
        assertThat(shortOrder.placedId()).isEqualTo(1151349679L);
        assertThat(shortOrder.routing()).isNull();
        assertThat(shortOrder.meta()).isNull();

        String longer = ORDER_32.substring(0, ORDER_32.length() - 1) + ",\"future\",42]";
        Order longOrder = Order.fromArray(json(longer));
        assertThat(longOrder.id()).isEqualTo(34930659963L);
        assertThat(longOrder.meta().get("aff_code").asText()).isEqualTo("abc");
        assertThat(longOrder.raw().size()).isEqualTo(34);
    }

    @Test
    void orderStatusTextsMapToStates() {
        assertThat(withStatus("EXECUTED @ 916.2(0.78): was PARTIALLY FILLED @ 915.9(0.22)").state())
                .isEqualTo(Order.State.EXECUTED);
        assertThat(withStatus("CANCELED was: PARTIALLY FILLED @ 915.9(0.22)").state()).isEqualTo(Order.State.CANCELED);
        assertThat(withStatus("POSTONLY CANCELED").state()).isEqualTo(Order.State.POSTONLY_CANCELED);
        assertThat(withStatus("INSUFFICIENT MARGIN was: ACTIVE").state()).isEqualTo(Order.State.INSUFFICIENT_MARGIN);
        assertThat(withStatus("RSN_DUST").state()).isEqualTo(Order.State.RSN_DUST);
        assertThat(withStatus("ACTIVE").state().isOpen()).isTrue();
        assertThat(withStatus("EXECUTED @ 1(1)").state().isOpen()).isFalse();
    }

    @Test
    void anOrderEndedWithAFillWhenItIsOverAndExecutedSomeOfItsAmount() {
        assertThat(withStatus("EXECUTED @ 1(1)").endedWithFill()).isTrue();
        // A market order that emptied the book, an IOC, a limit cancelled by hand: 0.22 of 1 is in the account.
        assertThat(withStatus("CANCELED was: PARTIALLY FILLED @ 915.9(0.22)", "0.78").endedWithFill()).isTrue();
        assertThat(withStatus("IOC CANCELED was: PARTIALLY FILLED @ 915.9(0.22)", "0.78").endedWithFill()).isTrue();
        assertThat(withStatus("INSUFFICIENT BALANCE was: PARTIALLY FILLED @ 915.9(0.22)", "0.78").endedWithFill())
                .isTrue();
        assertThat(withStatus("CANCELED", "1").endedWithFill()).isFalse();
        assertThat(withStatus("IOC CANCELED", "1").endedWithFill()).isFalse();
        // Still open: more may fill.
        assertThat(withStatus("PARTIALLY FILLED @ 915.9(0.22)", "0.78").endedWithFill()).isFalse();
        assertThat(withStatus("SOMETHING NEW", "0.78").endedWithFill()).isFalse();
    }

    private static Order withStatus(String status) {
        return withStatus(status, "0");
    }

    /** An order of 1 with {@code remaining} of it left. */
    private static Order withStatus(String status, String remaining) {
        return Order.fromArray(json("[1,null,2,\"tBTCUSD\",3,4," + remaining + ",1,\"LIMIT\",null,null,null,0,\"" + status
                + "\"]"));
    }

    @Test
    void positionDecodesAllFieldsAndToleratesNullsBeforeCalc() {
        // docs.bitfinex.com rest-auth-positions example shape
        Position p = Position.fromArray(json("[\"tETHUSD\",\"ACTIVE\",-0.2,167.01,0,0,-0.19,-0.0031,1000.5,5.6,null,"
                + "142355652,1574002216000,1574002216000,null,0,null,0,0.87,{\"reason\":\"TRADE\",\"order_id\":34271018124}]"));
        assertThat(p.symbol()).isEqualTo("tETHUSD");
        assertThat(p.isActive()).isTrue();
        assertThat(p.amount()).isEqualByComparingTo("-0.2");
        assertThat(p.basePrice()).isEqualByComparingTo("167.01");
        assertThat(p.marginFundingType()).isZero();
        assertThat(p.pl()).isEqualByComparingTo("-0.19");
        assertThat(p.plPerc()).isEqualByComparingTo("-0.0031");
        assertThat(p.priceLiq()).isEqualByComparingTo("1000.5");
        assertThat(p.leverage()).isEqualByComparingTo("5.6");
        assertThat(p.positionId()).isEqualTo(142355652L);
        assertThat(p.mtsCreate()).isEqualTo(1574002216000L);
        assertThat(p.type()).isZero();
        assertThat(p.collateral()).isEqualByComparingTo("0");
        assertThat(p.collateralMin()).isEqualByComparingTo("0.87");
        assertThat(p.meta().get("order_id").asLong()).isEqualTo(34271018124L);

        // paper capture on ps: PL..LEVERAGE and times null until a calc
        Position ws = Position.fromArray(json("[\"tTESTBTC:TESTUSD\",\"ACTIVE\",0.001,43000,0,0,null,null,null,null,"
                + "null,1,null,null,null,0,null,0,null,null]"));
        assertThat(ws.pl()).isNull();
        assertThat(ws.leverage()).isNull();
        assertThat(ws.mtsCreate()).isNull();
        assertThat(ws.meta()).isNull();
    }

    @Test
    void walletDecodesWithAndWithoutAvailableBalance() {
        Wallet captured = Wallet.fromArray(json("[\"exchange\",\"TESTBTC\",2.1047932,0,null,null,null]"));
        assertThat(captured.type()).isEqualTo("exchange");
        assertThat(captured.currency()).isEqualTo("TESTBTC");
        assertThat(captured.balance().toPlainString()).isEqualTo("2.1047932");
        assertThat(captured.balanceAvailable()).isNull();

        Wallet full = Wallet.fromArray(json("[\"exchange\",\"UST\",19788.6529257,0,19788.6529257,"
                + "\"Exchange 0.4 LTC for UST @ 65.075\",{\"reason\":\"TRADE\",\"order_id\":96812960017,"
                + "\"trade_price\":\"65.075\",\"trade_amount\":\"-0.4\"}]"));
        assertThat(full.balanceAvailable()).isEqualByComparingTo("19788.6529257");
        assertThat(full.description()).isEqualTo("Exchange 0.4 LTC for UST @ 65.075");
        assertThat(full.meta().get("order_id").asLong()).isEqualTo(96812960017L);
    }

    @Test
    void accountTradeDecodesTeWithoutFeeAndTuWithFee() {
        AccountTrade te = AccountTrade.fromArray(json("[402088407,\"tETHUST\",1574963975602,34938060782,-0.2,153.57,"
                + "\"MARKET\",0,-1,null,null,0]"));
        assertThat(te.id()).isEqualTo(402088407L);
        assertThat(te.symbol()).isEqualTo("tETHUST");
        assertThat(te.orderId()).isEqualTo(34938060782L);
        assertThat(te.execAmount()).isEqualByComparingTo("-0.2");
        assertThat(te.execPrice()).isEqualByComparingTo("153.57");
        assertThat(te.isMaker()).isFalse();
        assertThat(te.fee()).isNull();
        assertThat(te.feeCurrency()).isNull();
        assertThat(te.cid()).isZero();

        AccountTrade tu = AccountTrade.fromArray(json("[402088407,\"tETHUST\",1574963975602,34938060782,-0.2,153.57,"
                + "\"MARKET\",0,-1,-0.061668,\"USD\",1574963975000]"));
        assertThat(tu.fee()).isEqualByComparingTo("-0.061668");
        assertThat(tu.feeCurrency()).isEqualTo("USD");
        assertThat(tu.cid()).isEqualTo(1574963975000L);
    }

    @Test
    void notificationNormalisesTimeAndDecodesFlatOrArrayOrderData() {
        Notification rest = Notification.fromArray(json("[1567590617.442,\"on-req\",null,null,[[30630788061,null,"
                + "1567590617439,\"tBTCUSD\",1567590617439,1567590617439,0.001,0.001,\"LIMIT\",null,null,null,0,"
                + "\"ACTIVE\",null,null,15,0,0,0,null,null,null,0,null,null,null,null,\"API>BFX\",null,null,null]],"
                + "null,\"SUCCESS\",\"Submitting 1 orders.\"]"));
        assertThat(rest.mts()).isEqualTo(1567590617442L);
        assertThat(rest.type()).isEqualTo("on-req");
        assertThat(rest.isSuccess()).isTrue();
        assertThat(rest.text()).isEqualTo("Submitting 1 orders.");
        assertThat(rest.orders()).singleElement().satisfies(o -> {
            assertThat(o.id()).isEqualTo(30630788061L);
            assertThat(o.routing()).isEqualTo("API>BFX");
        });

        Notification cancel = Notification.fromArray(json("[1653325121,\"oc-req\",null,null,[16662905539,null,1,"
                + "\"tBTCUSD\",1,2,0.002,0.002,\"EXCHANGE LIMIT\",null,null,null,0,\"ACTIVE\"],null,\"SUCCESS\","
                + "\"Submitted for cancellation; waiting for confirmation (ID: 16662905539).\"]"));
        assertThat(cancel.mts()).isEqualTo(1653325121000L);
        assertThat(cancel.orders()).extracting(Order::id).containsExactly(16662905539L);

        Notification rejected = Notification.fromArray(json("[1700000000000,\"on-req\",null,null,[null,null,"
                + "1700000000001,\"tBTCUSD\",null,null,0.0001,0.0001,\"EXCHANGE LIMIT\",null,null,null,0,null,null,"
                + "null,43000,0,0,0,null,null,null,0,null,null,null,null,null,null,null,null],null,\"ERROR\","
                + "\"Invalid order: minimum size for BTC/USD is 0.002\"]"));
        assertThat(rejected.mts()).isEqualTo(1700000000000L);
        assertThat(rejected.isError()).isTrue();
        assertThat(rejected.orders()).singleElement().satisfies(o -> {
            assertThat(o.id()).isNull();
            assertThat(o.cid()).isEqualTo(1700000000001L);
        });
        assertThat(rejected.code()).isNull();
    }

    @Test
    void marginInfoBaseAndSymbol() {
        MarginInfoBase base = MarginInfoBase.fromArray(json("[\"base\",[-13.014640000000007,0,49331.70267297,"
                + "49318.68803297,27]]"));
        assertThat(base.userPl()).isEqualByComparingTo("-13.014640000000007");
        assertThat(base.userSwaps()).isEqualByComparingTo("0");
        assertThat(base.marginBalance()).isEqualByComparingTo("49331.70267297");
        assertThat(base.marginNet()).isEqualByComparingTo("49318.68803297");
        assertThat(base.marginMin()).isEqualByComparingTo("27");

        MarginInfoSymbol sym = MarginInfoSymbol.fromArray(json("[\"sym\",\"tBTCUSD\",[49318.68803297,"
                + "49331.70267297,0.5,1.2]]"));
        assertThat(sym.symbol()).isEqualTo("tBTCUSD");
        assertThat(sym.tradableBalance()).isEqualByComparingTo("49318.68803297");
        assertThat(sym.grossBalance()).isEqualByComparingTo("49331.70267297");
        assertThat(sym.buy()).isEqualByComparingTo("0.5");
        assertThat(sym.sell()).isEqualByComparingTo("1.2");
    }

    @Test
    void publicRecords() {
        Ticker t = Ticker.fromArray(json("[10645,73.93854271,10647,75.22266119,731.60645389,0.0738,10644.00645389,"
                + "14480.89849423,10766,9889.1449809]"));
        assertThat(t.bid()).isEqualByComparingTo("10645");
        assertThat(t.askSize()).isEqualByComparingTo("75.22266119");
        assertThat(t.dailyChangeRelative()).isEqualByComparingTo("0.0738");
        assertThat(t.lastPrice()).isEqualByComparingTo("10644.00645389");
        assertThat(t.low()).isEqualByComparingTo("9889.1449809");

        TradingTickerRow row = TradingTickerRow.fromArray(json("[\"tBTCUSD\",10645,73.93854271,10647,75.22266119,"
                + "731.60645389,0.0738,10644.00645389,14480.89849423,10766,9889.1449809]"));
        assertThat(row.symbol()).isEqualTo("tBTCUSD");
        assertThat(row.ticker()).isEqualTo(t);

        Candle c = Candle.fromArray(json("[1678465320000,20097,20094,20097,20094,0.07870351]"));
        assertThat(c.mts()).isEqualTo(1678465320000L);
        assertThat(c.open()).isEqualByComparingTo("20097");
        assertThat(c.close()).isEqualByComparingTo("20094");
        assertThat(c.high()).isEqualByComparingTo("20097");
        assertThat(c.low()).isEqualByComparingTo("20094");
        assertThat(c.volume()).isEqualByComparingTo("0.07870351");

        PublicTrade trade = PublicTrade.fromArray(json("[1325189917,1678463797151,-0.00128714,20155]"));
        assertThat(trade.id()).isEqualTo(1325189917L);
        assertThat(trade.takerBought()).isFalse();
        assertThat(trade.price()).isEqualByComparingTo("20155");

        PairInfo pair = PairInfo.fromArray(json("[\"BTCUSD\",[null,null,null,\"0.00006\",\"2000.0\",null,null,null,"
                + "0.2,0.1]]"));
        assertThat(pair.pair()).isEqualTo("BTCUSD");
        assertThat(pair.symbol()).isEqualTo("tBTCUSD");
        assertThat(pair.minOrderSize()).isEqualByComparingTo("0.00006");
        assertThat(pair.maxOrderSize()).isEqualByComparingTo("2000.0");
        assertThat(pair.initialMargin()).isEqualByComparingTo("0.2");
        assertThat(pair.minMargin()).isEqualByComparingTo("0.1");

        BalanceInfo bu = BalanceInfo.fromArray(json("[1.12,1.10]"));
        assertThat(bu.aum().toPlainString()).isEqualTo("1.12");
        assertThat(bu.aumNet().toPlainString()).isEqualTo("1.10");
    }

    @Test
    void decimalsKeepTheirWireDigitsAndNeverPassThroughDouble() {
        // 0.1 + 0.2 style values that double would corrupt
        Wallet w = Wallet.fromArray(json("[\"margin\",\"USD\",0.30000000000000001,0,null,null,null]"));
        assertThat(w.balance()).isEqualTo(new BigDecimal("0.30000000000000001"));
    }
}
