package org.winsock4j;

import java.net.SocketException;

/**
 * The {@link WinSocket} was closed (or its close had begun) before this call: nothing reached
 * ws2_32, so the call could not touch a descriptor the system may already have reused
 * (closesocket remarks).
 */
public final class SocketClosedException extends SocketException {
    private static final long serialVersionUID = 1L;

    SocketClosedException(String operation) {
        super(operation + " refused: the socket is closed");
    }
}
