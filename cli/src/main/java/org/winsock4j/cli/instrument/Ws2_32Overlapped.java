package org.winsock4j.cli.instrument;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

/**
 * ws2_32's overlapped receive and event functions, by JNA direct mapping with the Win64
 * prototypes exactly (winsock2.h); {@link OverlappedSdk} has the constants they take and return.
 * The library maps
 * only what its ports call (org.winsock4j.jna.Ws2_32) and makes no overlapped calls; these
 * functions serve the lab's instrument {@link OverlappedReceive} alone, so they live here, beside
 * it, out of the library's jar (docs/ARCHITECTURE.md#class-map).
 *
 * <p>native-headers restates these prototypes (include/winsock4j_mapping.h) and asserts them
 * against the SDK headers; the Wine tier calls every one of them (its
 * raw-coverage report lists them with the library's mapping). Registering needs ws2_32, so this
 * class initialises only on Windows or Wine: {@link OverlappedReceive#post(long, int)} checks the
 * platform first. JNA stores the thread's last error right after every call; read it with
 * {@link Native#getLastError()} after a failure, never with a WSAGetLastError downcall
 * (docs/ARCHITECTURE.md#error-capture).
 */
public final class Ws2_32Overlapped {
    private Ws2_32Overlapped() {}

    static {
        Native.register(Ws2_32Overlapped.class, NativeLibrary.getInstance("ws2_32"));
    }

    /**
     * {@code int WSARecv(SOCKET s, LPWSABUF lpBuffers, DWORD dwBufferCount, LPDWORD
     * lpNumberOfBytesRecvd, LPDWORD lpFlags, LPWSAOVERLAPPED lpOverlapped,
     * LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine)}: receives into one or more
     * buffers; with an overlapped structure the receive may complete later. Every pointer is a
     * {@link Pointer} to native memory: for an overlapped receive the system may write the
     * buffers, the flags and the WSAOVERLAPPED after the call returns, so that memory must stay
     * allocated until the operation completes ({@link OverlappedReceive} does that).
     *
     * @param s the socket, a SOCKET handle
     * @param lpBuffers an array of {@code dwBufferCount} {@link WSABUF} structures
     * @param dwBufferCount the number of WSABUF structures in {@code lpBuffers}
     * @param lpNumberOfBytesRecvd a DWORD that receives the bytes received when the call completes
     *     at once, or {@code null}
     * @param lpFlags a DWORD of flags (MSG_PEEK, MSG_OOB...) in, and out for an immediate completion
     * @param lpOverlapped a {@link WSAOVERLAPPED} whose {@code hEvent} is signalled on completion,
     *     or {@code null} for a blocking call
     * @param lpCompletionRoutine a completion routine, or {@code null} (then the event is signalled)
     * @return 0 when the receive completed at once; {@link org.winsock4j.port.Sdk#SOCKET_ERROR} with
     *     the reason in {@link Native#getLastError()}, which is WSA_IO_PENDING (997) when an
     *     overlapped receive was started and completes later
     * @see <a href="https://learn.microsoft.com/en-us/windows/win32/api/winsock2/nf-winsock2-wsarecv">WSARecv function (winsock2.h)</a>
     */
    public static native int WSARecv(long s, Pointer lpBuffers, int dwBufferCount, Pointer lpNumberOfBytesRecvd,
            Pointer lpFlags, Pointer lpOverlapped, Pointer lpCompletionRoutine);

    /**
     * {@code BOOL WSAGetOverlappedResult(SOCKET s, LPWSAOVERLAPPED lpOverlapped, LPDWORD
     * lpcbTransfer, BOOL fWait, LPDWORD lpdwFlags)}: the outcome of an overlapped operation on the
     * socket.
     *
     * @param s the socket the operation was started on
     * @param lpOverlapped the operation's {@link WSAOVERLAPPED}, as passed when it was started
     * @param lpcbTransfer {@code [0]} receives the number of bytes transferred
     * @param fWait non-zero (TRUE) to wait for the operation to complete, 0 (FALSE) not to
     * @param lpdwFlags {@code [0]} receives the completion's flags (MSG_PARTIAL...)
     * @return non-zero (TRUE) when the operation completed successfully; 0 (FALSE) with the reason
     *     in {@link Native#getLastError()}: WSA_IO_INCOMPLETE (996) while it is in progress and
     *     {@code fWait} is FALSE, else the operation's own error
     * @see <a href="https://learn.microsoft.com/en-us/windows/win32/api/winsock2/nf-winsock2-wsagetoverlappedresult">WSAGetOverlappedResult function (winsock2.h)</a>
     */
    public static native int WSAGetOverlappedResult(long s, Pointer lpOverlapped, int[] lpcbTransfer, int fWait,
            int[] lpdwFlags);

    /**
     * {@code WSAEVENT WSACreateEvent(void)}: a new manual-reset event object, not signalled. A
     * WSAEVENT is a HANDLE, a 64-bit {@code long} here like a SOCKET.
     *
     * @return the event's handle, or {@link OverlappedSdk#WSA_INVALID_EVENT} (0) with the
     *     reason in {@link Native#getLastError()}
     * @see <a href="https://learn.microsoft.com/en-us/windows/win32/api/winsock2/nf-winsock2-wsacreateevent">WSACreateEvent function (winsock2.h)</a>
     */
    public static native long WSACreateEvent();

    /**
     * {@code BOOL WSACloseEvent(WSAEVENT hEvent)}: closes an event object's handle.
     *
     * @param hEvent the event, as {@link #WSACreateEvent()} returned it; it names nothing after a
     *     successful call
     * @return non-zero (TRUE) on success; 0 (FALSE) with the reason in {@link Native#getLastError()}
     * @see <a href="https://learn.microsoft.com/en-us/windows/win32/api/winsock2/nf-winsock2-wsacloseevent">WSACloseEvent function (winsock2.h)</a>
     */
    public static native int WSACloseEvent(long hEvent);

    /**
     * {@code DWORD WSAWaitForMultipleEvents(DWORD cEvents, const WSAEVENT *lphEvents, BOOL
     * fWaitAll, DWORD dwTimeout, BOOL fAlertable)}: waits until one or all of the events are
     * signalled, or the timeout elapses.
     *
     * @param cEvents the number of handles in {@code lphEvents}, 1 to WSA_MAXIMUM_WAIT_EVENTS (64)
     * @param lphEvents the events' handles
     * @param fWaitAll non-zero (TRUE) to wait for all of them, 0 (FALSE) for any one
     * @param dwTimeout the timeout in milliseconds, or {@link OverlappedSdk#WSA_INFINITE}
     * @param fAlertable non-zero (TRUE) to return for completion routines and APCs, 0 (FALSE) not to
     * @return {@link OverlappedSdk#WSA_WAIT_EVENT_0} plus the index of the signalled
     *     event, {@link OverlappedSdk#WSA_WAIT_TIMEOUT}, WSA_WAIT_IO_COMPLETION (0xC0), or
     *     {@link OverlappedSdk#WSA_WAIT_FAILED} with the reason in
     *     {@link Native#getLastError()}
     * @see <a href="https://learn.microsoft.com/en-us/windows/win32/api/winsock2/nf-winsock2-wsawaitformultipleevents">WSAWaitForMultipleEvents function (winsock2.h)</a>
     */
    public static native int WSAWaitForMultipleEvents(int cEvents, long[] lphEvents, int fWaitAll, int dwTimeout,
            int fAlertable);
}
