package io.tradingbot.deploy.check;

import io.tradingbot.events.TopicSpec;
import io.tradingbot.events.Topics;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The topics a deployment creates against {@link Topics#ALL}: every topic with its partitions and compaction, and its
 * dead-letter topic (one partition, never compacted: every dead letter is kept); nothing else.
 */
public final class TopicCheck {

    /** A topic as a deployment declares it. */
    public record Declared(int partitions, boolean compacted) {
    }

    private TopicCheck() {
    }

    public static Map<String, Declared> expected() {
        Map<String, Declared> expected = new LinkedHashMap<>();
        for (TopicSpec spec : Topics.ALL) {
            expected.put(spec.name(), new Declared(spec.partitions(), spec.compacted()));
            expected.put(spec.deadLetterTopic(), new Declared(1, false));
        }
        return expected;
    }

    public static void check(String origin, Map<String, Declared> declared, Problems problems) {
        Map<String, Declared> expected = expected();
        expected.forEach((topic, want) -> {
            Declared got = declared.get(topic);
            if (got == null) {
                problems.add("%s does not create topic %s (%d partitions%s)", origin, topic, want.partitions(),
                        want.compacted() ? ", compacted" : "");
            } else {
                if (got.partitions() != want.partitions()) {
                    problems.add("%s creates %s with %d partitions; Topics says %d", origin, topic, got.partitions(),
                            want.partitions());
                }
                if (got.compacted() != want.compacted()) {
                    problems.add("%s creates %s %s; Topics says it is %s", origin, topic,
                            got.compacted() ? "compacted" : "not compacted", want.compacted() ? "compacted" : "not compacted");
                }
            }
        });
        declared.keySet().stream().filter(topic -> !expected.containsKey(topic)).forEach(topic ->
                problems.add("%s creates %s, which is not in Topics.ALL (nor a dead-letter topic of one)", origin, topic));
    }
}
