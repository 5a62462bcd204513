package org.winsock4j.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;
import org.winsock4j.port.IpHelperPort;
import org.winsock4j.port.MibRows;

/** IP Helper without a platform: tables the test sets, and a SetTcpEntry the test decides. */
final class FakeIpHelperPort implements IpHelperPort {
    final List<MibRows.TcpRow> tcp4 = new ArrayList<>();
    final List<MibRows.Tcp6Row> tcp6 = new ArrayList<>();
    final List<MibRows.UdpRow> udp4 = new ArrayList<>();
    final List<MibRows.Udp6Row> udp6 = new ArrayList<>();
    /** What SetTcpEntry returns; it removes the row only when this returns NO_ERROR and {@link #honour} is set. */
    ToIntFunction<MibRows.TcpRowBasic> setTcpEntry = r -> NO_ERROR;
    boolean honour = true;
    int tableError = NO_ERROR;
    final List<MibRows.TcpRowBasic> setCalls = new ArrayList<>();

    /** a.b.c.d as a MIB dwAddr (network byte order read as a little-endian int). */
    static int dwAddr(int a, int b, int c, int d) {
        return a | b << 8 | c << 16 | d << 24;
    }

    /** A port as a MIB dwPort (network byte order in the low 16 bits). */
    static int dwPort(int port) {
        return ((port & 0xff) << 8) | ((port >>> 8) & 0xff);
    }

    static byte[] v6(int... bytes) {
        byte[] b = new byte[16];
        for (int i = 0; i < bytes.length; i++) {
            b[16 - bytes.length + i] = (byte) bytes[i];
        }
        return b;
    }

    @Override
    public int getTcpTableOwnerPid(List<MibRows.TcpRow> out) {
        if (tableError != NO_ERROR) {
            return tableError;
        }
        out.addAll(tcp4);
        return NO_ERROR;
    }

    @Override
    public int getTcpTableBasic(List<MibRows.TcpRowBasic> out) {
        if (tableError != NO_ERROR) {
            return tableError;
        }
        tcp4.forEach(r -> out.add(new MibRows.TcpRowBasic(r.dwState(), r.dwLocalAddr(), r.dwLocalPort(), r.dwRemoteAddr(),
                r.dwRemotePort())));
        return NO_ERROR;
    }

    @Override
    public int getTcp6TableOwnerPid(List<MibRows.Tcp6Row> out) {
        if (tableError != NO_ERROR) {
            return tableError;
        }
        out.addAll(tcp6);
        return NO_ERROR;
    }

    @Override
    public int getUdpTableOwnerPid(List<MibRows.UdpRow> out) {
        out.addAll(udp4);
        return NO_ERROR;
    }

    @Override
    public int getUdp6TableOwnerPid(List<MibRows.Udp6Row> out) {
        out.addAll(udp6);
        return NO_ERROR;
    }

    @Override
    public int setTcpEntry(MibRows.TcpRowBasic row) {
        setCalls.add(row);
        int rc = setTcpEntry.applyAsInt(row);
        if (rc == NO_ERROR && honour) {
            tcp4.removeIf(r -> r.dwLocalAddr() == row.dwLocalAddr() && r.dwLocalPort() == row.dwLocalPort()
                    && r.dwRemoteAddr() == row.dwRemoteAddr() && r.dwRemotePort() == row.dwRemotePort());
        }
        return rc;
    }
}
