package io.tradingbot.bitfinex.error;

/** 20060: the platform is in maintenance; trading and new authentications are refused until it ends (20061). */
public class MaintenanceException extends BitfinexException {
    public MaintenanceException(String message, Integer code, int httpStatus) {
        super(message, code, httpStatus);
    }

    @Override
    public boolean isTransient() {
        return true;
    }
}
