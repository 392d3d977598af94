package io.tradingbot.risk.service;

import io.tradingbot.events.AccountSnapshot;
import io.tradingbot.events.AccountSummary;
import io.tradingbot.events.ActiveOrder;
import io.tradingbot.events.FilledEntry;
import io.tradingbot.events.MarginInfo;
import io.tradingbot.events.Position;
import io.tradingbot.events.RiskLevel;
import io.tradingbot.events.RiskLimits;
import io.tradingbot.events.Side;
import io.tradingbot.events.Wallet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Every rule at, just under and just over its limit, with the seed's default limits unless a test says otherwise. */
class RiskAssessorTest {
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final RiskLimits SEED = RiskLimits.defaults(NOW);
    private static final PairRules BTCUSD = new PairRules("tBTCUSD", "BTC", "USD", dec("0.00004"), 8);
    private static final PairRules ETHUSD = new PairRules("tETHUSD", "ETH", "USD", dec("0.001"), 8);
    private static final BigDecimal PRICE = dec("50000");

    private final RiskAssessor assessor = new RiskAssessor(dec("0.20"), Duration.ofMinutes(2), dec("1.5"),
            "EXCHANGE MARKET", dec("0.002"));

    @Test
    void aHealthyAccountBuysTheCappedSizeWithExitsOnBothSides() {
        Assessment a = assess(Side.BUY, account(wallets("10000", "1"), List.of(), summary("60000", null, null)));
        assertThat(a.canTrade()).isTrue();
        assertThat(a.riskLevel()).isEqualTo(RiskLevel.LOW);
        // 20% of 10,000 USD / 50,000 = 0.04 BTC, capped at the max position size 0.01.
        assertThat(a.amount()).isEqualByComparingTo("0.01");
        assertThat(a.stopLoss()).isEqualByComparingTo("49000");
        assertThat(a.takeProfit()).isEqualByComparingTo("52500");
        assertThat(a.reasons()).contains("size 0.01 BTC: the max position size of 0.01 BTC");
    }

    @Test
    void aMarginSellMirrorsTheExits() {
        RiskAssessor margin = new RiskAssessor(dec("0.20"), Duration.ofMinutes(2), dec("1.5"), "MARKET", dec("0.002"));
        Assessment a = margin.assess("tBTCUSD", Side.SELL, PRICE, SEED, Optional.of(state(account(wallets("10000", "1"),
                List.of(), summary("60000", null, null)))), BTCUSD, NOW);
        assertThat(a.canTrade()).isTrue();
        assertThat(a.closes()).isNull();
        assertThat(a.stopLoss()).isEqualByComparingTo("51000");
        assertThat(a.takeProfit()).isEqualByComparingTo("47500");
    }

    @Test
    void sizeIsTwentyPercentOfTheAvailableBalanceRoundedDown() {
        // 20% of 1,234.56 USD / 50,000 = 0.0049382400 -> 0.00493824 (8 decimals, down).
        Assessment a = assess(Side.BUY, account(wallets("1234.56", "0"), List.of(), summary("1234.56", null, null)));
        assertThat(a.amount()).isEqualByComparingTo("0.00493824");
        RiskLimits perSymbol = new RiskLimits(dec("0.01"), Map.of("tBTCUSD", dec("0.002")), dec("3"), 3, dec("5"),
                dec("2"), dec("5"), NOW, "test");
        Assessment capped = assessor.assess("tBTCUSD", Side.BUY, PRICE, perSymbol,
                Optional.of(state(account(wallets("1234.56", "0"), List.of(), summary("1234.56", null, null)))), BTCUSD,
                NOW);
        assertThat(capped.amount()).isEqualByComparingTo("0.002");
    }

