package io.tradingbot.order.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.tradingbot.bitfinex.error.BitfinexException;
import io.tradingbot.bitfinex.error.OrderRejectedException;
import io.tradingbot.bitfinex.error.RateLimitException;
import io.tradingbot.bitfinex.error.ServerErrorException;
import io.tradingbot.bitfinex.error.TransportException;
import io.tradingbot.bitfinex.model.ClientOrderId;
import io.tradingbot.bitfinex.model.Notification;
import io.tradingbot.bitfinex.model.OrderRequest;
import io.tradingbot.bitfinex.model.SubmittedOrder;
import io.tradingbot.bitfinex.rest.BitfinexRestClient;
import io.tradingbot.bitfinex.ws.BitfinexWebSocketClient;
import io.tradingbot.order.config.OrderConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends one order to the exchange and returns its answer, whichever way it went ({@code order.entry}). Over the
 * authenticated WebSocket ({@code [0,"on",null,{...}]}, answered by {@code n on-req}) orders carry no nonce, so lanes of
 * different symbols do not queue behind one another as signed REST requests do; over REST while the socket is not
 * authenticated, or always with {@code order.entry=rest}.
 * <p>
 * Both routes keep the REST client's contract, so callers handle them alike: an ERROR answer throws
 * {@link OrderRejectedException}; a lost answer (REST: timeout, 5xx, 429; WebSocket: no {@code on-req} within
 * {@code order.ws-answer-timeout}, or the socket dropped) is looked up once by cid and returned with
 * {@code recoveredByLookup}, else thrown as a {@link TransportException} or the REST error — never resent here.
 */
@ApplicationScoped
public class OrderEntry {
    private static final Logger LOG = Logger.getLogger(OrderEntry.class);

    /** The way an order went; the {@code route} tag of {@code tradingbot.exchange.submit}. */
    public enum Route {
        WEBSOCKET, REST;

        public String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final BitfinexRestClient rest;
    private final BitfinexWebSocketClient socket;
    private final OrderConfig config;
    private final MeterRegistry metrics;

    public OrderEntry(BitfinexRestClient rest, BitfinexWebSocketClient socket, OrderConfig config, MeterRegistry metrics) {
        this.rest = rest;
        this.socket = socket;
        this.config = config;
        this.metrics = metrics;
    }

    /**
     * One submit, timed: how long the exchange takes to answer an order is the latency a trader pays. The outcome tells
     * an answer, an order found by cid after its answer was lost, a refusal, and no answer at all; the route how it went.
     *
     * @throws OrderRejectedException (or another non-transient {@link BitfinexException}) when the exchange refuses it
     * @throws TransportException, RateLimitException, ServerErrorException when the answer was lost and the order was
     *         not found by cid: the outcome is unknown, look it up again before any resend
     */
    public SubmittedOrder submit(OrderRequest request) {
        OrderRequest withCid = request.cid() != null ? request : request.withCid(ClientOrderId.next());
        Timer.Sample sample = Timer.start(metrics);
        Route route = Route.REST;
        String outcome = "no_answer";
        try {
            SubmittedOrder submitted = null;
            if (config.entry() == OrderConfig.Entry.WEBSOCKET && socket.isAuthenticated() && !socket.isPaused()) {
                route = Route.WEBSOCKET;
                submitted = overSocket(withCid);
            }
            if (submitted == null) {
                route = Route.REST;
                submitted = rest.submitOrder(withCid);
            }
            outcome = submitted.recoveredByLookup() ? "found_by_cid" : "answered";
            return submitted;
        } catch (RateLimitException | ServerErrorException | TransportException e) {
            outcome = "no_answer";
            throw e;
        } catch (BitfinexException e) {
            outcome = "refused";
            throw e;
        } finally {
            sample.stop(Timer.builder("tradingbot.exchange.submit")
                    .description("Time from sending an order to the exchange's answer")
                    .tag("outcome", outcome)
                    .tag("route", route.tag())
                    .publishPercentileHistogram()
                    .register(metrics));
        }
    }

    /** The order over the socket; null when it did not leave (the socket stopped being usable just before). */
    private SubmittedOrder overSocket(OrderRequest request) {
        long cid = request.cid();
        LocalDate cidDate = LocalDate.now(ZoneOffset.UTC);
        CompletableFuture<Notification> answer = socket.submitOrderAsync(request);
        TransportException lost;
        try {
            Notification notification = answer.get(config.wsAnswerTimeout().toMillis(), TimeUnit.MILLISECONDS);
            // The same SubmittedOrder the REST client makes of its on-req (Notification reads both DATA shapes).
            return new SubmittedOrder(cid, notification.orders(), notification, false);
        } catch (TimeoutException e) {
            answer.cancel(false); // no longer awaited; the order's events still come on the socket
            lost = new TransportException("no answer to order cid " + cid + " on the WebSocket within "
                    + config.wsAnswerTimeout(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            lost = new TransportException("interrupted while awaiting the answer to order cid " + cid, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof OrderRejectedException rejected) {
                throw rejected;
            }
            if (cause instanceof TransportException dropped) {
                lost = dropped; // the socket dropped after the frame may have left
            } else {
                // Thrown by the send itself (channel 0 not authenticated, maintenance): the frame never left.
                LOG.debugf("order cid %d not sent on the WebSocket (%s); sending it over REST", cid, cause.getMessage());
                return null;
            }
        }
        // As the REST client does with a lost answer: look once by cid; found → that order, else the outcome is unknown.
        LOG.warnf("order cid %d got no answer on the WebSocket (%s); looking it up by cid instead of resending", cid,
                lost.getMessage());
        return rest.recoverLostSubmit(request.symbol(), cid, cidDate, lost);
    }
}
