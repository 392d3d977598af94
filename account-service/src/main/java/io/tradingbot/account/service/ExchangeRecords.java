package io.tradingbot.account.service;

import io.tradingbot.bitfinex.model.MarginInfoBase;
import io.tradingbot.events.MarginInfo;
import io.tradingbot.events.Position;
import io.tradingbot.events.Wallet;

import java.math.BigDecimal;

/** Turns the client's decoded arrays into the event records that cross Kafka and the REST API. */
final class ExchangeRecords {
    private ExchangeRecords() {
    }

    static Wallet wallet(io.tradingbot.bitfinex.model.Wallet w) {
        return new Wallet(w.type(), w.currency(), w.balance(), w.unsettledInterest(), w.balanceAvailable());
    }

    static Position position(io.tradingbot.bitfinex.model.Position p) {
        return new Position(p.positionId() == null ? 0 : p.positionId(), p.symbol(), p.status(), p.amount(),
                p.basePrice(), p.pl(), p.plPerc(), p.priceLiq(), p.leverage());
    }

    static MarginInfo margin(MarginInfoBase m) {
        return new MarginInfo(m.userPl(), m.userSwaps(), zeroIfNull(m.marginBalance()), zeroIfNull(m.marginNet()),
                m.marginMin());
    }

    private static BigDecimal zeroIfNull(BigDecimal value) {
        return value == null ? BigDecimal.ZERO : value;
    }
}
