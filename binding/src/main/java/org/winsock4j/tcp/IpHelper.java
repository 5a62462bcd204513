package org.winsock4j.tcp;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.winsock4j.internal.Lazy;
import org.winsock4j.jna.JnaIpHelperPort;
import org.winsock4j.port.IpHelperPort;
import org.winsock4j.port.MibRows;
import org.winsock4j.unguarded.SafeLayerAccess;

/**
 * TCP connections and UDP endpoints of the machine, as {@code netstat -ano},
 * Get-NetTCPConnection and Get-NetUDPEndpoint show them, and ending one TCP connection as wkillcx
 * does (IP Helper: GetExtendedTcpTable, GetExtendedUdpTable, SetTcpEntry with
 * MIB_TCP_STATE_DELETE_TCB).
 *
 * <p>{@link #system()} is iphlpapi.dll through JNA. Loading this class works on any OS; the first
 * native use elsewhere throws {@link org.winsock4j.WinsockUnavailableException}.
 */
public final class IpHelper {
    static {
        // The unsupported door for the project's tests and CLI tests (UnguardedPorts.ipHelperOver).
        SafeLayerAccess.install((SafeLayerAccess.IpHelperFactory) IpHelper::over);
    }

    private static final class SystemHolder {
        static final IpHelper SYSTEM = new IpHelper(JnaIpHelperPort::instance);
    }

    /** The backend, reached at the first call. */
    private final Lazy<IpHelperPort> port;

    private IpHelper(Supplier<? extends IpHelperPort> portSource) {
        this.port = new Lazy<>("port", portSource);
    }

    /**
     * iphlpapi.dll through JNA.
     *
     * @return the one IP Helper of this JVM over the JNA backend; the backend is reached at the
     *     first call, which throws {@link org.winsock4j.WinsockUnavailableException} off Windows
     */
    public static IpHelper system() {
        return SystemHolder.SYSTEM;
    }

    /**
     * Over another port (a test fake, a recording wrapper). Not public, as the port is not
     * (org.winsock4j.unguarded.UnguardedPorts.ipHelperOver is the tests' door).
     *
     * @param port the backend every call goes to
     * @return a new IP Helper over {@code port}
     * @throws NullPointerException if {@code port} is null
     */
    static IpHelper over(IpHelperPort port) {
        Objects.requireNonNull(port, "port");
        return new IpHelper(() -> port);
    }

    private IpHelperPort port() {
        return port.get();
    }

    /**
     * Every TCP connection and listener, IPv4 then IPv6, each sorted by local then remote address.
     *
     * @return the rows of both tables, with their owning process ids
     * @throws IpHelperException when GetExtendedTcpTable fails; the exception names its Win32 error
     */
    public List<TcpConnection> tcpConnections() throws IpHelperException {
        List<TcpConnection> all = new ArrayList<>(tcp4());
        all.addAll(tcp6());
        all.sort(Comparator.comparing((TcpConnection c) -> c.isIpv6())
                .thenComparing(c -> key(c.local())).thenComparing(c -> key(c.remote())));
        return all;
    }

    private List<TcpConnection> tcp4() throws IpHelperException {
        return read("GetExtendedTcpTable", "(AF_INET, TCP_TABLE_OWNER_PID_ALL)", port()::getTcpTableOwnerPid,
                (MibRows.TcpRow r) -> new TcpConnection(endpoint(ipv4(r.dwLocalAddr()), r.dwLocalPort()),
                        endpoint(ipv4(r.dwRemoteAddr()), r.dwRemotePort()), TcpState.ofMib(r.dwState()),
                        Integer.toUnsignedLong(r.dwOwningPid())));
    }

    private List<TcpConnection> tcp6() throws IpHelperException {
        return read("GetExtendedTcpTable", "(AF_INET6, TCP_TABLE_OWNER_PID_ALL)", port()::getTcp6TableOwnerPid,
                (MibRows.Tcp6Row r) -> new TcpConnection(endpoint(ipv6(r.ucLocalAddr(), r.dwLocalScopeId()), r.dwLocalPort()),
                        endpoint(ipv6(r.ucRemoteAddr(), r.dwRemoteScopeId()), r.dwRemotePort()),
                        TcpState.ofMib(r.dwState()), Integer.toUnsignedLong(r.dwOwningPid())));
    }

