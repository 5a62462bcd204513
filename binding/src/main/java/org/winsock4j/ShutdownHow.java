package org.winsock4j;

import org.winsock4j.port.Sdk;

/** The {@code how} of shutdown: which direction(s) to close. */
public enum ShutdownHow {
    /** SD_RECEIVE: no more receives. */
    RECEIVE(Sdk.SD_RECEIVE),
    /** SD_SEND: no more sends; a FIN follows the queued data (a half-close). */
    SEND(Sdk.SD_SEND),
    /** SD_BOTH. */
    BOTH(Sdk.SD_BOTH);

    final int how;

    ShutdownHow(int how) {
        this.how = how;
    }

    public int sdkValue() {
        return how;
    }
}
