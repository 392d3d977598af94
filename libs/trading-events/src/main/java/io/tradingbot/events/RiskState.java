package io.tradingbot.events;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * What risk-service must not forget across a restart ({@code risk.state.v1}, compacted, keyed by account): the equity
 * high-water mark that drawdown is measured from, and the kill switch. While {@code killSwitchActive}, no order is approved;
 * only an operator's explicit reset clears it, and {@code killSwitchReason} says why it tripped.
 */
public record RiskState(String account, BigDecimal highWaterMark, BigDecimal equity, boolean killSwitchActive,
        String killSwitchReason, Instant killSwitchSince, Instant updatedAt, String updatedBy) {

    public RiskState {
        Require.text(account, "account");
        Require.notNegative(highWaterMark, "high_water_mark");
        Require.present(updatedAt, "updated_at");
        Require.text(updatedBy, "updated_by");
        if (killSwitchActive) {
            Require.text(killSwitchReason, "kill_switch_reason");
            Require.present(killSwitchSince, "kill_switch_since");
        }
    }
}