    @ParameterizedTest(name = "available {0} USD -> tradable {1}")
    @CsvSource({"10.03, true", "10.00, false", "9.99, false"})
    void belowThePairsMinimumIsNotTradable(String usd, boolean tradable) {
        // 20% of 10 USD / 50,000 = 0.00004 BTC: exactly the minimum, but 0.00003992 after a 0.2 % fee, which its exit sells.
        Assessment a = assess(Side.BUY, account(wallets(usd, "0"), List.of(), summary(usd, null, null)));
        assertThat(a.canTrade()).isEqualTo(tradable);
        if (!tradable) {
            assertThat(a.riskLevel()).isEqualTo(RiskLevel.HIGH);
            assertThat(a.amount()).isNull();
        }
        if (usd.equals("10.00")) {
            assertThat(a.reasons()).anyMatch(r -> r.startsWith("order size 0.00004 BTC") && r.endsWith("leaves 0.00003992 "
                    + "BTC after a fee of up to 0.2%, below tBTCUSD's minimum of 0.00004: its exit could not be placed"));
        }
        if (usd.equals("9.99")) {
            assertThat(a.reasons()).anyMatch(r -> r.startsWith("order size 0.00003996 BTC")
                    && r.endsWith("is below tBTCUSD's minimum of 0.00004"));
        }
        if (tradable) {
            assertThat(a.amount()).isEqualByComparingTo("0.00004012");
        }
    }

    @Test
    void aSpotSellClosesTheBotsTradeAndNeverSellsTheUsersCoins() {
        // 1 BTC the user holds, and the bot's long trade: the exit OCO of its filled buy, both legs holding 0.00998 BTC.
        List<ActiveOrder> exit = List.of(exitOfALong(15, "tBTCUSD", "-0.00998"), exitOfALong(16, "tBTCUSD", "-0.00998"));
        Assessment close = assess(Side.SELL, account(wallets("10000", "1"), List.of(), summary("60000", null, null),
                exit));
        assertThat(close.canTrade()).isTrue();
        assertThat(close.closes()).isEqualTo("verdict:tBTCUSD");
        assertThat(close.amount()).isEqualByComparingTo("0.00998");
        assertThat(close.orderType()).isEqualTo("EXCHANGE MARKET");
        assertThat(close.stopLoss()).isNull();
        assertThat(close.takeProfit()).isNull();
        assertThat(close.reasons()).contains("closes the long trade verdict:tBTCUSD in tBTCUSD: its exit is cancelled "
                + "and the 0.00998 BTC its exit order 15 holds are sold at market");

        // The same coins without a trade of the bot: nothing is sold, whatever the wallet holds.
        Assessment users = assess(Side.SELL, account(wallets("10000", "1"), List.of(), summary("60000", null, null)));
        assertThat(users.canTrade()).isFalse();
        assertThat(users.amount()).isNull();
        assertThat(users.reasons()).containsExactly("no long trade of the bot is open in tBTCUSD: on spot a SELL "
                + "closes the bot's own trade, and coins the bot did not buy are not sold");

        // An entry still on the book has nothing to sell yet; a trade worth less than the pair's minimum stays as it is.
        Assessment unfilled = assess(Side.SELL, account(wallets("10000", "1"), List.of(), summary("60000", null, null),
                List.of(new ActiveOrder(12, 2L, "tBTCUSD", "EXCHANGE LIMIT", dec("0.01"), dec("0.01"), dec("49000"),
                        ActiveOrder.ENTRY, "verdict:b"))));
        assertThat(unfilled.canTrade()).isFalse();
        assertThat(unfilled.reasons()).containsExactly("the long trade verdict:b in tBTCUSD has not filled yet (its "
                + "entry order 12 is on the exchange): none of it can be sold yet");
        Assessment dust = assess(Side.SELL, account(wallets("10000", "1"), List.of(), summary("60000", null, null),
                List.of(exitOfALong(15, "tBTCUSD", "-0.00003"))));
        assertThat(dust.canTrade()).isFalse();
        assertThat(dust.reasons()).contains("the long trade verdict:tBTCUSD in tBTCUSD holds 0.00003 BTC, below "
                + "tBTCUSD's minimum of 0.00004: its exit stays on the exchange");
    }

    @Test
    void aSpotCloseIsAllowedWithTheKillSwitchOnButNotOnAStaleAccount() {
        AccountSnapshot longBtc = account(wallets("10000", "1"), List.of(), summary("9000", null, null),
                List.of(exitOfALong(15, "tBTCUSD", "-0.004")));
        Assessment killed = assessor.assess("tBTCUSD", Side.SELL, PRICE, SEED, Optional.of(new RiskAssessor.AccountState(
                longBtc, NOW, dec("10000"), Optional.of("drawdown 10% reached the 5% limit"))), BTCUSD, NOW);
        assertThat(killed.canTrade()).isTrue();
        assertThat(killed.amount()).isEqualByComparingTo("0.004");
        assertThat(killed.reasons()).contains("kill switch is on (drawdown 10% reached the 5% limit): a close is still "
                + "allowed, it takes risk off");
        Assessment stale = assessor.assess("tBTCUSD", Side.SELL, PRICE, SEED, Optional.of(new RiskAssessor.AccountState(
                longBtc, NOW.minusSeconds(121), dec("10000"), Optional.empty())), BTCUSD, NOW);
        assertThat(stale.canTrade()).isFalse();
        assertThat(stale.reasons()).containsExactly(
                "account snapshot is 121 s old, more than the 120 s it can be trusted for");
    }

