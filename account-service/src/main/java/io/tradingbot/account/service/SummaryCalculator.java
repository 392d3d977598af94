package io.tradingbot.account.service;

import io.tradingbot.account.config.AccountConfig;
import io.tradingbot.events.AccountSummary;
import io.tradingbot.events.MarginInfo;
import io.tradingbot.events.Position;
import io.tradingbot.events.Symbols;
import io.tradingbot.events.Wallet;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * The seed's account summary, from the book and current prices. Definitions (the README repeats them):
 * <ul>
 * <li>{@code total_balance_usd}: every wallet's balance at its USD price plus the open positions' unrealized P/L (the
 * account's equity, as Bitfinex's own {@code bu} AUM counts it).</li>
 * <li>{@code unrealized_pl}: the positions' P/L as the exchange reports it, in USD.</li>
 * <li>{@code total_position_value}: Σ |amount| × last price, in USD.</li>
 * <li>{@code leverage}: total position value / margin net (margin balance + unrealized P/L); 0 without positions.</li>
 * <li>{@code margin_level}: margin net / required margin (MARGIN_MIN); null when no margin is in use.</li>
 * <li>{@code margin_status}: NONE without margin in use, HEALTHY at or above {@code healthy-level}, WARNING at or above
 * {@code warning-level}, DANGER below.</li>
 * </ul>
 */
public class SummaryCalculator {
    private static final int RATIO_SCALE = 4;

    private final BigDecimal healthyLevel;
    private final BigDecimal warningLevel;

    /** @see AccountConfig.MarginThresholds */
    public SummaryCalculator(BigDecimal healthyLevel, BigDecimal warningLevel) {
        if (warningLevel.compareTo(healthyLevel) > 0) {
            throw new IllegalArgumentException("account.margin.warning-level (" + warningLevel.toPlainString()
                    + ") must not be above account.margin.healthy-level (" + healthyLevel.toPlainString() + ")");
        }
        this.healthyLevel = healthyLevel;
        this.warningLevel = warningLevel;
    }

    public AccountSummary summarize(List<Wallet> wallets, List<Position> positions, MarginInfo margin,
            UsdPrices.Board prices) {
        BigDecimal walletsUsd = BigDecimal.ZERO;
        for (Wallet w : wallets) {
            BigDecimal rate = prices.usd(w.currency()).orElse(null);
            if (rate != null) {
                walletsUsd = walletsUsd.add(w.balance().multiply(rate));
            }
        }
        List<Position> open = AccountBook.open(positions);
        BigDecimal pl = BigDecimal.ZERO;
        BigDecimal exposure = BigDecimal.ZERO;
        for (Position p : open) {
            BigDecimal quoteRate = prices.usd(Symbols.quote(p.symbol())).orElse(BigDecimal.ONE);
            BigDecimal mark = prices.last(p.symbol()).orElse(p.basePrice());
            BigDecimal positionPl = p.profitLoss() != null ? p.profitLoss()
                    : mark.subtract(p.basePrice()).multiply(p.amount()); // channel 0 may not have calculated it yet
            pl = pl.add(positionPl.multiply(quoteRate));
            exposure = exposure.add(p.amount().abs().multiply(mark).multiply(quoteRate));
        }
        BigDecimal marginBalance = margin == null ? null : margin.marginBalance();
        BigDecimal marginNet = margin == null ? null : margin.marginNet();
        BigDecimal leverage;
        if (open.isEmpty()) {
            leverage = BigDecimal.ZERO;
        } else if (marginNet == null || marginNet.signum() <= 0) {
            leverage = null; // no equity left to relate the exposure to
        } else {
            leverage = exposure.divide(marginNet, RATIO_SCALE, RoundingMode.HALF_EVEN);
        }
        BigDecimal required = margin == null ? null : margin.marginMin();
        BigDecimal marginLevel = open.isEmpty() || required == null || required.signum() <= 0 || marginNet == null
                ? null
                : marginNet.divide(required, RATIO_SCALE, RoundingMode.HALF_EVEN);
        return new AccountSummary(strip(walletsUsd.add(pl)), marginBalance, strip(pl), leverage, marginLevel,
                status(marginLevel), open.size(), strip(exposure));
    }

    String status(BigDecimal marginLevel) {
        if (marginLevel == null) {
            return "NONE";
        }
        if (marginLevel.compareTo(healthyLevel) >= 0) {
            return "HEALTHY";
        }
        return marginLevel.compareTo(warningLevel) >= 0 ? "WARNING" : "DANGER";
    }

    private static BigDecimal strip(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