    /** One of the port's table calls: fills the list, returns the Win32 result. */
    private interface Table<R> {
        int read(List<R> rows);
    }

    /** The rows {@code table} reads, each turned into {@code T}; a failed call throws, naming {@code function}. */
    private static <R, T> List<T> read(String function, String detail, Table<R> table, Function<R, T> convert)
            throws IpHelperException {
        List<R> rows = new ArrayList<>();
        check(function, table.read(rows), detail);
        List<T> all = new ArrayList<>(rows.size());
        for (R r : rows) {
            all.add(convert.apply(r));
        }
        return all;
    }

    /**
     * Every bound UDP endpoint, IPv4 then IPv6, sorted by local address.
     *
     * @return the rows of both tables, with their owning process ids
     * @throws IpHelperException when GetExtendedUdpTable fails; the exception names its Win32 error
     */
    public List<UdpEndpoint> udpEndpoints() throws IpHelperException {
        List<UdpEndpoint> all = read("GetExtendedUdpTable", "(AF_INET, UDP_TABLE_OWNER_PID)",
                port()::getUdpTableOwnerPid, (MibRows.UdpRow r) -> new UdpEndpoint(
                        endpoint(ipv4(r.dwLocalAddr()), r.dwLocalPort()), Integer.toUnsignedLong(r.dwOwningPid())));
        all.addAll(read("GetExtendedUdpTable", "(AF_INET6, UDP_TABLE_OWNER_PID)", port()::getUdp6TableOwnerPid,
                (MibRows.Udp6Row r) -> new UdpEndpoint(endpoint(ipv6(r.ucLocalAddr(), r.dwLocalScopeId()),
                        r.dwLocalPort()), Integer.toUnsignedLong(r.dwOwningPid()))));
        all.sort(Comparator.comparing((UdpEndpoint e) -> e.isIpv6()).thenComparing(e -> key(e.local())));
        return all;
    }

    /**
     * The IPv4 TCP connections without their owners (pid 0), from TCP_TABLE_BASIC_ALL: cheaper to
     * read where the platform finds owners slowly (Wine).
     *
     * @return the IPv4 rows in the order IP Helper returned them, each with pid 0
     * @throws IpHelperException when GetExtendedTcpTable fails; the exception names its Win32 error
     */
    public List<TcpConnection> tcpConnectionsWithoutOwners() throws IpHelperException {
        return read("GetExtendedTcpTable", "(AF_INET, TCP_TABLE_BASIC_ALL)", port()::getTcpTableBasic,
                (MibRows.TcpRowBasic r) -> new TcpConnection(endpoint(ipv4(r.dwLocalAddr()), r.dwLocalPort()),
                        endpoint(ipv4(r.dwRemoteAddr()), r.dwRemotePort()), TcpState.ofMib(r.dwState()), 0));
    }

    /**
     * The state of the connection from {@code local} to {@code remote}, without its owner (read
     * as {@link #tcpConnectionsWithoutOwners()} for IPv4); empty when it is not in the table.
     *
     * @param local the connection's local address and port
     * @param remote the connection's remote address and port
     * @return the state of the matching row, or empty
     * @throws NullPointerException if {@code local} or {@code remote} is null
     * @throws IpHelperException when GetExtendedTcpTable fails; the exception names its Win32 error
     */
    public Optional<TcpState> state(InetSocketAddress local, InetSocketAddress remote) throws IpHelperException {
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(remote, "remote");
        List<TcpConnection> rows = local.getAddress() instanceof Inet4Address ? tcpConnectionsWithoutOwners() : tcp6();
        for (TcpConnection c : rows) {
            if (c.local().equals(local) && c.remote().equals(remote)) {
                return Optional.of(c.state());
            }
        }
        return Optional.empty();
    }