    @Test
    void aBuySizesItselfFromWhatTheApprovalsBeforeItLeft() {
        AccountSnapshot snapshot = account(wallets("1000", "0"), List.of(), summary("1000", null, null));
        // An ETH buy approved a moment ago spends 0.25 × 2,000 = 500 USD that the snapshot still shows.
        Commitment eth = assessor.commitment("verdict:eth", "tETHUSD", Side.BUY, dec("0.25"), dec("2000"), ETHUSD, NOW);
        assertThat(eth.spend()).isEqualByComparingTo("500");
        assertThat(eth.currency()).isEqualTo("USD");
        // 20% of the 500 USD left / 50,000 = 0.002 BTC, where the snapshot alone would give 0.004.
        Assessment a = assessor.assess("tBTCUSD", Side.BUY, PRICE, SEED, Optional.of(state(snapshot, List.of(eth))),
                BTCUSD, NOW);
        assertThat(a.amount()).isEqualByComparingTo("0.002");
        assertThat(a.reasons()).contains("size 0.002 BTC: 20% of 500 USD available at 50000 "
                + "(after 500 USD for orders approved and not in the account yet)");
        assertThat(assess(Side.BUY, snapshot).amount()).isEqualByComparingTo("0.004");
    }

    @Test
    void aTradeIsClosedOnceAndAnApprovedBuyIsNotSoldBeforeItIsInTheAccount() {
        AccountSnapshot longBtc = account(wallets("10000", "1"), List.of(), summary("60000", null, null),
                List.of(exitOfALong(15, "tBTCUSD", "-0.004")));
        Commitment closing = assessor.commitment("verdict:close", "tBTCUSD", Side.SELL, dec("0.004"), PRICE, BTCUSD,
                NOW);
        assertThat(closing.closes()).isTrue();
        Assessment again = assessor.assess("tBTCUSD", Side.SELL, PRICE, SEED,
                Optional.of(state(longBtc, List.of(closing))), BTCUSD, NOW);
        assertThat(again.canTrade()).isFalse();
        assertThat(again.reasons()).containsExactly(
                "a close of the long trade in tBTCUSD was approved moments ago (verdict:close)");
        // A close opens nothing: it is not counted as a position of another symbol's buy.
        Assessment eth = assessor.assess("tETHUSD", Side.BUY, dec("2000"), SEED, Optional.of(state(account(
                wallets("10000", "1"), List.of(), summary("60000", null, null)), List.of(closing))), ETHUSD, NOW);
        assertThat(eth.reasons()).contains("0 of 3 positions open");

        Commitment bought = assessor.commitment("verdict:buy", "tBTCUSD", Side.BUY, dec("0.004"), PRICE, BTCUSD, NOW);
        Assessment early = assessor.assess("tBTCUSD", Side.SELL, PRICE, SEED, Optional.of(state(account(
                wallets("10000", "1"), List.of(), summary("60000", null, null)), List.of(bought))), BTCUSD, NOW);
        assertThat(early.canTrade()).isFalse();
        assertThat(early.reasons()).containsExactly("the long trade in tBTCUSD approved moments ago (verdict:buy) is "
                + "not in the account yet: none of it can be sold yet");
    }

