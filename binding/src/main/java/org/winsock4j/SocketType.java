package org.winsock4j;

import org.winsock4j.port.Sdk;

/** Socket types: a byte stream (TCP) or datagrams (UDP). */
public enum SocketType {
    STREAM(Sdk.SOCK_STREAM),
    DGRAM(Sdk.SOCK_DGRAM);

    final int type;

    SocketType(int type) {
        this.type = type;
    }

    public int sdkValue() {
        return type;
    }
}
