package org.winsock4j.it;

import java.util.List;
import org.winsock4j.jna.JnaIpHelperPort;
import org.winsock4j.port.IpHelperPort;
import org.winsock4j.port.MibRows;

/**
 * The real IP Helper port, noting into {@link CoveragePort}'s report which raw function each
 * call went through (jna-platform's GetExtendedTcpTable/GetExtendedUdpTable, our SetTcpEntry).
 */
final class CoverageIpHelperPort implements IpHelperPort {
    private final JnaIpHelperPort real = JnaIpHelperPort.instance();
    private final CoveragePort coverage;

    CoverageIpHelperPort(CoveragePort coverage) {
        this.coverage = coverage;
    }

    @Override
    public int getTcpTableOwnerPid(List<MibRows.TcpRow> out) {
        coverage.noteRaw(CoveragePort.GET_EXTENDED_TCP_TABLE);
        return real.getTcpTableOwnerPid(out);
    }

    @Override
    public int getTcpTableBasic(List<MibRows.TcpRowBasic> out) {
        coverage.noteRaw(CoveragePort.GET_EXTENDED_TCP_TABLE);
        return real.getTcpTableBasic(out);
    }

    @Override
    public int getTcp6TableOwnerPid(List<MibRows.Tcp6Row> out) {
        coverage.noteRaw(CoveragePort.GET_EXTENDED_TCP_TABLE);
        return real.getTcp6TableOwnerPid(out);
    }

    @Override
    public int getUdpTableOwnerPid(List<MibRows.UdpRow> out) {
        coverage.noteRaw(CoveragePort.GET_EXTENDED_UDP_TABLE);
        return real.getUdpTableOwnerPid(out);
    }

    @Override
    public int getUdp6TableOwnerPid(List<MibRows.Udp6Row> out) {
        coverage.noteRaw(CoveragePort.GET_EXTENDED_UDP_TABLE);
        return real.getUdp6TableOwnerPid(out);
    }

    @Override
    public int setTcpEntry(MibRows.TcpRowBasic row) {
        coverage.noteRaw(CoveragePort.SET_TCP_ENTRY);
        return real.setTcpEntry(row);
    }
}
