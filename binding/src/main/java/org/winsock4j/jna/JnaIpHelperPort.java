package org.winsock4j.jna;

import com.sun.jna.Memory;
import com.sun.jna.Platform;
import com.sun.jna.platform.win32.IPHlpAPI;
import com.sun.jna.ptr.IntByReference;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import org.winsock4j.port.IpHelperPort;
import org.winsock4j.port.MibRows;
import org.winsock4j.port.Sdk;
import org.winsock4j.WinsockUnavailableException;

/**
 * The IP Helper port over the real iphlpapi.dll: jna-platform's {@link IPHlpAPI} mapping and
 * structures for the tables, {@link Iphlpapi} for SetTcpEntry. Adds only the buffer sizing the
 * table calls need.
 */
public final class JnaIpHelperPort implements IpHelperPort {
    private static final JnaIpHelperPort INSTANCE = new JnaIpHelperPort();
    /** Tables can grow between the sizing call and the reading call; retry a few times. */
    private static final int ATTEMPTS = 8;

    private JnaIpHelperPort() {}

    /**
     * The backend, after checking this JVM can reach iphlpapi.
     *
     * @return the one JNA IP Helper backend of this JVM
     * @throws WinsockUnavailableException on a JVM that is not on 64-bit Windows (or Wine)
     */
    public static JnaIpHelperPort instance() {
        if (!Platform.isWindows() || !Platform.is64Bit()) {
            throw new WinsockUnavailableException("winsock4j needs iphlpapi.dll from 64-bit Windows or Wine; this JVM runs on "
                    + System.getProperty("os.name") + " " + System.getProperty("os.version") + " ("
                    + System.getProperty("os.arch") + ")", null);
        }
        return INSTANCE;
    }

    private interface TableCall {
        int call(Memory buffer, IntByReference size);
    }

