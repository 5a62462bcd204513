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

    /**
     * The SDK value (SD_RECEIVE = 0, SD_SEND = 1, SD_BOTH = 2).
     *
     * @return the {@code how} argument that shutdown() takes
     */
    public int sdkValue() {
        return how;
    }
}
