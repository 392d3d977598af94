package io.tradingbot.risk.service;

import io.tradingbot.events.AccountSnapshot;
import io.tradingbot.events.AccountSummary;
import io.tradingbot.events.ActiveOrder;
import io.tradingbot.events.FilledEntry;
import io.tradingbot.events.MarginInfo;
import io.tradingbot.events.Side;
import io.tradingbot.events.Wallet;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How long an approval counts: until a snapshot shows its order or one is made a settling time after it, and never past
 * the longest hold.
 */
class RiskStateStoreTest {
    private static final Instant T0 = Instant.parse("2026-11-28T12:00:00Z");

    private final RiskStateStore store = new RiskStateStore(Duration.ofSeconds(3), Duration.ofMinutes(1));

    @Test
    void anApprovalCountsUntilASnapshotMadeAfterItHasSettled() {
        store.snapshot(snapshot(T0), T0);
        store.commit(approval(T0.plusSeconds(1)));
        assertThat(commitments(T0.plusSeconds(2))).hasSize(1);
        // Made 1.9 s after the approval: its order may not be in it yet.
        store.snapshot(snapshot(T0.plusMillis(2_900)), T0.plusSeconds(3));
        assertThat(commitments(T0.plusSeconds(3))).hasSize(1);
        // Made 3 s after it: filled or failed, the snapshot shows what is left.
        store.snapshot(snapshot(T0.plusSeconds(4)), T0.plusSeconds(4));
        assertThat(commitments(T0.plusSeconds(4))).isEmpty();
    }

    @Test
    void anApprovalCountsNoMoreOnceASnapshotShowsItsOrder() {
        store.snapshot(snapshot(T0), T0);
        Commitment bought = approval(T0.plusSeconds(1));
        store.commit(bought);
        store.commit(approval(T0.plusMillis(1_100)));
        // 0.4 s later the entry has filled and its exit is open: the snapshot counts the trade and what it spent.
        ActiveOrder exit = new ActiveOrder(7, 70L, "tBTCUSD", "EXCHANGE LIMIT", new BigDecimal("-0.01"),
                new BigDecimal("-0.01"), new BigDecimal("52500"), ActiveOrder.EXIT, bought.verdictId());
        store.snapshot(snapshot(T0.plusMillis(1_400), List.of(exit)), T0.plusMillis(1_500));
        assertThat(commitments(T0.plusMillis(1_500))).extracting(Commitment::verdictId)
                .containsExactly("verdict:" + T0.plusMillis(1_100));
    }

    @Test
    void anApprovalCountsNoMoreOnceASnapshotShowsItsEntryFilledWithoutAnExit() {
        store.snapshot(snapshot(T0), T0);
        Commitment bought = approval(T0.plusSeconds(1));
        store.commit(bought);
        FilledEntry filled = new FilledEntry(8, "tBTCUSD", bought.verdictId(), new BigDecimal("0.01"),
                new BigDecimal("50000"), T0.plusMillis(1_200).toEpochMilli());
        store.snapshot(snapshot(T0.plusMillis(1_400), List.of(), List.of(filled)), T0.plusMillis(1_500));
        assertThat(commitments(T0.plusMillis(1_500))).isEmpty();
    }

    @Test
    void withoutANewSnapshotAnApprovalLapsesAfterTheLongestHold() {
        store.snapshot(snapshot(T0), T0);
        store.commit(approval(T0));
        assertThat(commitments(T0.plusSeconds(60))).hasSize(1);
        assertThat(commitments(T0.plusSeconds(61))).isEmpty();
    }

    private List<Commitment> commitments(Instant now) {
        return store.accountState(now).orElseThrow().commitments();
    }

    private static Commitment approval(Instant at) {
        return new Commitment("verdict:" + at, "tBTCUSD", Side.BUY, new BigDecimal("500"), "USD", at, false);
    }

    private static AccountSnapshot snapshot(Instant made) {
        return snapshot(made, List.of());
    }

    private static AccountSnapshot snapshot(Instant made, List<ActiveOrder> orders) {
        return snapshot(made, orders, List.of());
    }

    private static AccountSnapshot snapshot(Instant made, List<ActiveOrder> orders, List<FilledEntry> filledEntries) {
        return new AccountSnapshot("paper", made.toEpochMilli(),
                List.of(new Wallet("exchange", "USD", new BigDecimal("1000"), BigDecimal.ZERO, new BigDecimal("1000"))),
                List.of(), new MarginInfo(null, null, BigDecimal.ZERO, BigDecimal.ZERO, null),
                new AccountSummary(new BigDecimal("1000"), BigDecimal.ZERO, BigDecimal.ZERO, null, null, "HEALTHY", 0,
                        BigDecimal.ZERO), orders, filledEntries);
    }
}
