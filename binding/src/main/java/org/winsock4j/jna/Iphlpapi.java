package org.winsock4j.jna;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;

/**
 * The iphlpapi.dll functions jna-platform does not map, by direct mapping like {@link Ws2_32}.
 * jna-platform's {@code com.sun.jna.platform.win32.IPHlpAPI} already maps GetExtendedTcpTable and
 * GetExtendedUdpTable and their OWNER_PID structures; {@link JnaIpHelperPort} uses those.
 *
 * <p>IP Helper returns its Win32 error code; it does not report through the last error. The
 * prototype is restated in native-headers/include/winsock4j_mapping.h.
 */
public final class Iphlpapi {
    private Iphlpapi() {}

    static {
        Native.register(Iphlpapi.class, NativeLibrary.getInstance("iphlpapi"));
    }

    /**
     * {@code DWORD SetTcpEntry(PMIB_TCPROW pTcpRow)}: with {@code dwState =
     * MIB_TCP_STATE_DELETE_TCB} (12) ends the IPv4 connection given by the row's addresses and
     * ports (network byte order). Windows needs an elevated process for it.
     *
     * @param pTcpRow the connection's row, all five fields set
     * @return NO_ERROR (0), or the Win32 error code of the failure (ERROR_ACCESS_DENIED or 317 when
     *     not elevated)
     * @see <a href="https://learn.microsoft.com/en-us/windows/win32/api/iphlpapi/nf-iphlpapi-settcpentry">SetTcpEntry function (iphlpapi.h)</a>
     */
    public static native int SetTcpEntry(MIB_TCPROW pTcpRow);
}
