package org.winsock4j.port;

import java.util.List;

/**
 * The seam between {@code org.winsock4j.tcp} and IP Helper (iphlpapi.dll): the TCP and UDP tables
 * and {@code SetTcpEntry}, with SDK values unchanged (addresses and ports in network byte order, as
 * the MIB rows hold them; see {@link MibRows}).
 *
 * <p>Error contract: IP Helper returns its Win32 error code (it does not use the last error);
 * each method returns that code, {@link #NO_ERROR} on success. A table method reads the whole
 * table (it grows its buffer while the call answers ERROR_INSUFFICIENT_BUFFER) and adds its rows
 * to {@code out} only on success.
 *
 * <p>Implementations: {@code org.winsock4j.jna.JnaIpHelperPort} and test fakes.
 */
public interface IpHelperPort {
    /** The code of success, as every method here returns it. */
    int NO_ERROR = 0;

    /**
     * GetExtendedTcpTable(AF_INET, TCP_TABLE_OWNER_PID_ALL): MIB_TCPROW_OWNER_PID rows.
     *
     * @param out receives the table's rows, appended only on success
     * @return {@link #NO_ERROR}, or the Win32 error code IP Helper returned
     * @see <a href="https://learn.microsoft.com/en-us/windows/win32/api/iphlpapi/nf-iphlpapi-getextendedtcptable">GetExtendedTcpTable function (iphlpapi.h)</a>
     */
    int getTcpTableOwnerPid(List<MibRows.TcpRow> out);

    /**
     * GetExtendedTcpTable(AF_INET, TCP_TABLE_BASIC_ALL): MIB_TCPROW rows, without owners. Cheaper
     * where finding owners is expensive (Wine scans every process's open files for each row).
     *
     * @param out receives the table's rows, appended only on success
     * @return {@link #NO_ERROR}, or the Win32 error code IP Helper returned
     * @see <a href="https://learn.microsoft.com/en-us/windows/win32/api/iphlpapi/nf-iphlpapi-getextendedtcptable">GetExtendedTcpTable function (iphlpapi.h)</a>
     */
    int getTcpTableBasic(List<MibRows.TcpRowBasic> out);

    /**
     * GetExtendedTcpTable(AF_INET6, TCP_TABLE_OWNER_PID_ALL): MIB_TCP6ROW_OWNER_PID rows.
     *
     * @param out receives the table's rows, appended only on success
     * @return {@link #NO_ERROR}, or the Win32 error code IP Helper returned
     * @see <a href="https://learn.microsoft.com/en-us/windows/win32/api/iphlpapi/nf-iphlpapi-getextendedtcptable">GetExtendedTcpTable function (iphlpapi.h)</a>
     */
    int getTcp6TableOwnerPid(List<MibRows.Tcp6Row> out);

    /**
     * GetExtendedUdpTable(AF_INET, UDP_TABLE_OWNER_PID): MIB_UDPROW_OWNER_PID rows.
     *
     * @param out receives the table's rows, appended only on success
     * @return {@link #NO_ERROR}, or the Win32 error code IP Helper returned
     * @see <a href="https://learn.microsoft.com/en-us/windows/win32/api/iphlpapi/nf-iphlpapi-getextendedudptable">GetExtendedUdpTable function (iphlpapi.h)</a>
     */
    int getUdpTableOwnerPid(List<MibRows.UdpRow> out);

    /**
     * GetExtendedUdpTable(AF_INET6, UDP_TABLE_OWNER_PID): MIB_UDP6ROW_OWNER_PID rows.
     *
     * @param out receives the table's rows, appended only on success
     * @return {@link #NO_ERROR}, or the Win32 error code IP Helper returned
     * @see <a href="https://learn.microsoft.com/en-us/windows/win32/api/iphlpapi/nf-iphlpapi-getextendedudptable">GetExtendedUdpTable function (iphlpapi.h)</a>
     */
    int getUdp6TableOwnerPid(List<MibRows.Udp6Row> out);

    /**
     * SetTcpEntry with this MIB_TCPROW (IPv4 only; the SDK has no IPv6 variant).
     *
     * @param row the connection's addresses and ports, with the state to set
     *     ({@link MibRows#MIB_TCP_STATE_DELETE_TCB} ends the connection)
     * @return {@link #NO_ERROR}, or the Win32 error code IP Helper returned
     * @see <a href="https://learn.microsoft.com/en-us/windows/win32/api/iphlpapi/nf-iphlpapi-settcpentry">SetTcpEntry function (iphlpapi.h)</a>
     */
    int setTcpEntry(MibRows.TcpRowBasic row);
}
