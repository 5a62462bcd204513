package org.winsock4j;

import org.winsock4j.port.Sdk;

/** Socket types: a byte stream (TCP) or datagrams (UDP). */
public enum SocketType {
    /** SOCK_STREAM: a connected, reliable byte stream. */
    STREAM(Sdk.SOCK_STREAM),
    /** SOCK_DGRAM: connectionless datagrams. */
    DGRAM(Sdk.SOCK_DGRAM);

    final int type;

    SocketType(int type) {
        this.type = type;
    }

    /**
     * The SDK value (SOCK_STREAM = 1, SOCK_DGRAM = 2).
     *
     * @return the {@code type} argument that socket() takes
     */
    public int sdkValue() {
        return type;
    }
}
