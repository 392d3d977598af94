package io.tradingbot.order.service;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class VerdictCidsTest {

    @Test
    void aVerdictAlwaysGetsTheSameCidBelowTwoToThe45() {
        long cid = VerdictCids.entry("verdict:s-1");
        assertThat(VerdictCids.entry("verdict:s-1")).isEqualTo(cid);
        assertThat(cid).isPositive().isLessThan(1L << 45);
        assertThat(VerdictCids.exit("verdict:s-1")).isNotEqualTo(cid).isLessThan(1L << 45).isPositive();
    }

    @Test
    void differentVerdictsGetDifferentCids() {
        Set<Long> cids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            cids.add(VerdictCids.entry("verdict:signal-" + i));
        }
        assertThat(cids).hasSize(10_000);
    }
}