    @Test
    void marginApprovalsNotInTheAccountYetCountAsOpenPositions() {
        RiskAssessor margin = new RiskAssessor(dec("0.20"), Duration.ofMinutes(2), dec("1.5"), "MARKET", dec("0.002"));
        AccountSnapshot flat = account(wallets("10000", "0"), List.of(), summary("10000", null, null));
        List<Commitment> three = List.of("tETHUSD", "tLTCUSD", "tXRPUSD").stream().map(symbol -> margin.commitment(
                "verdict:" + symbol, symbol, Side.BUY, dec("1"), dec("10"), usd(symbol), NOW)).toList();
        Assessment fourth = margin.assess("tBTCUSD", Side.BUY, PRICE, SEED, Optional.of(state(flat, three)), BTCUSD,
                NOW);
        assertThat(fourth.canTrade()).isFalse();
        assertThat(fourth.reasons()).contains(
                "3 positions are open or approved (3 not in the account yet), the limit is 3");

        Commitment btc = margin.commitment("verdict:btc", "tBTCUSD", Side.BUY, dec("0.001"), PRICE, BTCUSD, NOW);
        Assessment again = margin.assess("tBTCUSD", Side.BUY, PRICE, SEED, Optional.of(state(flat, List.of(btc))),
                BTCUSD, NOW);
        assertThat(again.canTrade()).isFalse();
        assertThat(again.reasons()).contains(
                "a long position in tBTCUSD was approved moments ago (verdict:btc) and is not in the account yet");
        Assessment opposite = margin.assess("tBTCUSD", Side.SELL, PRICE, SEED, Optional.of(state(flat, List.of(btc))),
                BTCUSD, NOW);
        assertThat(opposite.canTrade()).isTrue();

        // Spot approvals open trades just the same.
        List<Commitment> spot = List.of("tETHUSD", "tLTCUSD", "tXRPUSD").stream().map(symbol -> assessor.commitment(
                "verdict:" + symbol, symbol, Side.BUY, dec("1"), dec("10"), usd(symbol), NOW)).toList();
        Assessment spotFourth = assessor.assess("tBTCUSD", Side.BUY, PRICE, SEED, Optional.of(state(flat, spot)), BTCUSD,
                NOW);
        assertThat(spotFourth.canTrade()).isFalse();
        assertThat(spotFourth.reasons()).contains(
                "3 positions are open or approved (3 not in the account yet), the limit is 3");
    }

    @Test
    void theBotsSpotTradesAreOpenPositionsWhileTheirOrdersAreOnTheExchange() {
        // Spot buys are wallet balances on Bitfinex; a trade is open while its entry or its exit order is.
        List<ActiveOrder> orders = List.of(
                exitOfALong(11, "tETHUSD", "-0.5"),
                new ActiveOrder(12, 2L, "tLTCUSD", "EXCHANGE LIMIT", dec("3"), dec("3"), dec("70"), ActiveOrder.ENTRY,
                        "verdict:ltc"),
                exitOfALong(13, "tLTCUSD", "-1"));
        AccountSnapshot twoTrades = account(wallets("10000", "1"), List.of(), summary("60000", null, null), orders);
        Assessment third = assess(Side.BUY, twoTrades);
        assertThat(third.canTrade()).isTrue();
        assertThat(third.reasons()).contains("this would be position 3 of at most 3");

        List<ActiveOrder> three = new ArrayList<>(orders);
        three.add(exitOfALong(14, "tXRPUSD", "-100"));
        Assessment fourth = assess(Side.BUY, account(wallets("10000", "1"), List.of(), summary("60000", null, null),
                three));
        assertThat(fourth.canTrade()).isFalse();
        assertThat(fourth.reasons()).contains("3 positions are open, the limit is 3");

        // The bot's long trade in the symbol refuses another buy; a sale closes it.
        AccountSnapshot longBtc = account(wallets("10000", "1"), List.of(), summary("60000", null, null),
                List.of(exitOfALong(15, "tBTCUSD", "-0.004")));
        Assessment again = assess(Side.BUY, longBtc);
        assertThat(again.canTrade()).isFalse();
        assertThat(again.reasons()).contains(
                "a long trade in tBTCUSD is already open (its exit order 15 is on the exchange)");
        Assessment sell = assess(Side.SELL, longBtc);
        assertThat(sell.canTrade()).isTrue();
        assertThat(sell.closes()).isEqualTo("verdict:tBTCUSD");
        assertThat(sell.amount()).isEqualByComparingTo("0.004");
    }