    private static int readTable(TableCall call, Consumer<Memory> parse) {
        IntByReference size = new IntByReference(0);
        int rc = call.call(null, size);
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            if (rc != MibRows.ERROR_INSUFFICIENT_BUFFER) {
                return rc;
            }
            Memory buffer = new Memory(Math.max(size.getValue(), 4) + 1024L);
            size.setValue((int) buffer.size());
            rc = call.call(buffer, size);
            if (rc == MibRows.NO_ERROR) {
                parse.accept(buffer);
                return rc;
            }
        }
        return rc;
    }

    /**
     * A table read into {@code out}: {@code parse} adds the rows of the buffer {@code call} filled;
     * {@code out} is left alone when the call fails.
     */
    private static <R> int readRows(List<R> out, TableCall call, BiConsumer<Memory, List<R>> parse) {
        List<R> rows = new ArrayList<>();
        int rc = readTable(call, b -> parse.accept(b, rows));
        out.addAll(rows);
        return rc;
    }

    private static TableCall tcpTable(int af, int tableClass) {
        return (b, size) -> IPHlpAPI.INSTANCE.GetExtendedTcpTable(b, size, false, af, tableClass, 0);
    }

    private static TableCall udpTable(int af) {
        return (b, size) -> IPHlpAPI.INSTANCE.GetExtendedUdpTable(b, size, false, af,
                IPHlpAPI.UDP_TABLE_CLASS.UDP_TABLE_OWNER_PID, 0);
    }

    /** Adds the first {@code n} rows of a jna-platform table's {@code table}, each as a MibRows value. */
    private static <T, R> void addRows(List<R> rows, int n, T[] table, Function<T, R> row) {
        for (int i = 0; i < n; i++) {
            rows.add(row.apply(table[i]));
        }
    }

    @Override
    public int getTcpTableOwnerPid(List<MibRows.TcpRow> out) {
        return readRows(out, tcpTable(Sdk.AF_INET, IPHlpAPI.TCP_TABLE_CLASS.TCP_TABLE_OWNER_PID_ALL), (b, rows) -> {
            IPHlpAPI.MIB_TCPTABLE_OWNER_PID t = new IPHlpAPI.MIB_TCPTABLE_OWNER_PID(b);
            addRows(rows, t.dwNumEntries, t.table, r -> new MibRows.TcpRow(r.dwState, r.dwLocalAddr, r.dwLocalPort,
                    r.dwRemoteAddr, r.dwRemotePort, r.dwOwningPid));
        });
    }

    @Override
    public int getTcpTableBasic(List<MibRows.TcpRowBasic> out) {
        return readRows(out, tcpTable(Sdk.AF_INET, MibRows.TCP_TABLE_BASIC_ALL), (b, rows) -> {
            // MIB_TCPTABLE: DWORD dwNumEntries; MIB_TCPROW table[]; (jna-platform has no MIB_TCPTABLE)
            int n = b.getInt(0);
            for (int i = 0; i < n; i++) {
                MIB_TCPROW r = MIB_TCPROW.at(b.share(MibRows.MIB_TCPTABLE_TABLE + (long) i * MibRows.SIZEOF_MIB_TCPROW));
                rows.add(new MibRows.TcpRowBasic(r.dwState, r.dwLocalAddr, r.dwLocalPort, r.dwRemoteAddr, r.dwRemotePort));
            }
        });
    }

    @Override
    public int getTcp6TableOwnerPid(List<MibRows.Tcp6Row> out) {
        return readRows(out, tcpTable(Sdk.AF_INET6, IPHlpAPI.TCP_TABLE_CLASS.TCP_TABLE_OWNER_PID_ALL), (b, rows) -> {
            IPHlpAPI.MIB_TCP6TABLE_OWNER_PID t = new IPHlpAPI.MIB_TCP6TABLE_OWNER_PID(b);
            addRows(rows, t.dwNumEntries, t.table, r -> new MibRows.Tcp6Row(r.LocalAddr, r.dwLocalScopeId, r.dwLocalPort,
                    r.RemoteAddr, r.dwRemoteScopeId, r.dwRemotePort, r.State, r.dwOwningPid));
        });
    }

    @Override
    public int getUdpTableOwnerPid(List<MibRows.UdpRow> out) {
        return readRows(out, udpTable(Sdk.AF_INET), (b, rows) -> {
            IPHlpAPI.MIB_UDPTABLE_OWNER_PID t = new IPHlpAPI.MIB_UDPTABLE_OWNER_PID(b);
            addRows(rows, t.dwNumEntries, t.table, r -> new MibRows.UdpRow(r.dwLocalAddr, r.dwLocalPort, r.dwOwningPid));
        });
    }

    @Override
    public int getUdp6TableOwnerPid(List<MibRows.Udp6Row> out) {
        return readRows(out, udpTable(Sdk.AF_INET6), (b, rows) -> {
            IPHlpAPI.MIB_UDP6TABLE_OWNER_PID t = new IPHlpAPI.MIB_UDP6TABLE_OWNER_PID(b);
            addRows(rows, t.dwNumEntries, t.table,
                    r -> new MibRows.Udp6Row(r.ucLocalAddr, r.dwLocalScopeId, r.dwLocalPort, r.dwOwningPid));
        });
    }

    @Override
    public int setTcpEntry(MibRows.TcpRowBasic row) {
        MIB_TCPROW r = new MIB_TCPROW();
        r.dwState = row.dwState();
        r.dwLocalAddr = row.dwLocalAddr();
        r.dwLocalPort = row.dwLocalPort();
        r.dwRemoteAddr = row.dwRemoteAddr();
        r.dwRemotePort = row.dwRemotePort();
        return Iphlpapi.SetTcpEntry(r);
    }

    @Override
    public String toString() {
        return "JnaIpHelperPort[iphlpapi: jna-platform IPHlpAPI + SetTcpEntry by direct mapping]";
    }
}
