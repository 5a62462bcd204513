package org.winsock4j;

import java.io.IOException;
import java.net.SocketException;

/**
 * {@link WinSocket#sendAndShutdown(java.nio.ByteBuffer)} failed part-way: says how many of the
 * final bytes send took before the failure, and whether the sending side was shut down. The
 * cause is the failure itself (a {@link WinsockError}, or a {@link SocketClosedException} when
 * the socket was closed meanwhile); the buffer's position has advanced by {@link #bytesSent()}.
 */
public final class IncompleteDisconnectException extends SocketException {
    private static final long serialVersionUID = 1L;

    /** Bytes of the final data send took. */
    private final long bytesSent;
    /** Bytes of the final data not sent. */
    private final long bytesUnsent;

    IncompleteDisconnectException(long bytesSent, long bytesUnsent, IOException cause) {
        super("disconnect incomplete: " + bytesSent + " of " + (bytesSent + bytesUnsent) + " final bytes sent, "
                + (bytesUnsent == 0 ? "then shutdown(SD_SEND) failed" : "send failed; not shut down")
                + ": " + cause.getMessage());
        this.bytesSent = bytesSent;
        this.bytesUnsent = bytesUnsent;
        initCause(cause);
    }

    /**
     * How many of the final bytes send took (queued for the peer) before the failure.
     *
     * @return the count, 0 to all of them
     */
    public long bytesSent() {
        return bytesSent;
    }

    /**
     * How many of the final bytes were not sent; 0 when all were and shutdown(SD_SEND) failed.
     *
     * @return the count
     */
    public long bytesUnsent() {
        return bytesUnsent;
    }
}
