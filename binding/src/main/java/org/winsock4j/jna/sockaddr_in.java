package org.winsock4j.jna;

import com.sun.jna.Structure;

/** ws2def.h {@code SOCKADDR_IN}: 16 bytes; port and address in network byte order. */
@Structure.FieldOrder({"sin_family", "sin_port", "sin_addr", "sin_zero"})
public class sockaddr_in extends SdkStructure {
    /** AF_INET. */
    public short sin_family;
    /** The port, network byte order. */
    public short sin_port;
    /** IN_ADDR as its four bytes, network order. */
    public byte[] sin_addr = new byte[4];
    /** Padding, left zero. */
    public byte[] sin_zero = new byte[8];
}
