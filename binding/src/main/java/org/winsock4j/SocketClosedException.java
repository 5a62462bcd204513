package org.winsock4j;

import java.net.SocketException;

/**
 * The {@link WinSocket} was closed (or its close had begun) before this call: nothing reached
 * ws2_32, so the call could not touch a descriptor the system may already have reused
 * (closesocket remarks). Also what a call blocked in another thread ends with when close()
 * cancels it: then {@link #getCause()} is the exception ({@link WinsockError}) ws2_32's error made for it
 * (WSAEINTR or WSA_OPERATION_ABORTED on Windows). The message says why when it was not this
 * WinSocket's own close: a borrowed view whose owner closed the socket, or a WinSocket whose
 * number was closed behind its back and given to a new socket ({@link Winsock#adopt}).
 */
public final class SocketClosedException extends SocketException {
    private static final long serialVersionUID = 1L;

    SocketClosedException(String operation) {
        this(operation, (String) null);
    }

    SocketClosedException(String operation, String why) {
        super(operation + " refused: the socket is closed" + (why == null ? "" : " (" + why + ")"));
    }

    SocketClosedException(String operation, java.io.IOException interruption) {
        this(operation, interruption, null);
    }

    SocketClosedException(String operation, java.io.IOException interruption, String why) {
        super(operation + " ended: the socket was closed by another thread" + (why == null ? "" : " (" + why + ")"));
        initCause(interruption);
    }
}
