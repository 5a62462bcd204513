package org.winsock4j;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * What {@link WinSocket#recvFrom(java.nio.ByteBuffer)} and {@link WinSocket#peekFrom} return: one
 * datagram's length and where it came from.
 *
 * @param length the number of bytes received (0 for an empty datagram)
 * @param source the sender's address and port, IPv4 or IPv6 as recvfrom reported it
 * @see <a href="https://learn.microsoft.com/en-us/windows/win32/api/winsock/nf-winsock-recvfrom">recvfrom function (winsock.h)</a>
 */
public record ReceivedFrom(int length, InetSocketAddress source) {
    /**
     * Checks the components.
     *
     * @param length the number of bytes received, not negative
     * @param source the sender's address and port
     * @throws IllegalArgumentException if {@code length} is negative
     * @throws NullPointerException if {@code source} is null
     */
    public ReceivedFrom {
        if (length < 0) {
            throw new IllegalArgumentException("length " + length + " is negative");
        }
        Objects.requireNonNull(source, "source");
    }
}
