package io.tradingbot.simulator.service;

import io.tradingbot.simulator.engine.Instrument.ReplayCandle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads a candle file to replay: MTS,OPEN,CLOSE,HIGH,LOW[,VOLUME] per line, header and blank lines skipped. */
final class CandleCsv {
    private CandleCsv() {
    }

    static List<ReplayCandle> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read candle replay file " + file, e);
        }
        List<ReplayCandle> out = new ArrayList<>();
        for (String line : lines) {
            String[] f = line.trim().split("\\s*[,;]\\s*");
            if (f.length < 5 || !f[1].matches("-?[0-9.]+(E-?\\d+)?")) {
                continue;
            }
            out.add(new ReplayCandle(Double.parseDouble(f[1]), Double.parseDouble(f[2]), Double.parseDouble(f[3]),
                    Double.parseDouble(f[4])));
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no candles in replay file " + file);
        }
        return out;
    }
}
