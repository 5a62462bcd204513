package org.winsock4j.jna;

import com.sun.jna.Structure;

/**
 * tcpmib.h {@code MIB_TCPROW}: five DWORDs, 20 bytes ({@code dwState} shares its DWORD with the
 * {@code MIB_TCP_STATE State} of an anonymous union). jna-platform maps the OWNER_PID rows but not
 * this one, which SetTcpEntry takes.
 */
@Structure.FieldOrder({"dwState", "dwLocalAddr", "dwLocalPort", "dwRemoteAddr", "dwRemotePort"})
public class MIB_TCPROW extends SdkStructure {
    public int dwState;
    public int dwLocalAddr;
    public int dwLocalPort;
    public int dwRemoteAddr;
    public int dwRemotePort;

    /** A row read from native memory (a MIB_TCPTABLE's table[i]). */
    public static MIB_TCPROW at(com.sun.jna.Pointer p) {
        MIB_TCPROW r = new MIB_TCPROW();
        r.useMemory(p);
        r.read();
        return r;
    }
}
