package org.winsock4j.jna;

import com.sun.jna.Structure;

/** ws2ipdef.h {@code SOCKADDR_IN6}: 28 bytes; the scope union is read as its ULONG member. */
@Structure.FieldOrder({"sin6_family", "sin6_port", "sin6_flowinfo", "sin6_addr", "sin6_scope_id"})
public class sockaddr_in6 extends SdkStructure {
    /** AF_INET6. */
    public short sin6_family;
    /** The port, network byte order. */
    public short sin6_port;
    /** The IPv6 flow information. */
    public int sin6_flowinfo;
    /** IN6_ADDR as its sixteen bytes, network order. */
    public byte[] sin6_addr = new byte[16];
    /** The zone of a link-local or site-local address. */
    public int sin6_scope_id;
}
