package io.tradingbot.simulator.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.tradingbot.simulator.engine.Candle;
import io.tradingbot.simulator.engine.Exchange;
import io.tradingbot.simulator.engine.ExchangeException;
import io.tradingbot.simulator.engine.Instrument;
import io.tradingbot.simulator.engine.Market;
import io.tradingbot.simulator.engine.Prices;
import io.tradingbot.simulator.engine.PublicTrade;
import io.tradingbot.simulator.engine.Timeframe;
import io.tradingbot.simulator.engine.WireJson;
import io.tradingbot.simulator.service.ExchangeService;
import io.tradingbot.simulator.service.Faults;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/** Bitfinex public REST (GET /v2/...): platform status, tickers, candles, trades, book, configuration. */
@Path("/v2")
@Produces(MediaType.APPLICATION_JSON)
public class PublicResource {
    private static final int MAX_LIMIT = 10_000;

    private final ExchangeService service;
    private final Faults faults;

    public PublicResource(ExchangeService service, Faults faults) {
        this.service = service;
        this.faults = faults;
    }

    /** Runs a handler, mapping refusals to Bitfinex's HTTP 500 ["error", code, text]. */
    static Response answer(Faults faults, Supplier<JsonNode> handler) {
        faults.delay();
        try {
            return Response.ok(WireJson.write(handler.get()), MediaType.APPLICATION_JSON).build();
        } catch (ExchangeException e) {
            return error(e.code(), e.text());
        }
    }

    static Response error(int code, String text) {
        return Response.status(500).type(MediaType.APPLICATION_JSON).entity(WireJson.error(code, text)).build();
    }

    @GET
    @Path("platform/status")
    @Operation(hidden = true)
    public Response status() {
        return answer(faults, () -> WireJson.array(service.exchange().maintenance() ? 0 : 1));
    }

    @GET
    @Path("ticker/{symbol}")
    @Operation(hidden = true)
    public Response ticker(@PathParam("symbol") String symbol) {
        return answer(faults, () -> service.exchange().ticker(symbol));
    }

    @GET
    @Path("tickers")
    @Operation(hidden = true)
    public Response tickers(@QueryParam("symbols") String symbols) {
        return answer(faults, () -> {
            Exchange ex = service.exchange();
            Set<String> wanted = symbols == null || symbols.isBlank() || symbols.equals("ALL") ? null
                    : new LinkedHashSet<>(Arrays.asList(symbols.split(",")));
            ArrayNode out = WireJson.array();
            for (Market m : ex.markets()) {
                if (wanted == null || wanted.contains(m.symbol())) {
                    ArrayNode row = WireJson.array(m.symbol());
                    ex.ticker(m.symbol()).forEach(row::add);
                    out.add(row);
                }
            }
            return out;
        });
    }

    @GET
    @Path("candles/{key}/{section}")
    @Operation(hidden = true)
    public Response candles(@PathParam("key") String key, @PathParam("section") String section,
                            @QueryParam("limit") String limit, @QueryParam("start") String start,
                            @QueryParam("end") String end, @QueryParam("sort") String sort) {
        return answer(faults, () -> {
            Exchange ex = service.exchange();
            String[] parts = key.split(":", 3);
            if (parts.length != 3 || !parts[0].equals("trade")) {
                throw ExchangeException.invalid("key");
            }
            Timeframe tf = Timeframe.of(parts[1]).orElseThrow(() -> ExchangeException.invalid("time_frame"));
            Market m = ex.market(parts[2]);
            long now = ex.now();
            return ex.locked(() -> {
                if (section.equals("last")) {
                    Candle c = m.lastCandle(tf);
                    return c == null ? WireJson.array() : Exchange.candleArray(c);
                }
                if (!section.equals("hist")) {
                    throw ExchangeException.invalid("section");
                }
                int n = limit(limit, 100);
                long from = longParam(start, "start", Long.MIN_VALUE);
                long to = longParam(end, "end", now);
                List<Candle> rows = m.candles(tf, from, to);
                return page(rows.stream().map(Exchange::candleArray).toList(), n, ascending(sort));
            });
        });
    }

    @GET
    @Path("trades/{symbol}/hist")
    @Operation(hidden = true)
    public Response trades(@PathParam("symbol") String symbol, @QueryParam("limit") String limit,
                           @QueryParam("start") String start, @QueryParam("end") String end,
                           @QueryParam("sort") String sort) {
        return answer(faults, () -> {
            Exchange ex = service.exchange();
            Market m = ex.market(symbol);
            return ex.locked(() -> {
                int n = limit(limit, 125);
                long from = longParam(start, "start", Long.MIN_VALUE);
                long to = longParam(end, "end", Long.MAX_VALUE);
                List<ArrayNode> rows = new ArrayList<>();
                for (PublicTrade t : m.trades()) {
                    if (t.mts() >= from && t.mts() <= to) {
                        rows.add(Exchange.tradeArray(t));
                    }
                }
                return page(rows, n, ascending(sort));
            });
        });
    }

