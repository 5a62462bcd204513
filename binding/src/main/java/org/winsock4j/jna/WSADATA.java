package org.winsock4j.jna;

import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import org.winsock4j.port.Sdk;

/**
 * winsock2.h {@code WSADATA} in its {@code _WIN64} field order: the two version words, then
 * iMaxSockets, iMaxUdpDg and lpVendorInfo, then the two strings (32-bit Windows puts the strings
 * first). 408 bytes on Win64.
 */
@Structure.FieldOrder({"wVersion", "wHighVersion", "iMaxSockets", "iMaxUdpDg", "lpVendorInfo",
        "szDescription", "szSystemStatus"})
public class WSADATA extends SdkStructure {
    /** The version the caller is expected to use: low byte major, high byte minor. */
    public short wVersion;
    /** The highest version this ws2_32 supports. */
    public short wHighVersion;
    /** Ignored for Winsock 2 and later. */
    public short iMaxSockets;
    /** Ignored for Winsock 2 and later. */
    public short iMaxUdpDg;
    /** Ignored for Winsock 2 and later. */
    public Pointer lpVendorInfo;
    /** A NUL-terminated description of the implementation, such as "WinSock 2.0". */
    public byte[] szDescription = new byte[Sdk.WSADESCRIPTION_LEN + 1];
    /** A NUL-terminated status or configuration string. */
    public byte[] szSystemStatus = new byte[Sdk.WSASYS_STATUS_LEN + 1];
}
