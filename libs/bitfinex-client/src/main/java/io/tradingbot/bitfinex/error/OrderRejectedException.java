package io.tradingbot.bitfinex.error;

import io.tradingbot.bitfinex.model.Notification;

/** An order request answered by a notification with status ERROR or FAILURE; the text says why. */
public class OrderRejectedException extends BitfinexException {

    private final transient Notification notification;

    public OrderRejectedException(Notification notification) {
        super(notification.type() + " " + notification.status() + ": " + notification.text(), notification.code(), 0);
        this.notification = notification;
    }

    public Notification notification() {
        return notification;
    }
}
