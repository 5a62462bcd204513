package org.winsock4j.cli.instrument;

import com.sun.jna.Structure;

/**
 * winsock2.h {@code WSAOVERLAPPED} (the same layout as minwinbase.h {@code OVERLAPPED}), 32 bytes
 * on Win64. The system writes {@code Internal} and {@code InternalHigh} while the operation is in
 * progress and when it completes, so the memory must outlive the I/O: {@link OverlappedReceive}
 * keeps it in native memory of its own and reads it at the offsets this structure gives
 * (native-headers checks them), never through a JNA structure's automatic read and write, which
 * could write stale fields back over what the system wrote.
 *
 * @see <a href="https://learn.microsoft.com/en-us/windows/win32/api/winsock2/ns-winsock2-wsaoverlapped">WSAOVERLAPPED structure (winsock2.h)</a>
 */
@Structure.FieldOrder({"Internal", "InternalHigh", "Offset", "OffsetHigh", "hEvent"})
public class WSAOVERLAPPED extends OverlappedStructure {
    /**
     * A ULONG_PTR the provider uses: for sockets of the system's providers the operation's
     * NTSTATUS, STATUS_PENDING (0x103) while it is in progress (HasOverlappedIoCompleted).
     */
    public long Internal;
    /** A ULONG_PTR the provider uses: the number of bytes transferred, once completed. */
    public long InternalHigh;
    /** Reserved for sockets (a file offset for files): left zero. */
    public int Offset;
    /** Reserved for sockets (a file offset's high word for files): left zero. */
    public int OffsetHigh;
    /**
     * The WSAEVENT (a HANDLE) signalled when the operation completes, when no completion
     * routine is given; a 64-bit {@code long} like {@link Ws2_32Overlapped#WSACreateEvent()} returns it.
     */
    public long hEvent;
}
