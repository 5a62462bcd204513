package org.winsock4j.port;

import java.util.Arrays;

/**
 * IP Helper's table rows as the SDK defines them (tcpmib.h, udpmib.h), field for field and with
 * the SDK's raw values: a {@code dwLocalAddr} is the IPv4 address in network byte order as a
 * little-endian DWORD reads it (127.0.0.1 is 0x0100007f), a {@code dwLocalPort} holds the port in
 * network byte order in its low 16 bits, a {@code dwState} is an {@code MIB_TCP_STATE} value.
 * {@code org.winsock4j.tcp} turns them into Java types.
 */
public final class MibRows {
    private MibRows() {}

    // tcpmib.h: MIB_TCP_STATE
    public static final int MIB_TCP_STATE_CLOSED = 1;
    public static final int MIB_TCP_STATE_LISTEN = 2;
    public static final int MIB_TCP_STATE_SYN_SENT = 3;
    public static final int MIB_TCP_STATE_SYN_RCVD = 4;
    public static final int MIB_TCP_STATE_ESTAB = 5;
    public static final int MIB_TCP_STATE_FIN_WAIT1 = 6;
    public static final int MIB_TCP_STATE_FIN_WAIT2 = 7;
    public static final int MIB_TCP_STATE_CLOSE_WAIT = 8;
    public static final int MIB_TCP_STATE_CLOSING = 9;
    public static final int MIB_TCP_STATE_LAST_ACK = 10;
    public static final int MIB_TCP_STATE_TIME_WAIT = 11;
    public static final int MIB_TCP_STATE_DELETE_TCB = 12;

    // iprtrmib.h: TCP_TABLE_CLASS / UDP_TABLE_CLASS values used.
    public static final int TCP_TABLE_BASIC_ALL = 2;
    public static final int TCP_TABLE_OWNER_PID_ALL = 5;
    public static final int UDP_TABLE_OWNER_PID = 1;

    // winerror.h: the Win32 codes IP Helper returns that the safe layer names.
    public static final int NO_ERROR = 0;
    public static final int ERROR_ACCESS_DENIED = 5;
    public static final int ERROR_NOT_SUPPORTED = 50;
    public static final int ERROR_INVALID_PARAMETER = 87;
    public static final int ERROR_INSUFFICIENT_BUFFER = 122;
    public static final int ERROR_MR_MID_NOT_FOUND = 317;
    public static final int ERROR_NOT_FOUND = 1168;

    /** MIB_TCPROW_OWNER_PID. */
    public record TcpRow(int dwState, int dwLocalAddr, int dwLocalPort, int dwRemoteAddr, int dwRemotePort,
            int dwOwningPid) {}

    /** MIB_TCP6ROW_OWNER_PID (16-byte addresses in network byte order). */
    public record Tcp6Row(byte[] ucLocalAddr, int dwLocalScopeId, int dwLocalPort, byte[] ucRemoteAddr,
            int dwRemoteScopeId, int dwRemotePort, int dwState, int dwOwningPid) {
        public Tcp6Row {
            ucLocalAddr = ucLocalAddr.clone();
            ucRemoteAddr = ucRemoteAddr.clone();
        }

        @Override
        public byte[] ucLocalAddr() {
            return ucLocalAddr.clone();
        }

        @Override
        public byte[] ucRemoteAddr() {
            return ucRemoteAddr.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Tcp6Row r && Arrays.equals(ucLocalAddr, r.ucLocalAddr) && dwLocalScopeId == r.dwLocalScopeId
                    && dwLocalPort == r.dwLocalPort && Arrays.equals(ucRemoteAddr, r.ucRemoteAddr)
                    && dwRemoteScopeId == r.dwRemoteScopeId && dwRemotePort == r.dwRemotePort && dwState == r.dwState
                    && dwOwningPid == r.dwOwningPid;
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(ucLocalAddr) * 31 + dwLocalPort * 17 + dwRemotePort;
        }

        @Override
        public String toString() {
            return "Tcp6Row[" + Arrays.toString(ucLocalAddr) + ":" + dwLocalPort + " -> " + Arrays.toString(ucRemoteAddr)
                    + ":" + dwRemotePort + ", state " + dwState + ", pid " + dwOwningPid + "]";
        }
    }

    /** MIB_UDPROW_OWNER_PID. */
    public record UdpRow(int dwLocalAddr, int dwLocalPort, int dwOwningPid) {}

    /** MIB_UDP6ROW_OWNER_PID. */
    public record Udp6Row(byte[] ucLocalAddr, int dwLocalScopeId, int dwLocalPort, int dwOwningPid) {
        public Udp6Row {
            ucLocalAddr = ucLocalAddr.clone();
        }

        @Override
        public byte[] ucLocalAddr() {
            return ucLocalAddr.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Udp6Row r && Arrays.equals(ucLocalAddr, r.ucLocalAddr) && dwLocalScopeId == r.dwLocalScopeId
                    && dwLocalPort == r.dwLocalPort && dwOwningPid == r.dwOwningPid;
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(ucLocalAddr) * 31 + dwLocalPort;
        }

        @Override
        public String toString() {
            return "Udp6Row[" + Arrays.toString(ucLocalAddr) + ":" + dwLocalPort + ", pid " + dwOwningPid + "]";
        }
    }

    /** Size of a MIB_TCPROW, and of the dwNumEntries before a table's rows. */
    public static final int SIZEOF_MIB_TCPROW = 20;
    public static final int MIB_TCPTABLE_TABLE = 4;

    /** MIB_TCPROW (the row SetTcpEntry takes, and TCP_TABLE_BASIC_ALL returns). */
    public record TcpRowBasic(int dwState, int dwLocalAddr, int dwLocalPort, int dwRemoteAddr, int dwRemotePort) {}
}
