package org.winsock4j;

import org.winsock4j.port.Sdk;

/** The protocol argument of socket(): the type's default, TCP or UDP. */
public enum Protocol {
    /** 0 (IPPROTO_IP): the provider picks the type's protocol, TCP or UDP. */
    DEFAULT(Sdk.IPPROTO_IP),
    /** IPPROTO_TCP. */
    TCP(Sdk.IPPROTO_TCP),
    /** IPPROTO_UDP. */
    UDP(Sdk.IPPROTO_UDP);

    final int protocol;

    Protocol(int protocol) {
        this.protocol = protocol;
    }

    /**
     * The SDK value (IPPROTO_IP = 0, IPPROTO_TCP = 6, IPPROTO_UDP = 17).
     *
     * @return the {@code protocol} argument that socket() takes
     */
    public int sdkValue() {
        return protocol;
    }
}
