package org.winsock4j;

import java.net.SocketException;

/**
 * The {@link WinSocket} was closed (or its close had begun) before this call: nothing reached
 * ws2_32, so the call could not touch a descriptor the system may already have reused
 * (closesocket remarks). Also what a call blocked in another thread ends with when close()
 * cancels it: then {@link #getCause()} is the exception ({@link WinsockError}) ws2_32's error made for it
 * (WSAEINTR or WSA_OPERATION_ABORTED on Windows).
 */
public final class SocketClosedException extends SocketException {
    private static final long serialVersionUID = 1L;

    SocketClosedException(String operation) {
        super(operation + " refused: the socket is closed");
    }

    SocketClosedException(String operation, java.io.IOException interruption) {
        super(operation + " ended: the socket was closed by another thread");
        initCause(interruption);
    }
}
