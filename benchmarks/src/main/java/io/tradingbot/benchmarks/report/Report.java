package io.tradingbot.benchmarks.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A generated section of {@code docs/benchmarks.md}, between {@code <!-- name:begin -->} and {@code <!-- name:end -->}:
 * a run replaces its own section and leaves the rest of the page (the hand-written analysis, other sections) alone.
 */
public final class Report {
    private Report() {
    }

    /** Writes {@code body} as the section {@code name} of {@code page}, appending the section when it is not there yet. */
    public static void writeSection(Path page, String name, String body) {
        String begin = "<!-- " + name + ":begin -->";
        String end = "<!-- " + name + ":end -->";
        String block = begin + "\n" + body.strip() + "\n" + end;
        try {
            String text = Files.isRegularFile(page) ? Files.readString(page) : "# Benchmarks\n";
            Matcher m = Pattern.compile(Pattern.quote(begin) + ".*?" + Pattern.quote(end), Pattern.DOTALL).matcher(text);
            String updated = m.find()
                    ? text.substring(0, m.start()) + block + text.substring(m.end())
                    : text.stripTrailing() + "\n\n" + block + "\n";
            if (page.getParent() != null) {
                Files.createDirectories(page.getParent());
            }
            Files.writeString(page, updated);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + page, e);
        }
    }
}
