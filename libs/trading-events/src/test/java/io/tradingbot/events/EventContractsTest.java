package io.tradingbot.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradingbot.events.serde.EventDeserializer;
import io.tradingbot.events.serde.EventJson;
import io.tradingbot.events.serde.EventSerializer;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every record round-trips through Kafka serde unchanged, and its wire form is the one in the golden file. */
class EventContractsTest {

    static Stream<Arguments> events() {
        return Stream.of(
                Arguments.of(Topics.MARKET_CANDLES, Samples.CANDLE),
                Arguments.of(Topics.MARKET_TICKERS, Samples.TICKER),
                Arguments.of(Topics.STRATEGY_SIGNALS, Samples.SIGNAL),
                Arguments.of(Topics.RISK_VERDICTS, Samples.APPROVED),
                Arguments.of(Topics.ORDERS_EVENTS, Samples.ORDER),
                Arguments.of(Topics.EXCHANGE_PRIVATE, Samples.PRIVATE),
                Arguments.of(Topics.ACCOUNT_SNAPSHOTS, Samples.SNAPSHOT),
                Arguments.of(Topics.TRADING_RESULTS, Samples.RESULT),
                Arguments.of(Topics.TRADING_SESSIONS, Samples.SESSION),
                Arguments.of(Topics.RISK_LIMITS, Samples.LIMITS),
                Arguments.of(Topics.RISK_STATE, Samples.STATE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void roundTripsThroughKafkaSerde(String topic, Object event) {
        byte[] bytes = new EventSerializer<>().serialize(topic, event);
        Object back = new EventDeserializer<>().deserialize(topic, bytes);
        assertThat(back).isEqualTo(event);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void wireFormatIsTheGoldenOne(String topic, Object event) throws IOException {
        JsonNode golden = golden(topic);
        JsonNode written = EventJson.mapper().readTree(new EventSerializer<>().serialize(topic, event));
        assertThat(written).isEqualTo(golden);
        assertThat(new EventDeserializer<>().deserialize(topic, EventJson.mapper().writeValueAsBytes(golden)))
                .isEqualTo(event);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void unknownFieldsAreTolerated(String topic, Object event) throws IOException {
        ObjectNode withExtra = (ObjectNode) golden(topic);
        withExtra.put("field_from_a_newer_producer", "ignored");
        Object read = new EventDeserializer<>().deserialize(topic, EventJson.mapper().writeValueAsBytes(withExtra));
        assertThat(read).isEqualTo(event);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void aMissingRequiredFieldIsRejectedByName(String topic, Object event) throws IOException {
        ObjectNode golden = (ObjectNode) golden(topic);
        String required = firstRequiredField(topic);
        golden.remove(required);
        byte[] bytes = EventJson.mapper().writeValueAsBytes(golden);
        assertThatThrownBy(() -> new EventDeserializer<>().deserialize(topic, bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining(topic)
                .hasMessageContaining(required);
    }

    @org.junit.jupiter.api.Test
    void moneyTravelsAsExactDecimalStrings() throws IOException {
        JsonNode ticker = EventJson.mapper().readTree(new EventSerializer<>().serialize(Topics.MARKET_TICKERS, Samples.TICKER));
        assertThat(ticker.get("bid").isTextual()).isTrue();
        assertThat(ticker.get("bid").asText()).isEqualTo("43279.9");
        // A number on the wire is read exactly as well, never through a double.
        String json = "{\"symbol\":\"tBTCUSD\",\"mts\":1,\"bid\":0.1000000000000000055511,\"ask\":1,\"last\":1}";
        Ticker read = (Ticker) new EventDeserializer<>().deserialize(Topics.MARKET_TICKERS, json.getBytes(StandardCharsets.UTF_8));
        assertThat(read.bid().toPlainString()).isEqualTo("0.1000000000000000055511");
    }

    @org.junit.jupiter.api.Test
    void malformedJsonNaNAndNegativeAmountsAreClearErrors() {
        EventDeserializer<Object> deserializer = new EventDeserializer<>();
        assertThatThrownBy(() -> deserializer.deserialize(Topics.MARKET_CANDLES, "{not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class).hasMessageContaining("Candle");
        String nan = "{\"symbol\":\"tBTCUSD\",\"mts\":1,\"bid\":\"NaN\",\"ask\":1,\"last\":1}";
        assertThatThrownBy(() -> deserializer.deserialize(Topics.MARKET_TICKERS, nan.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class).hasMessageContaining("bid");
        String negative = "{\"symbol\":\"tBTCUSD\",\"mts\":1,\"bid\":\"-1\",\"ask\":1,\"last\":1}";
        assertThatThrownBy(() -> deserializer.deserialize(Topics.MARKET_TICKERS, negative.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class).hasMessageContaining("'bid' must be greater than zero");
        String badSymbol = "{\"symbol\":\"BTC-USD\",\"mts\":1,\"bid\":1,\"ask\":1,\"last\":1}";
        assertThatThrownBy(() -> deserializer.deserialize(Topics.MARKET_TICKERS, badSymbol.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class).hasMessageContaining("symbol");
    }

    @org.junit.jupiter.api.Test
    void aSnapshotFromBeforeOrdersWereInItReadsAsNoOpenOrdersAndNoFilledEntries() throws IOException {
        ObjectNode older = (ObjectNode) golden(Topics.ACCOUNT_SNAPSHOTS);
        older.remove("orders");
        older.remove("filled_entries");
        AccountSnapshot read = (AccountSnapshot) new EventDeserializer<>().deserialize(Topics.ACCOUNT_SNAPSHOTS,
                EventJson.mapper().writeValueAsBytes(older));
        assertThat(read.orders()).isEmpty();
        assertThat(read.filledEntries()).isEmpty();
        assertThat(read.wallets()).isEqualTo(Samples.SNAPSHOT.wallets());
    }

    @org.junit.jupiter.api.Test
    void aSymbolNamesItsBaseAndQuoteCurrencyInShortAndColonForm() {
        assertThat(Symbols.base("tBTCUSD")).isEqualTo("BTC");
        assertThat(Symbols.quote("tBTCUSD")).isEqualTo("USD");
        assertThat(Symbols.base("tTESTBTC:TESTUSD")).isEqualTo("TESTBTC");
        assertThat(Symbols.quote("tTESTBTC:TESTUSD")).isEqualTo("TESTUSD");
    }

    @org.junit.jupiter.api.Test
    void aFilledEntryTellsTheDirectionOfItsTrade() {
        assertThat(Samples.SNAPSHOT.filledEntries().get(0).tradeSide()).isEqualTo(Side.BUY);
        FilledEntry shortEntry = new FilledEntry(9, "tETHUSD", "verdict:y", Samples.dec("-0.5"), null, 1);
        assertThat(shortEntry.tradeSide()).isEqualTo(Side.SELL);
    }

    @org.junit.jupiter.api.Test
    void anOpenOrderTellsTheTradeItBelongsTo() {
        ActiveOrder exitOfALong = Samples.SNAPSHOT.orders().get(0);
        assertThat(exitOfALong.partOfATrade()).isTrue();
        assertThat(exitOfALong.tradeSide()).isEqualTo(Side.BUY);
        ActiveOrder shortEntry = new ActiveOrder(1, 2L, "tETHUSD", "LIMIT", Samples.dec("-0.5"), Samples.dec("-0.5"),
                Samples.dec("2400"), ActiveOrder.ENTRY, "verdict:x");
        assertThat(shortEntry.tradeSide()).isEqualTo(Side.SELL);
        ActiveOrder manual = new ActiveOrder(3, null, "tETHUSD", "EXCHANGE LIMIT", Samples.dec("1"), Samples.dec("1"),
                Samples.dec("2000"), null, null);
        assertThat(manual.partOfATrade()).isFalse();
    }

    @org.junit.jupiter.api.Test
    void anApprovedVerdictWithoutAPositiveAmountCannotExist() {
        assertThatThrownBy(() -> new RiskVerdict("v", "s", "tBTCUSD", Side.BUY, true, RiskLevel.LOW, null,
                Samples.dec("0"), "EXCHANGE MARKET", null, Samples.dec("1"), null, null, Samples.AT))
                .hasMessageContaining("'amount' must be greater than zero");
    }

    @org.junit.jupiter.api.Test
    void aVerdictThatClosesATradeNamesItOnTheWireAndHasNoExitsOfItsOwn() throws IOException {
        RiskVerdict close = new RiskVerdict("verdict:s", "s", "tBTCUSD", Side.SELL, true, RiskLevel.LOW, null,
                Samples.dec("0.00998"), "EXCHANGE MARKET", Samples.dec("56500"), Samples.dec("1"), null, null, Samples.AT,
                "verdict:b");
        byte[] bytes = new EventSerializer<>().serialize(Topics.RISK_VERDICTS, close);
        assertThat(EventJson.mapper().readTree(bytes).path("closes").asText()).isEqualTo("verdict:b");
        RiskVerdict read = (RiskVerdict) new EventDeserializer<>().deserialize(Topics.RISK_VERDICTS, bytes);
        assertThat(read).isEqualTo(close);
        assertThat(read.closesATrade()).isTrue();
        // A verdict written before closes existed opens a trade.
        assertThat(((RiskVerdict) new EventDeserializer<>().deserialize(Topics.RISK_VERDICTS,
                new EventSerializer<>().serialize(Topics.RISK_VERDICTS, Samples.APPROVED))).closesATrade()).isFalse();
        assertThatThrownBy(() -> new RiskVerdict("v", "s", "tBTCUSD", Side.SELL, true, RiskLevel.LOW, null,
                Samples.dec("1"), "EXCHANGE MARKET", null, Samples.dec("1"), Samples.dec("50000"), null, Samples.AT,
                "verdict:b")).hasMessageContaining("no stop loss or take profit of its own");
    }

    @org.junit.jupiter.api.Test
    void deadLetterTopicsReadTheirSourceType() {
        byte[] bytes = new EventSerializer<>().serialize(Topics.MARKET_CANDLES, Samples.CANDLE);
        assertThat(new EventDeserializer<>().deserialize(Topics.MARKET_CANDLES + Topics.DEAD_LETTER_SUFFIX, bytes))
                .isEqualTo(Samples.CANDLE);
        assertThatThrownBy(() -> new EventDeserializer<>().deserialize("no.such.topic", bytes))
                .isInstanceOf(SerializationException.class).hasMessageContaining("no.such.topic");
    }

    @org.junit.jupiter.api.Test
    void explicitTypeOverridesTheTopic() {
        EventDeserializer<Candle> deserializer = new EventDeserializer<>();
        deserializer.configure(Map.of(EventDeserializer.VALUE_TYPE_CONFIG, Candle.class.getName()), false);
        byte[] bytes = new EventSerializer<>().serialize("x", Samples.CANDLE);
        assertThat(deserializer.deserialize("some.other.topic", bytes)).isEqualTo(Samples.CANDLE);
    }

    private static String firstRequiredField(String topic) {
        return switch (topic) {
            case Topics.MARKET_CANDLES, Topics.MARKET_TICKERS, Topics.ORDERS_EVENTS, Topics.TRADING_SESSIONS -> "symbol";
            case Topics.STRATEGY_SIGNALS, Topics.RISK_VERDICTS -> "id";
            case Topics.EXCHANGE_PRIVATE, Topics.ACCOUNT_SNAPSHOTS, Topics.RISK_STATE -> "account";
            case Topics.TRADING_RESULTS -> "verdict_id";
            case Topics.RISK_LIMITS -> "max_position_size";
            default -> throw new IllegalArgumentException(topic);
        };
    }

    static JsonNode golden(String topic) throws IOException {
        try (InputStream in = EventContractsTest.class.getResourceAsStream("/golden/" + topic + ".json")) {
            assertThat(in).as("golden file for " + topic).isNotNull();
            return EventJson.mapper().readTree(in);
        }
    }

}