    @Test
    void aFilledEntryWithoutItsExitIsAnOpenTradeThatASellCloses() {
        // The bot's buy of 0.01 BTC filled; its exit is not on the exchange (being placed again, or refused).
        FilledEntry bought = new FilledEntry(31, "tBTCUSD", "verdict:unexited", dec("0.01"), dec("50000"),
                NOW.toEpochMilli());
        AccountSnapshot unprotected = account(wallets("10000", "1.00998"), List.of(), summary("60000", null, null),
                List.of(), List.of(bought));

        Assessment again = assess(Side.BUY, unprotected);
        assertThat(again.canTrade()).isFalse();
        assertThat(again.reasons()).contains("a long trade in tBTCUSD is already open (its entry order 31 filled and "
                + "its exit is not on the exchange)");
        Assessment elsewhere = assessor.assess("tETHUSD", Side.BUY, dec("2000"), SEED,
                Optional.of(state(unprotected)), usd("tETHUSD"), NOW);
        assertThat(elsewhere.reasons()).contains("1 of 3 positions open");

        // A sale closes it: at most what the entry bought, never more than the wallet holds.
        Assessment close = assess(Side.SELL, unprotected);
        assertThat(close.canTrade()).isTrue();
        assertThat(close.closes()).isEqualTo("verdict:unexited");
        assertThat(close.amount()).isEqualByComparingTo("0.01");
        assertThat(close.orderType()).isEqualTo("EXCHANGE MARKET");
        assertThat(close.reasons()).contains("closes the long trade verdict:unexited in tBTCUSD, whose entry order 31 "
                + "filled and whose exit is not on the exchange: the 0.01 BTC it bought are sold at market, less the "
                + "entry's fee");
        Assessment partlyGone = assess(Side.SELL, account(wallets("10000", "0.004"), List.of(),
                summary("60000", null, null), List.of(), List.of(bought)));
        assertThat(partlyGone.amount()).isEqualByComparingTo("0.004");
        Assessment dust = assess(Side.SELL, account(wallets("10000", "0.00002"), List.of(),
                summary("60000", null, null), List.of(), List.of(bought)));
        assertThat(dust.canTrade()).isFalse();
        assertThat(dust.reasons()).containsExactly("the long trade verdict:unexited in tBTCUSD has no exit on the "
                + "exchange and holds 0.00002 BTC (its entry bought 0.01, the exchange wallet has 0.00002 available), "
                + "below tBTCUSD's minimum of 0.00004: nothing is sold");

        // Its coins gone from the wallet altogether (sold by hand): the trade is over.
        Assessment soldByHand = assess(Side.BUY, account(wallets("10000", "0"), List.of(), summary("60000", null, null),
                List.of(), List.of(bought)));
        assertThat(soldByHand.canTrade()).isTrue();
        assertThat(soldByHand.reasons()).contains("0 of 3 positions open");
        // Coins reserved by an order of the user's are still in the wallet: the trade is still open.
        List<Wallet> reserved = List.of(new Wallet("exchange", "USD", dec("10000"), dec("0"), dec("10000")),
                new Wallet("exchange", "BTC", dec("0.01"), dec("0"), dec("0")));
        assertThat(assess(Side.BUY, account(reserved, List.of(), summary("60000", null, null), List.of(),
                List.of(bought))).canTrade()).isFalse();
    }

    @Test
    void coinsAndOrdersThatAreNotTheBotsCountAsNothing() {
        // 1 BTC held from the start and a limit order placed by hand (no role in its meta): no trade of the bot.
        AccountSnapshot snapshot = account(wallets("10000", "1"), List.of(), summary("60000", null, null),
                List.of(new ActiveOrder(21, null, "tBTCUSD", "EXCHANGE LIMIT", dec("-0.5"), dec("-0.5"), dec("90000"),
                        null, null)));
        Assessment a = assess(Side.BUY, snapshot);
        assertThat(a.canTrade()).isTrue();
        assertThat(a.reasons()).contains("0 of 3 positions open");
    }

    @ParameterizedTest(name = "{0} open positions -> can trade {1}, level {2}")
    @CsvSource({"1, true, LOW", "2, true, MEDIUM", "3, false, HIGH", "4, false, HIGH"})
    void openPositionsAtTheLimitRefuseANewOne(int open, boolean canTrade, RiskLevel level) {
        List<Position> positions = new ArrayList<>();
        for (String symbol : List.of("tETHUSD", "tLTCUSD", "tXRPUSD", "tSOLUSD").subList(0, open)) {
            positions.add(position(symbol, "0.1"));
        }
        Assessment a = assess(Side.BUY, account(wallets("10000", "0"), positions, summary("10000", null, null)));
        assertThat(a.canTrade()).isEqualTo(canTrade);
        assertThat(a.riskLevel()).isEqualTo(level);
        if (!canTrade) {
            assertThat(a.reasons()).contains(open + " positions are open, the limit is 3");
        }
    }

