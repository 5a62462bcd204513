package org.winsock4j.cli.instrument;

import com.sun.jna.Pointer;
import com.sun.jna.Structure;

/**
 * ws2def.h {@code WSABUF}: a ULONG length and a CHAR pointer, 16 bytes on Win64 (4 bytes of
 * padding after {@code len}). WSARecv takes an array of them. {@link OverlappedReceive} writes
 * one into native memory at the offsets this structure gives; native-headers checks them.
 *
 * @see <a href="https://learn.microsoft.com/en-us/windows/win32/api/ws2def/ns-ws2def-wsabuf">WSABUF structure (ws2def.h)</a>
 */
@Structure.FieldOrder({"len", "buf"})
public class WSABUF extends OverlappedStructure {
    /** The length of the buffer in bytes, a ULONG. */
    public int len;
    /** The buffer. */
    public Pointer buf;
}
