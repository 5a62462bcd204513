package org.winsock4j;

import java.net.InetSocketAddress;

/**
 * What {@link WinSocket#recvFrom(java.nio.ByteBuffer)} and {@link WinSocket#peekFrom} return: one
 * datagram's length and where it came from, as recvfrom reported it. The source is {@code null}
 * when recvfrom reported none: on a connection-oriented (TCP) socket, where the recvfrom page
 * says from and fromlen are ignored; the bytes received are counted all the same.
 *
 * @param length the number of bytes received (0 for an empty datagram)
 * @param source the sender's address and port, IPv4 or IPv6 as recvfrom reported it, or
 *     {@code null} when it reported none
 * @see <a href="https://learn.microsoft.com/en-us/windows/win32/api/winsock/nf-winsock-recvfrom">recvfrom function (winsock.h)</a>
 */
public record ReceivedFrom(int length, InetSocketAddress source) {
    /**
     * Checks the components.
     *
     * @param length the number of bytes received, not negative
     * @param source the sender's address and port, or {@code null} when recvfrom reported none
     * @throws IllegalArgumentException if {@code length} is negative
     */
    public ReceivedFrom {
        if (length < 0) {
            throw new IllegalArgumentException("length " + length + " is negative");
        }
    }
}