    @ParameterizedTest(name = "leverage {0} -> can trade {1}, level {2}")
    @CsvSource({"1.9, true, LOW", "2.01, true, MEDIUM", "3.0, true, MEDIUM", "3.01, false, HIGH"})
    void leverageAboveTheLimitIsRefused(String leverage, boolean canTrade, RiskLevel level) {
        Assessment a = assess(Side.BUY, account(wallets("10000", "0"), List.of(), summary("10000", leverage, null)));
        assertThat(a.canTrade()).isEqualTo(canTrade);
        assertThat(a.riskLevel()).isEqualTo(level);
        if (!canTrade) {
            assertThat(a.reasons()).contains("account leverage 3.01 is above the limit of 3");
        }
    }

    @ParameterizedTest(name = "margin level {0} -> can trade {1}, level {2}")
    @CsvSource({"1.49, false, HIGH", "1.5, true, MEDIUM", "2.99, true, MEDIUM", "3.0, true, LOW"})
    void marginLevelBelowItsMinimumIsRefused(String marginLevel, boolean canTrade, RiskLevel level) {
        Assessment a = assess(Side.BUY, account(wallets("10000", "0"), List.of(), summary("10000", null, marginLevel)));
        assertThat(a.canTrade()).isEqualTo(canTrade);
        assertThat(a.riskLevel()).isEqualTo(level);
    }

    @Test
    void aPositionAlreadyOpenInTheSameDirectionIsRefusedButTheOppositeReducesIt() {
        AccountSnapshot longBtc = account(wallets("10000", "1"), List.of(position("tBTCUSD", "0.01")),
                summary("60000", null, null));
        Assessment buy = assess(Side.BUY, longBtc);
        assertThat(buy.canTrade()).isFalse();
        assertThat(buy.reasons()).contains("a long position of 0.01 in tBTCUSD is already open");
        RiskAssessor margin = new RiskAssessor(dec("0.20"), Duration.ofMinutes(2), dec("1.5"), "MARKET", dec("0.002"));
        Assessment sell = margin.assess("tBTCUSD", Side.SELL, PRICE, SEED, Optional.of(state(longBtc)), BTCUSD, NOW);
        assertThat(sell.canTrade()).isTrue();
        assertThat(sell.reasons()).contains("reduces the open long position in tBTCUSD");
    }

    @ParameterizedTest(name = "equity {0} after a high of 10000 -> can trade {1}, level {2}")
    @CsvSource({"9751, true, LOW", "9750, true, MEDIUM", "9501, true, MEDIUM", "9500, false, HIGH", "9000, false, HIGH"})
    void drawdownAtItsLimitIsRefused(String equity, boolean canTrade, RiskLevel level) {
        AccountSnapshot snapshot = account(wallets("5000", "0"), List.of(), summary(equity, null, null));
        Assessment a = assessor.assess("tBTCUSD", Side.BUY, PRICE, SEED,
                Optional.of(new RiskAssessor.AccountState(snapshot, NOW, dec("10000"), Optional.empty())), BTCUSD, NOW);
        assertThat(a.canTrade()).isEqualTo(canTrade);
        assertThat(a.riskLevel()).isEqualTo(level);
        if (!canTrade && equity.equals("9500")) {
            assertThat(a.reasons()).contains("drawdown 5% from the high of 10000 USD has reached the 5% limit");
        }
    }

    @ParameterizedTest(name = "snapshot {0} s old -> can trade {1}")
    @CsvSource({"120, true", "121, false"})
    void aSnapshotTooOldToTrustIsRefused(long ageSeconds, boolean canTrade) {
        AccountSnapshot snapshot = account(wallets("10000", "0"), List.of(), summary("10000", null, null));
        Assessment a = assessor.assess("tBTCUSD", Side.BUY, PRICE, SEED, Optional.of(new RiskAssessor.AccountState(
                snapshot, NOW.minusSeconds(ageSeconds), dec("10000"), Optional.empty())), BTCUSD, NOW);
        assertThat(a.canTrade()).isEqualTo(canTrade);
        if (!canTrade) {
            assertThat(a.riskLevel()).isEqualTo(RiskLevel.HIGH);
            assertThat(a.reasons()).contains("account snapshot is 121 s old, more than the 120 s it can be trusted for");
        }
    }

