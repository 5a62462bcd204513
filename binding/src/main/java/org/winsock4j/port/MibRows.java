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
    /** TCP state: closed. */
    public static final int MIB_TCP_STATE_CLOSED = 1;
    /** TCP state: listening. */
    public static final int MIB_TCP_STATE_LISTEN = 2;
    /** TCP state: SYN sent, waiting for the SYN-ACK. */
    public static final int MIB_TCP_STATE_SYN_SENT = 3;
    /** TCP state: SYN received, waiting for the final ACK. */
    public static final int MIB_TCP_STATE_SYN_RCVD = 4;
    /** TCP state: established. */
    public static final int MIB_TCP_STATE_ESTAB = 5;
    /** TCP state: closed locally, FIN sent. */
    public static final int MIB_TCP_STATE_FIN_WAIT1 = 6;
    /** TCP state: our FIN acknowledged, waiting for the peer's FIN. */
    public static final int MIB_TCP_STATE_FIN_WAIT2 = 7;
    /** TCP state: the peer closed, waiting for the local close. */
    public static final int MIB_TCP_STATE_CLOSE_WAIT = 8;
    /** TCP state: both sides closed at once, waiting for the ACK of our FIN. */
    public static final int MIB_TCP_STATE_CLOSING = 9;
    /** TCP state: the peer closed first, then we did; waiting for the last ACK. */
    public static final int MIB_TCP_STATE_LAST_ACK = 10;
    /** TCP state: closed; waiting 2 MSL before the row goes. */
    public static final int MIB_TCP_STATE_TIME_WAIT = 11;
    /** Not a state: the dwState given to SetTcpEntry to end a connection. */
    public static final int MIB_TCP_STATE_DELETE_TCB = 12;

    // iprtrmib.h: TCP_TABLE_CLASS / UDP_TABLE_CLASS values used.
    /** TCP_TABLE_CLASS: every IPv4 connection as a MIB_TCPROW, without owners. */
    public static final int TCP_TABLE_BASIC_ALL = 2;
    /** TCP_TABLE_CLASS: every connection with its owning process id. */
    public static final int TCP_TABLE_OWNER_PID_ALL = 5;
    /** UDP_TABLE_CLASS: every endpoint with its owning process id. */
    public static final int UDP_TABLE_OWNER_PID = 1;

    // winerror.h: the Win32 codes IP Helper returns that the safe layer names.
    /** Success. */
    public static final int NO_ERROR = 0;
    /** Access is denied: SetTcpEntry from a process that is not elevated. */
    public static final int ERROR_ACCESS_DENIED = 5;
    /** The request is not supported: the platform does not implement it. */
    public static final int ERROR_NOT_SUPPORTED = 50;
    /** A parameter is invalid, e.g. a SetTcpEntry row whose state is not DELETE_TCB. */
    public static final int ERROR_INVALID_PARAMETER = 87;
    /** The buffer is too small; the call wrote the size it needs. */
    public static final int ERROR_INSUFFICIENT_BUFFER = 122;
    /** 317: what SetTcpEntry returns when the process runs non-elevated. */
    public static final int ERROR_MR_MID_NOT_FOUND = 317;
    /** Element not found. */
    public static final int ERROR_NOT_FOUND = 1168;

    /**
     * MIB_TCPROW_OWNER_PID.
     *
     * @param dwState the connection's state, a {@code MIB_TCP_STATE_*} value
     * @param dwLocalAddr the local IPv4 address, network byte order read as a little-endian DWORD
     * @param dwLocalPort the local port, network byte order in the low 16 bits
     * @param dwRemoteAddr the remote IPv4 address, network byte order read as a little-endian DWORD
     * @param dwRemotePort the remote port, network byte order in the low 16 bits
     * @param dwOwningPid the id of the process that owns the connection
     */
    public record TcpRow(int dwState, int dwLocalAddr, int dwLocalPort, int dwRemoteAddr, int dwRemotePort,
            int dwOwningPid) {}

    /**
     * MIB_TCP6ROW_OWNER_PID (16-byte addresses in network byte order).
     *
     * @param ucLocalAddr the local IPv6 address, 16 bytes (copied in and out)
     * @param dwLocalScopeId the local address's scope id
     * @param dwLocalPort the local port, network byte order in the low 16 bits
     * @param ucRemoteAddr the remote IPv6 address, 16 bytes (copied in and out)
     * @param dwRemoteScopeId the remote address's scope id
     * @param dwRemotePort the remote port, network byte order in the low 16 bits
     * @param dwState the connection's state, a {@code MIB_TCP_STATE_*} value
     * @param dwOwningPid the id of the process that owns the connection
     */
    public record Tcp6Row(byte[] ucLocalAddr, int dwLocalScopeId, int dwLocalPort, byte[] ucRemoteAddr,
            int dwRemoteScopeId, int dwRemotePort, int dwState, int dwOwningPid) {
        /**
         * A row holding copies of the two address arrays.
         *
         * @param ucLocalAddr the local IPv6 address, 16 bytes
         * @param dwLocalScopeId the local address's scope id
         * @param dwLocalPort the local port, network byte order in the low 16 bits
         * @param ucRemoteAddr the remote IPv6 address, 16 bytes
         * @param dwRemoteScopeId the remote address's scope id
         * @param dwRemotePort the remote port, network byte order in the low 16 bits
         * @param dwState the connection's state, a {@code MIB_TCP_STATE_*} value
         * @param dwOwningPid the id of the process that owns the connection
         */
        public Tcp6Row {
            ucLocalAddr = ucLocalAddr.clone();
            ucRemoteAddr = ucRemoteAddr.clone();
        }

        /**
         * The local IPv6 address.
         *
         * @return a copy of the 16 bytes, network byte order
         */
        @Override
        public byte[] ucLocalAddr() {
            return ucLocalAddr.clone();
        }

        /**
         * The remote IPv6 address.
         *
         * @return a copy of the 16 bytes, network byte order
         */
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

    /**
     * MIB_UDPROW_OWNER_PID.
     *
     * @param dwLocalAddr the local IPv4 address, network byte order read as a little-endian DWORD
     * @param dwLocalPort the local port, network byte order in the low 16 bits
     * @param dwOwningPid the id of the process that owns the endpoint
     */
    public record UdpRow(int dwLocalAddr, int dwLocalPort, int dwOwningPid) {}

    /**
     * MIB_UDP6ROW_OWNER_PID.
     *
     * @param ucLocalAddr the local IPv6 address, 16 bytes (copied in and out)
     * @param dwLocalScopeId the local address's scope id
     * @param dwLocalPort the local port, network byte order in the low 16 bits
     * @param dwOwningPid the id of the process that owns the endpoint
     */
    public record Udp6Row(byte[] ucLocalAddr, int dwLocalScopeId, int dwLocalPort, int dwOwningPid) {
        /**
         * A row holding a copy of the address array.
         *
         * @param ucLocalAddr the local IPv6 address, 16 bytes
         * @param dwLocalScopeId the local address's scope id
         * @param dwLocalPort the local port, network byte order in the low 16 bits
         * @param dwOwningPid the id of the process that owns the endpoint
         */
        public Udp6Row {
            ucLocalAddr = ucLocalAddr.clone();
        }

        /**
         * The local IPv6 address.
         *
         * @return a copy of the 16 bytes, network byte order
         */
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
    /** Offset of the first row in a MIB_TCPTABLE, after its DWORD dwNumEntries. */
    public static final int MIB_TCPTABLE_TABLE = 4;

    /**
     * MIB_TCPROW (the row SetTcpEntry takes, and TCP_TABLE_BASIC_ALL returns).
     *
     * @param dwState the connection's state, a {@code MIB_TCP_STATE_*} value ({@link #MIB_TCP_STATE_DELETE_TCB}
     *     for SetTcpEntry)
     * @param dwLocalAddr the local IPv4 address, network byte order read as a little-endian DWORD
     * @param dwLocalPort the local port, network byte order in the low 16 bits
     * @param dwRemoteAddr the remote IPv4 address, network byte order read as a little-endian DWORD
     * @param dwRemotePort the remote port, network byte order in the low 16 bits
     */
    public record TcpRowBasic(int dwState, int dwLocalAddr, int dwLocalPort, int dwRemoteAddr, int dwRemotePort) {}
}