    @GET
    @Path("book/{symbol}/{prec}")
    @Operation(hidden = true)
    public Response book(@PathParam("symbol") String symbol, @PathParam("prec") String prec,
                         @QueryParam("len") String len) {
        return answer(faults, () -> {
            Exchange ex = service.exchange();
            Market m = ex.market(symbol);
            if (!prec.matches("P[0-4]|R0")) {
                throw ExchangeException.invalid("prec");
            }
            String l = len == null ? "25" : len;
            if (!l.matches("1|25|100|250")) {
                throw ExchangeException.invalid("len");
            }
            int n = Integer.parseInt(l);
            return ex.locked(() -> {
                ArrayNode rows = WireJson.array();
                int id = 0;
                for (boolean bids : new boolean[]{true, false}) {
                    int i = 0;
                    for (Market.BookLevel level : m.levels(bids)) {
                        if (i++ >= n) {
                            break;
                        }
                        var amount = bids ? level.amount() : level.amount().negate();
                        rows.add(prec.equals("R0") ? WireJson.array(1_000_000L + ++id, level.price(), amount)
                                : WireJson.array(level.price(), 1, amount));
                    }
                }
                return rows;
            });
        });
    }

    @GET
    @Path("conf/{keys}")
    @Operation(hidden = true)
    public Response conf(@PathParam("keys") String keys) {
        return answer(faults, () -> {
            ArrayNode out = WireJson.array();
            for (String key : keys.split(",")) {
                out.add(confValue(key.trim()));
            }
            return out;
        });
    }

    private JsonNode confValue(String key) {
        List<Instrument> instruments = service.exchange().markets().stream().map(Market::instrument).toList();
        return switch (key) {
            case "pub:list:pair:exchange" -> WireJson.array(instruments.stream().map(Instrument::pair).toArray());
            case "pub:list:pair:margin" -> WireJson.array(instruments.stream().filter(Instrument::margin)
                    .map(Instrument::pair).toArray());
            case "pub:list:currency" -> {
                Set<String> currencies = new LinkedHashSet<>();
                instruments.forEach(i -> {
                    currencies.add(i.base());
                    currencies.add(i.quote());
                });
                yield WireJson.array(currencies.toArray());
            }
            case "pub:info:pair" -> {
                ArrayNode rows = WireJson.array();
                for (Instrument i : instruments) {
                    rows.add(WireJson.array(i.pair(), WireJson.array(null, null, null, Prices.text(i.minSize()),
                            Prices.text(i.maxSize()), null, null, null, 0.2, 0.1)));
                }
                yield rows;
            }
            case "pub:map:currency:sym" -> {
                ArrayNode rows = WireJson.array();
                instruments.forEach(i -> {
                    if (i.base().startsWith("TEST")) {
                        rows.add(WireJson.array(i.base(), i.base()));
                    }
                });
                yield rows;
            }
            default -> WireJson.array();
        };
    }

    private static int limit(String limit, int def) {
        if (limit == null || limit.isBlank()) {
            return def;
        }
        try {
            int n = Integer.parseInt(limit.trim());
            if (n < 1 || n > MAX_LIMIT) {
                throw ExchangeException.invalid("limit");
            }
            return n;
        } catch (NumberFormatException e) {
            throw ExchangeException.invalid("limit");
        }
    }

    private static long longParam(String value, String name, long def) {
        if (value == null || value.isBlank()) {
            return def;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw ExchangeException.invalid(name);
        }
    }

    private static boolean ascending(String sort) {
        return Optional.ofNullable(sort).map(String::trim).filter("1"::equals).isPresent();
    }

    /** Rows come oldest first: newest-first (default) keeps the newest {@code limit}; ascending the oldest. */
    private static ArrayNode page(List<ArrayNode> oldestFirst, int limit, boolean ascending) {
        ArrayNode out = WireJson.array();
        if (ascending) {
            oldestFirst.stream().limit(limit).forEach(out::add);
        } else {
            for (int i = oldestFirst.size() - 1; i >= 0 && out.size() < limit; i--) {
                out.add(oldestFirst.get(i));
            }
        }
        return out;
    }
}
