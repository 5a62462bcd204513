package org.winsock4j;

import org.winsock4j.port.Sdk;

/** The protocol argument of socket(): the type's default, TCP or UDP. */
public enum Protocol {
    DEFAULT(Sdk.IPPROTO_IP),
    TCP(Sdk.IPPROTO_TCP),
    UDP(Sdk.IPPROTO_UDP);

    final int protocol;

    Protocol(int protocol) {
        this.protocol = protocol;
    }

    public int sdkValue() {
        return protocol;
    }
}