    /**
     * The TCP table row with exactly this local and remote address, if there is one.
     *
     * @param local the connection's local address and port
     * @param remote the connection's remote address and port
     * @return the matching row, with its owning process id, or empty
     * @throws NullPointerException if {@code local} or {@code remote} is null
     * @throws IpHelperException when GetExtendedTcpTable fails; the exception names its Win32 error
     */
    public Optional<TcpConnection> find(InetSocketAddress local, InetSocketAddress remote) throws IpHelperException {
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(remote, "remote");
        for (TcpConnection c : local.getAddress() instanceof Inet4Address ? tcp4() : tcp6()) {
            if (c.local().equals(local) && c.remote().equals(remote)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /**
     * Ends the IPv4 TCP connection from {@code local} to {@code remote} as wkillcx does:
     * SetTcpEntry with MIB_TCP_STATE_DELETE_TCB (the stack sends a reset to the remote end).
     *
     * @param local the connection's local IPv4 address and port
     * @param remote the connection's remote IPv4 address and port
     * @throws IllegalArgumentException for an IPv6 or unresolved address, or a port outside 1..65535
     *     (IP Helper has no IPv6 SetTcpEntry); nothing native is called
     * @throws IpHelperException.AccessDenied when the process may not do it (Windows needs elevation)
     * @throws IpHelperException.NotSupported when the platform does not implement it
     * @throws IpHelperException any other Win32 error
     */
    public void kill(InetSocketAddress local, InetSocketAddress remote) throws IpHelperException {
        MibRows.TcpRowBasic row = deleteTcbRow(local, remote);
        check("SetTcpEntry", port().setTcpEntry(row), "(MIB_TCP_STATE_DELETE_TCB " + local + " -> " + remote + ")");
    }

    /** The MIB_TCPROW that deletes this connection; validates before anything native. */
    static MibRows.TcpRowBasic deleteTcbRow(InetSocketAddress local, InetSocketAddress remote) {
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(remote, "remote");
        return new MibRows.TcpRowBasic(MibRows.MIB_TCP_STATE_DELETE_TCB, dwAddr(local, "local"), dwPort(local, "local"),
                dwAddr(remote, "remote"), dwPort(remote, "remote"));
    }

    private static int dwAddr(InetSocketAddress a, String what) {
        if (a.isUnresolved()) {
            throw new IllegalArgumentException(what + " address is unresolved: " + a);
        }
        if (!(a.getAddress() instanceof Inet4Address)) {
            throw new IllegalArgumentException(what + " address " + a + " is not IPv4: SetTcpEntry (MIB_TCPROW) takes"
                    + " IPv4 connections only");
        }
        byte[] b = a.getAddress().getAddress();
        return (b[0] & 0xff) | (b[1] & 0xff) << 8 | (b[2] & 0xff) << 16 | (b[3] & 0xff) << 24;
    }

    private static int dwPort(InetSocketAddress a, String what) {
        if (a.getPort() < 1) {
            throw new IllegalArgumentException(what + " port must be 1..65535, got " + a.getPort());
        }
        return htons(a.getPort());
    }

    private static void check(String function, int rc, String args) throws IpHelperException {
        if (rc != MibRows.NO_ERROR) {
            throw IpHelperException.of(function, rc, args);
        }
    }

    // ---------------------------------------------------------------- SDK values to Java

    /** A MIB dwLocalPort/dwRemotePort: network byte order in the low 16 bits. */
    static int port(int dwPort) {
        return ((dwPort & 0xff) << 8) | ((dwPort >>> 8) & 0xff);
    }

    static int htons(int port) {
        return port(port);
    }

    static InetAddress ipv4(int dwAddr) {
        byte[] b = {(byte) dwAddr, (byte) (dwAddr >>> 8), (byte) (dwAddr >>> 16), (byte) (dwAddr >>> 24)};
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    static InetAddress ipv6(byte[] addr, int scopeId) {
        try {
            return scopeId != 0 ? java.net.Inet6Address.getByAddress(null, addr, scopeId) : InetAddress.getByAddress(addr);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not a 16-byte IPv6 address: " + addr.length + " bytes", e);
        }
    }

    private static InetSocketAddress endpoint(InetAddress ip, int dwPort) {
        return new InetSocketAddress(ip, port(dwPort));
    }

    private static String key(InetSocketAddress a) {
        byte[] b = a.getAddress().getAddress();
        StringBuilder s = new StringBuilder();
        for (byte x : b) {
            s.append(String.format("%02x", x & 0xff));
        }
        return s.append(String.format(":%05d", a.getPort())).toString();
    }

    @Override
    public String toString() {
        return "IpHelper[" + (port.ifMade() != null ? port.ifMade() : "not linked") + "]";
    }
}
