package io.tradingbot.events;

/**
 * A topic as the suite declares it: its name, the record its values hold, how it is keyed, and whether Kafka keeps only the
 * latest record per key (compaction), which is how services rebuild state such as limits and sessions after a restart.
 */
public record TopicSpec(String name, Class<?> valueType, String keyedBy, int partitions, boolean compacted) {

    /** Where consumers send the records they cannot read, so one poison record never blocks a partition. */
    public String deadLetterTopic() {
        return name + Topics.DEAD_LETTER_SUFFIX;
    }
}
