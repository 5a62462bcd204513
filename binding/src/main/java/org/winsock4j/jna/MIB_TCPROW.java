package org.winsock4j.jna;

import com.sun.jna.Structure;

/**
 * tcpmib.h {@code MIB_TCPROW}: five DWORDs, 20 bytes ({@code dwState} shares its DWORD with the
 * {@code MIB_TCP_STATE State} of an anonymous union). jna-platform maps the OWNER_PID rows but not
 * this one, which SetTcpEntry takes.
 */
@Structure.FieldOrder({"dwState", "dwLocalAddr", "dwLocalPort", "dwRemoteAddr", "dwRemotePort"})
public class MIB_TCPROW extends SdkStructure {
    /** The connection's state, a MIB_TCP_STATE value; 12 (DELETE_TCB) for SetTcpEntry. */
    public int dwState;
    /** The local IPv4 address, network byte order. */
    public int dwLocalAddr;
    /** The local port, network byte order in the low 16 bits. */
    public int dwLocalPort;
    /** The remote IPv4 address, network byte order. */
    public int dwRemoteAddr;
    /** The remote port, network byte order in the low 16 bits. */
    public int dwRemotePort;

    /**
     * A row read from native memory (a MIB_TCPTABLE's table[i]).
     *
     * @param p the address of the row's first byte
     * @return a row backed by that memory, its fields read
     */
    public static MIB_TCPROW at(com.sun.jna.Pointer p) {
        MIB_TCPROW r = new MIB_TCPROW();
        r.useMemory(p);
        r.read();
        return r;
    }
}
