package io.tradingbot.risk.service;

import io.tradingbot.events.AccountSnapshot;
import io.tradingbot.events.AccountSummary;
import io.tradingbot.events.ActiveOrder;
import io.tradingbot.events.FilledEntry;
import io.tradingbot.events.RiskLevel;
import io.tradingbot.events.RiskLimits;
import io.tradingbot.events.Side;
import io.tradingbot.events.Symbols;
import io.tradingbot.events.Wallet;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The seed's risk rules, made precise. Pure: the same inputs give the same assessment, so every rule is tested at its
 * boundary without a broker.
 *
 * <p>Refusals (any one makes {@code can_trade} false and the level HIGH): no account snapshot, or one older than the
 * bound; the kill switch; drawdown at or beyond its limit; open positions (margin positions and the bot's spot trades)
 * at the limit; account leverage above the limit; margin level below its minimum; a position or trade already open in
 * the same direction; a size below the pair's minimum.
 *
 * <p>On spot a SELL closes the bot's own long trade ({@link #close}): it is sized at what that trade holds, and refused
 * when the bot has no such trade, so coins the user holds are never sold. A trade whose entry filled and whose exit is
 * not on the exchange ({@link AccountSnapshot#filledEntries()}) is open, and can be closed, all the same.
 *
 * <p>Warnings (one point each; 0 points LOW, 1-2 MEDIUM, 3 or more HIGH): one position short of the limit; leverage above
 * two thirds of the limit; drawdown at half its limit or more; margin level under twice its minimum.
 */
public final class RiskAssessor {
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final MathContext PRICE_DIGITS = new MathContext(5, RoundingMode.HALF_EVEN);

    private final BigDecimal maxBalanceFraction;
    private final Duration maxSnapshotAge;
    private final BigDecimal minMarginLevel;
    private final String orderType;
    private final BigDecimal maxFeeRate;

    public RiskAssessor(BigDecimal maxBalanceFraction, Duration maxSnapshotAge, BigDecimal minMarginLevel,
            String orderType, BigDecimal maxFeeRate) {
        this.maxBalanceFraction = maxBalanceFraction;
        this.maxSnapshotAge = maxSnapshotAge;
        this.minMarginLevel = minMarginLevel;
        this.orderType = orderType;
        this.maxFeeRate = maxFeeRate;
    }

    /**
     * What the account looks like to risk: the latest snapshot, when it arrived, the equity high-water mark, and the
     * approvals that snapshot does not show yet (each spends its balance, and with margin orders opens its position,
     * for the signals judged after it).
     */
    public record AccountState(AccountSnapshot snapshot, Instant receivedAt, BigDecimal highWaterMark,
            Optional<String> killSwitch, List<Commitment> commitments) {

        public AccountState(AccountSnapshot snapshot, Instant receivedAt, BigDecimal highWaterMark,
                Optional<String> killSwitch) {
            this(snapshot, receivedAt, highWaterMark, killSwitch, List.of());
        }
    }

    public Assessment assess(String symbol, Side side, BigDecimal price, RiskLimits limits, Optional<AccountState> account,
            PairRules pair, Instant now) {
        List<String> refusals = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        BigDecimal leverage = BigDecimal.ONE;

        if (account.isEmpty()) {
            refusals.add("no account snapshot yet: balances and positions are unknown");
            return result(symbol, side, price, refusals, warnings, notes, null, leverage, limits);
        }
        AccountState state = account.get();
        Duration age = Duration.between(state.receivedAt(), now);
        if (age.compareTo(maxSnapshotAge) > 0) {
            refusals.add("account snapshot is " + age.toSeconds() + " s old, more than the " + maxSnapshotAge.toSeconds()
                    + " s it can be trusted for");
        }
        if (side == Side.SELL && spot()) {
            return close(symbol, price, state, pair, refusals, notes);
        }
        state.killSwitch().ifPresent(reason -> refusals.add("kill switch is on (" + reason
                + "): no new orders until an operator resets it"));

        AccountSnapshot snapshot = state.snapshot();
        AccountSummary summary = snapshot.summary();
        checkDrawdown(summary.totalBalanceUsd(), state.highWaterMark(), limits, refusals, warnings, notes);
        checkOpenPositions(snapshot, state.commitments(), symbol, side, limits, refusals, warnings, notes);
        checkLeverage(summary.leverage(), limits, refusals, warnings);
        checkMarginLevel(summary.marginLevel(), refusals, warnings);

        BigDecimal amount = size(symbol, price, limits, state, pair, refusals, notes);
        return result(symbol, side, price, refusals, warnings, notes, amount, leverage, limits);
    }

    /**
     * A spot SELL closes the bot's own long trade and nothing else: its take-profit / stop-loss exit is cancelled and the
     * coins it holds are sold at market. Coins the account held otherwise are the user's, never sold by the bot (a spot
     * sale of them would be a short the user did not ask for). Closing takes risk off, so the kill switch and the
     * drawdown limit do not stop it; an account the bot cannot see (a stale snapshot) does. A trade whose exit is not on
     * the exchange (order-service still placing it, or refused) is closed by selling what its entry bought, at most what
     * the wallet holds; order-service withdraws the exit first and sells only what the entry left after its fee.
     */
    private Assessment close(String symbol, BigDecimal price, AccountState state, PairRules pair, List<String> refusals,
            List<String> notes) {
        List<String> warnings = List.of(); // nothing a close does raises its level
        String market = "EXCHANGE MARKET";
        List<ActiveOrder> trade = state.snapshot().orders().stream()
                .filter(o -> o.symbol().equals(symbol) && o.partOfATrade() && o.tradeSide() == Side.BUY).toList();
        Optional<ActiveOrder> exit = trade.stream().filter(o -> ActiveOrder.EXIT.equals(o.role())).findFirst();
        Optional<Commitment> closing = state.commitments().stream()
                .filter(c -> c.closes() && c.symbol().equals(symbol)).findFirst();
        Optional<Commitment> opening = state.commitments().stream()
                .filter(c -> !c.closes() && c.symbol().equals(symbol) && c.side() == Side.BUY).findFirst();
        Optional<FilledEntry> unexited = state.snapshot().filledEntries().stream()
                .filter(e -> e.symbol().equals(symbol) && e.tradeSide() == Side.BUY).findFirst();
        if (closing.isPresent()) {
            refusals.add("a close of the long trade in " + symbol + " was approved moments ago ("
                    + closing.get().verdictId() + ")");
        } else if (exit.isEmpty() && unexited.isEmpty()) {
            Optional<ActiveOrder> entry = trade.stream().filter(o -> ActiveOrder.ENTRY.equals(o.role())).findFirst();
            if (entry.isPresent()) {
                refusals.add("the long trade " + entry.get().verdictId() + " in " + symbol + " has not filled yet (its "
                        + "entry order " + entry.get().id() + " is on the exchange): none of it can be sold yet");
            } else if (opening.isPresent()) {
                refusals.add("the long trade in " + symbol + " approved moments ago (" + opening.get().verdictId()
                        + ") is not in the account yet: none of it can be sold yet");
            } else {
                refusals.add("no long trade of the bot is open in " + symbol + ": on spot a SELL closes the bot's own "
                        + "trade, and coins the bot did not buy are not sold");
            }
        }
        if (!refusals.isEmpty()) {
            return result(symbol, Side.SELL, price, refusals, warnings, notes, null, BigDecimal.ONE, market, null, null,
                    null);
        }
        state.killSwitch().ifPresent(reason -> notes.add("kill switch is on (" + reason + "): a close is still allowed, "
                + "it takes risk off"));
        if (exit.isEmpty()) {
            return closeUnexited(unexited.get(), price, state.snapshot(), pair, refusals, notes);
        }
        ActiveOrder held = exit.get();
        // Both legs of the OCO hold the same amount; what remains of either is what the trade still holds.
        BigDecimal amount = trade.stream().filter(o -> held.verdictId().equals(o.verdictId())
                        && ActiveOrder.EXIT.equals(o.role())).map(o -> o.amount().abs())
                .reduce(BigDecimal::min).orElseThrow().setScale(pair.amountDecimals(), RoundingMode.DOWN);
        String holds = plain(amount) + " " + pair.base();
        if (amount.compareTo(pair.minOrderSize()) < 0) {
            refusals.add("the long trade " + held.verdictId() + " in " + symbol + " holds " + holds + ", below "
                    + symbol + "'s minimum of " + plain(pair.minOrderSize()) + ": its exit stays on the exchange");
            return result(symbol, Side.SELL, price, refusals, warnings, notes, null, BigDecimal.ONE, market, null, null,
                    null);
        }
        notes.add("closes the long trade " + held.verdictId() + " in " + symbol + ": its exit is cancelled and the "
                + holds + " its exit order " + held.id() + " holds are sold at market");
        return result(symbol, Side.SELL, price, refusals, warnings, notes, amount.stripTrailingZeros(), BigDecimal.ONE,
                market, null, null, held.verdictId());
    }

    /** The close of a long trade whose entry filled and whose exit is not on the exchange. */
    private Assessment closeUnexited(FilledEntry entry, BigDecimal price, AccountSnapshot snapshot, PairRules pair,
            List<String> refusals, List<String> notes) {
        String symbol = entry.symbol();
        BigDecimal inWallet = available(snapshot, pair.base());
        BigDecimal amount = entry.amount().min(inWallet).setScale(pair.amountDecimals(), RoundingMode.DOWN);
        String trade = "the long trade " + entry.verdictId() + " in " + symbol;
        String holds = plain(amount) + " " + pair.base();
        if (amount.compareTo(pair.minOrderSize()) < 0) {
            refusals.add(trade + " has no exit on the exchange and holds " + holds + " (its entry bought "
                    + plain(entry.amount()) + ", the exchange wallet has " + plain(inWallet) + " available), below "
                    + symbol + "'s minimum of " + plain(pair.minOrderSize()) + ": nothing is sold");
            return result(symbol, Side.SELL, price, refusals, List.of(), notes, null, BigDecimal.ONE,
                    "EXCHANGE MARKET", null, null, null);
        }
        notes.add("closes " + trade + ", whose entry order " + entry.id() + " filled and whose exit is not on the "
                + "exchange: the " + holds + " it bought are sold at market, less the entry's fee");
        return result(symbol, Side.SELL, price, refusals, List.of(), notes, amount.stripTrailingZeros(),
                BigDecimal.ONE, "EXCHANGE MARKET", null, null, entry.verdictId());
    }

    private void checkDrawdown(BigDecimal equity, BigDecimal highWaterMark, RiskLimits limits, List<String> refusals,
            List<String> warnings, List<String> notes) {
        if (highWaterMark == null || highWaterMark.signum() <= 0 || equity == null) {
            return;
        }
        BigDecimal drawdown = highWaterMark.subtract(equity).max(BigDecimal.ZERO)
                .multiply(HUNDRED).divide(highWaterMark, 4, RoundingMode.HALF_EVEN);
        String text = "drawdown " + plain(drawdown.setScale(2, RoundingMode.HALF_EVEN)) + "% from the high of "
                + plain(highWaterMark) + " USD";
        if (drawdown.compareTo(limits.maxDrawdownPercent()) >= 0) {
            refusals.add(text + " has reached the " + plain(limits.maxDrawdownPercent()) + "% limit");
        } else if (drawdown.multiply(BigDecimal.TWO).compareTo(limits.maxDrawdownPercent()) >= 0) {
            warnings.add(text + " is past half the " + plain(limits.maxDrawdownPercent()) + "% limit");
        } else {
            notes.add(text + " within the " + plain(limits.maxDrawdownPercent()) + "% limit");
        }
    }

    /**
     * What is open: margin positions, and the bot's spot trades, which Bitfinex does not keep as positions (a spot buy
     * is a wallet balance). A spot trade is open while an order placed for a verdict is on the exchange: its entry not
     * filled yet, or the take-profit / stop-loss exit of an entry that filled (a spot sale's exit buys back); and while
     * an entry that filled has no exit on the exchange yet (order-service placing it, or refused), as long as the wallet
     * holds some of what it bought. Coins bought or held otherwise are not the bot's trades and count as nothing. An
     * approval that no snapshot shows yet opens its trade or position.
     */
    private void checkOpenPositions(AccountSnapshot snapshot, List<Commitment> commitments, String symbol, Side side,
            RiskLimits limits, List<String> refusals, List<String> warnings, List<String> notes) {
        Map<String, Exposure> open = new LinkedHashMap<>();
        snapshot.positions().stream().filter(p -> "ACTIVE".equalsIgnoreCase(p.status()) && p.amount().signum() != 0)
                .forEach(p -> open.put(p.symbol(), new Exposure(p.amount().signum() > 0 ? Side.BUY : Side.SELL,
                        "position", " of " + plain(p.amount().abs()), "")));
        snapshot.orders().stream().filter(ActiveOrder::partOfATrade)
                .forEach(o -> open.putIfAbsent(o.symbol(), new Exposure(o.tradeSide(), "trade", "",
                        " (its " + o.role() + " order " + o.id() + " is on the exchange)")));
        snapshot.filledEntries().stream().filter(e -> stillHeld(snapshot, e))
                .forEach(e -> open.putIfAbsent(e.symbol(), new Exposure(e.tradeSide(), "trade", "",
                        " (its entry order " + e.id() + " filled and its exit is not on the exchange)")));
        List<Commitment> opening = commitments.stream().filter(c -> !c.closes() && !open.containsKey(c.symbol()))
                .toList();

        Exposure same = open.get(symbol);
        if (same != null) {
            if (same.side() == side) {
                refusals.add("a " + direction(side) + " " + same.kind() + same.size() + " in " + symbol
                        + " is already open" + same.evidence());
                return;
            }
            notes.add("reduces the open " + direction(same.side()) + " " + same.kind() + " in " + symbol);
            return;
        }
        Optional<Commitment> pending = opening.stream().filter(c -> c.symbol().equals(symbol)).findFirst();
        if (pending.isPresent()) {
            if (pending.get().side() == side) {
                refusals.add("a " + direction(side) + " " + kind() + " in " + symbol + " was approved moments ago ("
                        + pending.get().verdictId() + ") and is not in the account yet");
                return;
            }
            notes.add("reduces the " + direction(pending.get().side()) + " " + kind() + " in " + symbol
                    + " approved moments ago (" + pending.get().verdictId() + ")");
            return;
        }
        long approved = opening.stream().map(Commitment::symbol).distinct().count();
        long count = open.size() + approved;
        String counted = approved == 0 ? count + " positions are open"
                : count + " positions are open or approved (" + approved + " not in the account yet)";
        if (count >= limits.maxOpenPositions()) {
            refusals.add(counted + ", the limit is " + limits.maxOpenPositions());
        } else if (count == limits.maxOpenPositions() - 1) {
            warnings.add("this would be position " + (count + 1) + " of at most " + limits.maxOpenPositions());
        } else {
            notes.add(count + " of " + limits.maxOpenPositions() + " positions open"
                    + (approved == 0 ? "" : " or approved"));
        }
    }

    /**
     * Whether what a filled entry without its exit bought may still be in the account: a long trade whose coins left the
     * exchange wallet altogether (sold or moved by hand) is over.
     */
    private static boolean stillHeld(AccountSnapshot snapshot, FilledEntry entry) {
        String base = Symbols.base(entry.symbol());
        // The balance, not what is available: coins an order of the user's reserves are still in the wallet.
        return entry.tradeSide() != Side.BUY || snapshot.wallets().stream()
                .anyMatch(w -> w.currency().equals(base) && "exchange".equals(w.type()) && w.balance().signum() > 0);
    }

    /** An open position or spot trade in a symbol: its direction, and how the reasons name it. */
    private record Exposure(Side side, String kind, String size, String evidence) {
    }

    private String kind() {
        return spot() ? "trade" : "position";
    }

    private static String direction(Side side) {
        return side == Side.BUY ? "long" : "short";
    }

    private void checkLeverage(BigDecimal leverage, RiskLimits limits, List<String> refusals, List<String> warnings) {
        if (leverage == null) {
            return;
        }
        if (leverage.compareTo(limits.maxLeverage()) > 0) {
            refusals.add("account leverage " + plain(leverage) + " is above the limit of " + plain(limits.maxLeverage()));
        } else if (leverage.multiply(BigDecimal.valueOf(3)).compareTo(limits.maxLeverage().multiply(BigDecimal.TWO)) > 0) {
            warnings.add("account leverage " + plain(leverage) + " is above two thirds of the limit of "
                    + plain(limits.maxLeverage()));
        }
    }

    private void checkMarginLevel(BigDecimal marginLevel, List<String> refusals, List<String> warnings) {
        if (marginLevel == null) {
            return; // no margin in use: nothing to be low
        }
        if (marginLevel.compareTo(minMarginLevel) < 0) {
            refusals.add("margin level " + plain(marginLevel) + " is below the minimum of " + plain(minMarginLevel));
        } else if (marginLevel.compareTo(minMarginLevel.multiply(BigDecimal.TWO)) < 0) {
            warnings.add("margin level " + plain(marginLevel) + " is less than twice the minimum of "
                    + plain(minMarginLevel));
        }
    }

    /**
     * min(20% of the available quote balance / price, max position size), rounded down to the pair's precision. What the
     * approvals since the snapshot spend is not available any more.
     */
    private BigDecimal size(String symbol, BigDecimal price, RiskLimits limits, AccountState state,
            PairRules pair, List<String> refusals, List<String> notes) {
        AccountSnapshot snapshot = state.snapshot();
        BigDecimal committed = committed(state.commitments(), pair.quote());
        BigDecimal available = available(snapshot, pair.quote()).subtract(committed).max(BigDecimal.ZERO);
        BigDecimal byBalance = available.multiply(maxBalanceFraction).divide(price, pair.amountDecimals() + 4,
                RoundingMode.DOWN);
        BigDecimal cap = limits.maxPositionSizeFor(symbol);
        BigDecimal amount = byBalance.min(cap);
        String basis = byBalance.compareTo(cap) <= 0
                ? plain(maxBalanceFraction.multiply(HUNDRED)) + "% of " + plain(available) + " " + pair.quote()
                        + " available at " + plain(price) + committedNote(committed, pair.quote())
                : "the max position size of " + plain(cap) + " " + pair.base();
        amount = amount.setScale(pair.amountDecimals(), RoundingMode.DOWN);
        if (amount.compareTo(pair.minOrderSize()) < 0) {
            refusals.add("order size " + plain(amount) + " " + pair.base() + " (" + basis + ") is below " + symbol
                    + "'s minimum of " + plain(pair.minOrderSize()));
            return null;
        }
        // A spot buy pays its fee in the coin it buys, and its exit sells what is left: below the minimum the exchange
        // refuses that exit, and the trade would be open without its stop loss.
        BigDecimal exit = spot() ? amount.multiply(BigDecimal.ONE.subtract(maxFeeRate)).setScale(pair.amountDecimals(),
                RoundingMode.DOWN) : amount;
        if (exit.compareTo(pair.minOrderSize()) < 0) {
            refusals.add("order size " + plain(amount) + " " + pair.base() + " (" + basis + ") leaves "
                    + plain(exit.stripTrailingZeros()) + " " + pair.base() + " after a fee of up to "
                    + plain(maxFeeRate.multiply(HUNDRED).stripTrailingZeros()) + "%, below " + symbol + "'s minimum of "
                    + plain(pair.minOrderSize()) + ": its exit could not be placed");
            return null;
        }
        notes.add("size " + plain(amount) + " " + pair.base() + ": " + basis);
        return amount.stripTrailingZeros();
    }

    /**
     * What an approval spends, held until a snapshot shows it: the quote an entry pays; a spot close spends nothing a
     * sizing reads (the coins it sells are its trade's), and is held so that the next SELL does not close it again.
     */
    public Commitment commitment(String verdictId, String symbol, Side side, BigDecimal amount, BigDecimal price,
            PairRules pair, Instant approvedAt) {
        return side == Side.SELL && spot()
                ? new Commitment(verdictId, symbol, side, amount, pair.base(), approvedAt, true)
                : new Commitment(verdictId, symbol, side, amount.multiply(price), pair.quote(), approvedAt, false);
    }

    private boolean spot() {
        return orderType.startsWith("EXCHANGE");
    }

    private static BigDecimal committed(List<Commitment> commitments, String currency) {
        return commitments.stream().filter(c -> c.currency().equals(currency)).map(Commitment::spend)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static String committedNote(BigDecimal committed, String currency) {
        return committed.signum() == 0 ? ""
                : " (after " + plain(committed) + " " + currency + " for orders approved and not in the account yet)";
    }

    private static BigDecimal available(AccountSnapshot snapshot, String currency) {
        return snapshot.wallets().stream()
                .filter(w -> w.currency().equals(currency) && "exchange".equals(w.type()))
                .map(w -> w.balanceAvailable() != null ? w.balanceAvailable() : w.balance())
                .reduce(BigDecimal.ZERO, BigDecimal::add)
                .max(BigDecimal.ZERO);
    }

    private Assessment result(String symbol, Side side, BigDecimal price, List<String> refusals, List<String> warnings,
            List<String> notes, BigDecimal amount, BigDecimal leverage, RiskLimits limits) {
        boolean canTrade = refusals.isEmpty() && amount != null;
        BigDecimal stop = canTrade ? exit(price, limits.stopLossPercent(), side == Side.BUY ? -1 : 1) : null;
        BigDecimal take = canTrade ? exit(price, limits.takeProfitPercent(), side == Side.BUY ? 1 : -1) : null;
        return result(symbol, side, price, refusals, warnings, notes, amount, leverage, orderType, stop, take, null);
    }

    private static Assessment result(String symbol, Side side, BigDecimal price, List<String> refusals,
            List<String> warnings, List<String> notes, BigDecimal amount, BigDecimal leverage, String orderType,
            BigDecimal stop, BigDecimal take, String closes) {
        List<String> reasons = new ArrayList<>(refusals);
        reasons.addAll(warnings);
        reasons.addAll(notes);
        boolean canTrade = refusals.isEmpty() && amount != null;
        RiskLevel level = !canTrade || warnings.size() >= 3 ? RiskLevel.HIGH
                : warnings.isEmpty() ? RiskLevel.LOW : RiskLevel.MEDIUM;
        if (!canTrade) {
            return new Assessment(symbol, side, price, level, false, reasons, null, orderType, leverage, null, null, null);
        }
        return new Assessment(symbol, side, price, level, true, reasons, amount, orderType, leverage, stop, take, closes);
    }

    /** price × (1 ± percent/100), to the 5 significant digits Bitfinex prices have. */
    private static BigDecimal exit(BigDecimal price, BigDecimal percent, int direction) {
        BigDecimal factor = BigDecimal.ONE.add(percent.movePointLeft(2).multiply(BigDecimal.valueOf(direction)));
        return price.multiply(factor).round(PRICE_DIGITS).stripTrailingZeros();
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }
}
