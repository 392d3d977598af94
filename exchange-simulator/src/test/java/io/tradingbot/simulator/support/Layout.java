package io.tradingbot.simulator.support;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.InputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Compares the structure of a simulator answer with a documented example: lengths, nulls and JSON types. */
public final class Layout {
    private Layout() {
    }

    public static JsonNode fixture(String name) {
        try (InputStream in = Layout.class.getResourceAsStream("/fixtures/" + name)) {
            return Bfx.JSON.readTree(in);
        } catch (Exception e) {
            throw new AssertionError("fixture " + name, e);
        }
    }

    /** Same shape: arrays of the same length with the same kind at every index (recursively); objects as objects. */
    public static void assertSameLayout(JsonNode expected, JsonNode actual, String where) {
        assertThat(kind(actual)).as(where + " kind; actual " + actual).isEqualTo(kind(expected));
        if (expected.isArray()) {
            assertThat(actual.size()).as(where + " length; actual " + actual).isEqualTo(expected.size());
            for (int i = 0; i < expected.size(); i++) {
                assertSameLayout(expected.get(i), actual.get(i), where + "[" + i + "]");
            }
        }
    }

    /** Every row of {@code actual} has the layout of the fixture's first row. */
    public static void assertRows(JsonNode fixtureRows, JsonNode actualRows, String where) {
        assertThat(actualRows.isArray()).as(where + " is an array").isTrue();
        assertThat(actualRows.size()).as(where + " has rows").isGreaterThan(0);
        for (int i = 0; i < actualRows.size(); i++) {
            assertSameLayout(fixtureRows.get(0), actualRows.get(i), where + " row " + i);
        }
    }

    private static String kind(JsonNode n) {
        if (n == null || n.isNull()) {
            return "null";
        }
        if (n.isNumber()) {
            return "number";
        }
        if (n.isTextual()) {
            return "string";
        }
        if (n.isArray()) {
            return "array";
        }
        if (n.isObject()) {
            return "object";
        }
        return n.getNodeType().toString();
    }
}
