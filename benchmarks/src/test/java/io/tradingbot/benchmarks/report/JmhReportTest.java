package io.tradingbot.benchmarks.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JmhReportTest {

    @Test
    void strategyEvaluationRowsAreJudgedAgainstTheTwentyMicrosecondTarget() throws Exception {
        String json = """
                [
                 {"benchmark": "io.tradingbot.benchmarks.jmh.StrategyEvaluationBenchmark.appendAndEvaluate",
                  "params": {"maxBars": "1000", "strategy": "rsi-ema"},
                  "primaryMetric": {"score": 9.5, "scoreError": 0.4, "scoreUnit": "us/op"}},
                 {"benchmark": "io.tradingbot.benchmarks.jmh.StrategyEvaluationBenchmark.appendAndEvaluate",
                  "params": {"maxBars": "1000", "strategy": "bollinger"},
                  "primaryMetric": {"score": 71.2, "scoreError": 3.0, "scoreUnit": "us/op"}},
                 {"benchmark": "io.tradingbot.benchmarks.jmh.EventSerdeBenchmark.serializeCandle",
                  "primaryMetric": {"score": 0.8, "scoreError": "NaN", "scoreUnit": "us/op"}}
                ]""";
        String table = JmhReport.table(new ObjectMapper().readTree(json));

        assertThat(table).contains("| StrategyEvaluationBenchmark.appendAndEvaluate | maxBars=1000, strategy=rsi-ema | "
                + "9.500 | 0.400 | us/op | ≤ 20 µs: met |");
        assertThat(table).contains("strategy=bollinger | 71.200 | 3.000 | us/op | ≤ 20 µs: **missed** |");
        assertThat(table).contains("| EventSerdeBenchmark.serializeCandle |  | 0.800 | – | us/op |  |");
    }
}