    @Test
    void noSnapshotOrTheKillSwitchRefuses() {
        Assessment none = assessor.assess("tBTCUSD", Side.BUY, PRICE, SEED, Optional.empty(), BTCUSD, NOW);
        assertThat(none.canTrade()).isFalse();
        assertThat(none.riskLevel()).isEqualTo(RiskLevel.HIGH);
        assertThat(none.reasons()).containsExactly("no account snapshot yet: balances and positions are unknown");

        AccountSnapshot snapshot = account(wallets("10000", "0"), List.of(), summary("10000", null, null));
        Assessment killed = assessor.assess("tBTCUSD", Side.BUY, PRICE, SEED, Optional.of(new RiskAssessor.AccountState(
                snapshot, NOW, dec("10000"), Optional.of("drawdown 6% reached the 5% limit"))), BTCUSD, NOW);
        assertThat(killed.canTrade()).isFalse();
        assertThat(killed.reasons().get(0)).startsWith("kill switch is on (drawdown 6% reached the 5% limit)");
    }

    @Test
    void threeWarningsMakeItHighEvenWhenTradable() {
        List<Position> two = List.of(position("tETHUSD", "0.1"), position("tLTCUSD", "1"));
        AccountSnapshot snapshot = account(wallets("10000", "0"), two, summary("9700", "2.5", "2.0"));
        Assessment a = assessor.assess("tBTCUSD", Side.BUY, PRICE, SEED,
                Optional.of(new RiskAssessor.AccountState(snapshot, NOW, dec("10000"), Optional.empty())), BTCUSD, NOW);
        assertThat(a.canTrade()).isTrue();
        assertThat(a.riskLevel()).isEqualTo(RiskLevel.HIGH);
    }

    private Assessment assess(Side side, AccountSnapshot snapshot) {
        return assessor.assess("tBTCUSD", side, PRICE, SEED, Optional.of(state(snapshot)), BTCUSD, NOW);
    }

    private static RiskAssessor.AccountState state(AccountSnapshot snapshot) {
        return new RiskAssessor.AccountState(snapshot, NOW, snapshot.summary().totalBalanceUsd(), Optional.empty());
    }

    private static RiskAssessor.AccountState state(AccountSnapshot snapshot, List<Commitment> approvedSince) {
        return new RiskAssessor.AccountState(snapshot, NOW, snapshot.summary().totalBalanceUsd(), Optional.empty(),
                approvedSince);
    }

    private static PairRules usd(String symbol) {
        return new PairRules(symbol, symbol.substring(1, 4), "USD", dec("0.001"), 8);
    }

    private static AccountSnapshot account(List<Wallet> wallets, List<Position> positions, AccountSummary summary) {
        return account(wallets, positions, summary, List.of());
    }

    private static AccountSnapshot account(List<Wallet> wallets, List<Position> positions, AccountSummary summary,
            List<ActiveOrder> orders) {
        return account(wallets, positions, summary, orders, List.of());
    }

    private static AccountSnapshot account(List<Wallet> wallets, List<Position> positions, AccountSummary summary,
            List<ActiveOrder> orders, List<FilledEntry> filledEntries) {
        return new AccountSnapshot("paper", NOW.toEpochMilli(), wallets, positions,
                new MarginInfo(null, null, dec("0"), dec("0"), null), summary, orders, filledEntries);
    }

    /** The take-profit / stop-loss exit order-service places once a spot buy has filled. */
    private static ActiveOrder exitOfALong(long id, String symbol, String amount) {
        return new ActiveOrder(id, id * 1000, symbol, "EXCHANGE LIMIT", dec(amount), dec(amount), dec("1"),
                ActiveOrder.EXIT, "verdict:" + symbol);
    }

    private static List<Wallet> wallets(String usd, String btc) {
        return List.of(new Wallet("exchange", "USD", dec(usd), dec("0"), dec(usd)),
                new Wallet("exchange", "BTC", dec(btc), dec("0"), dec(btc)));
    }

    private static AccountSummary summary(String equity, String leverage, String marginLevel) {
        return new AccountSummary(dec(equity), dec("0"), dec("0"), leverage == null ? null : dec(leverage),
                marginLevel == null ? null : dec(marginLevel), "HEALTHY", 0, dec("0"));
    }

    private static Position position(String symbol, String amount) {
        return new Position(1L, symbol, "ACTIVE", dec(amount), dec("100"), null, null, null, null);
    }

    private static BigDecimal dec(String value) {
        return new BigDecimal(value);
    }
}
