package io.tradingbot.deploy.check;

import java.util.ArrayList;
import java.util.List;

/** Every disagreement found, each in words that name the file, the workload and what to change. */
public final class Problems {
    private final List<String> found = new ArrayList<>();

    public void add(String format, Object... args) {
        found.add(args.length == 0 ? format : String.format(format, args));
    }

    public List<String> list() {
        return List.copyOf(found);
    }

    public boolean isEmpty() {
        return found.isEmpty();
    }

    @Override
    public String toString() {
        return found.isEmpty() ? "no problem" : found.size() + " problem(s):\n  - " + String.join("\n  - ", found);
    }
}
