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
    public short wVersion;
    public short wHighVersion;
    public short iMaxSockets;
    public short iMaxUdpDg;
    public Pointer lpVendorInfo;
    public byte[] szDescription = new byte[Sdk.WSADESCRIPTION_LEN + 1];
    public byte[] szSystemStatus = new byte[Sdk.WSASYS_STATUS_LEN + 1];
}
