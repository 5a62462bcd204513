package org.winsock4j.cli.instrument;

/**
 * The Windows SDK constants of the overlapped receive ({@link Ws2_32Overlapped},
 * {@link OverlappedReceive}), under their SDK names and with their SDK values (winsock2.h,
 * winnt.h). A class of its own, apart from the functions, so that reading a constant never
 * registers ws2_32 (native-headers reads them on Linux). Every value is checked against
 * mingw-w64's headers by native-headers, as the library's {@code org.winsock4j.port.Sdk} is.
 */
public final class OverlappedSdk {
    private OverlappedSdk() {}

    // winsock2.h: event objects and overlapped I/O (WSACreateEvent, WSAWaitForMultipleEvents;
    // winnt.h for STATUS_PENDING).
    /** What WSACreateEvent returns on failure: {@code ((WSAEVENT)NULL)}. */
    public static final long WSA_INVALID_EVENT = 0L;
    /**
     * WSAWaitForMultipleEvents: the first event of the array is signalled ({@code WAIT_OBJECT_0});
     * {@code WSA_WAIT_EVENT_0 + i} names the i-th.
     */
    public static final int WSA_WAIT_EVENT_0 = 0;
    /** WSAWaitForMultipleEvents: the timeout elapsed with no event signalled ({@code WAIT_TIMEOUT}). */
    public static final int WSA_WAIT_TIMEOUT = 0x102;
    /** WSAWaitForMultipleEvents failed ({@code WAIT_FAILED}); the last error says why. */
    public static final int WSA_WAIT_FAILED = 0xffffffff;
    /** WSAWaitForMultipleEvents' timeout that never elapses ({@code INFINITE}). */
    public static final int WSA_INFINITE = 0xffffffff;
    /**
     * The NTSTATUS an overlapped operation's {@code Internal} holds while it is in progress
     * (HasOverlappedIoCompleted compares against it).
     */
    public static final int STATUS_PENDING = 0x103;

    // Structure sizes on Win64 (checked with sizeof in native-headers).
    /** {@code sizeof(WSABUF)} on Win64: a ULONG length, padding, a CHAR pointer. */
    public static final int SIZEOF_WSABUF = 16;
    /**
     * {@code sizeof(WSAOVERLAPPED)} on Win64: Internal and InternalHigh (ULONG_PTR), Offset and
     * OffsetHigh (DWORD), hEvent (HANDLE).
     */
    public static final int SIZEOF_WSAOVERLAPPED = 32;
}
