package org.winsock4j.cli.instrument;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.winsock4j.Backend;
import org.winsock4j.port.Sdk;
import org.winsock4j.unguarded.UnguardedPorts;

/**
 * One overlapped receive on a socket, by the raw functions of {@link Ws2_32Overlapped}: an event
 * (WSACreateEvent), one {@link WSABUF}, its buffer and a {@link WSAOVERLAPPED} in native memory of
 * its own, and a WSARecv that signals the event when it completes. It lets an observer see how a
 * receive in progress ends when the socket is closed under it (the closesocket remarks say
 * pending operations are cancelled): whether the event is signalled, what WSAGetOverlappedResult
 * reports, and the NTSTATUS the system left in {@code Internal}. A lab instrument, not the
 * library's (the safe layer makes no overlapped calls): the CLI's close matrix (scenario 50) and
 * the Wine tier use it.
 *
 * <p>The memory must outlive the I/O: the system may write the buffer, the flags and the
 * WSAOVERLAPPED until the receive completes. {@link #close()} therefore frees it only when the
 * receive never started or has completed (its event is signalled); a receive still pending at
 * close keeps its memory allocated for the life of the process, a deliberate leak.
 *
 * <p>Not thread-safe: one thread uses an instance (closing the socket from another thread is
 * what it is for). Errors come from {@link Native#getLastError()} right after the failing call
 * (docs/ARCHITECTURE.md#error-capture).
 *
 * @see <a href="https://learn.microsoft.com/en-us/windows/win32/api/winsock2/nf-winsock2-wsarecv">WSARecv function (winsock2.h)</a>
 * @see <a href="https://learn.microsoft.com/en-us/windows/win32/api/winsock/nf-winsock-closesocket">closesocket function (winsock.h)</a>
 */
public final class OverlappedReceive implements AutoCloseable {

    /**
     * What WSAGetOverlappedResult(socket, overlapped, &amp;bytes, FALSE, &amp;flags) reported.
     *
     * @param ok whether it returned TRUE (the receive completed successfully)
     * @param bytes what it wrote to {@code lpcbTransfer}: the bytes received
     * @param flags what it wrote to {@code lpdwFlags}
     * @param error 0 when {@code ok}, else {@link Native#getLastError()} right after the call
     *     (WSA_IO_INCOMPLETE, 996, while the receive is in progress)
     */
    public record Completion(boolean ok, int bytes, int flags, int error) {}

    /**
     * The raw functions this class calls, with {@link Ws2_32Overlapped}'s prototypes: the real ones are
     * {@link #WS2_32}; the Wine tier wraps them to record which raw functions it called, and the
     * unit tests script them.
     */
    public interface Natives {
        /**
         * WSARecv, as {@link Ws2_32Overlapped#WSARecv}.
         *
         * @param s the socket
         * @param lpBuffers the WSABUF array
         * @param dwBufferCount the number of WSABUFs
         * @param lpNumberOfBytesRecvd a DWORD for the bytes of an immediate completion, or null
         * @param lpFlags a DWORD of flags
         * @param lpOverlapped the WSAOVERLAPPED
         * @param lpCompletionRoutine null
         * @return 0, or {@link Sdk#SOCKET_ERROR} with the reason in {@link #lastError()}
         */
        int WSARecv(long s, Pointer lpBuffers, int dwBufferCount, Pointer lpNumberOfBytesRecvd, Pointer lpFlags,
                Pointer lpOverlapped, Pointer lpCompletionRoutine);

        /**
         * WSAGetOverlappedResult, as {@link Ws2_32Overlapped#WSAGetOverlappedResult}.
         *
         * @param s the socket
         * @param lpOverlapped the WSAOVERLAPPED
         * @param lpcbTransfer {@code [0]} receives the bytes transferred
         * @param fWait non-zero to wait
         * @param lpdwFlags {@code [0]} receives the flags
         * @return non-zero on success, 0 with the reason in {@link #lastError()}
         */
        int WSAGetOverlappedResult(long s, Pointer lpOverlapped, int[] lpcbTransfer, int fWait, int[] lpdwFlags);

        /**
         * WSACreateEvent, as {@link Ws2_32Overlapped#WSACreateEvent}.
         *
         * @return the event, or {@link OverlappedSdk#WSA_INVALID_EVENT} with the reason in {@link #lastError()}
         */
        long WSACreateEvent();

        /**
         * WSACloseEvent, as {@link Ws2_32Overlapped#WSACloseEvent}.
         *
         * @param hEvent the event
         * @return non-zero on success, 0 with the reason in {@link #lastError()}
         */
        int WSACloseEvent(long hEvent);

        /**
         * WSAWaitForMultipleEvents, as {@link Ws2_32Overlapped#WSAWaitForMultipleEvents}.
         *
         * @param cEvents the number of events
         * @param lphEvents the events
         * @param fWaitAll non-zero to wait for all
         * @param dwTimeout the timeout in milliseconds, or {@link OverlappedSdk#WSA_INFINITE}
         * @param fAlertable non-zero to be alertable
         * @return {@link OverlappedSdk#WSA_WAIT_EVENT_0} plus an index, {@link OverlappedSdk#WSA_WAIT_TIMEOUT}, or
         *     {@link OverlappedSdk#WSA_WAIT_FAILED} with the reason in {@link #lastError()}
         */
        int WSAWaitForMultipleEvents(int cEvents, long[] lphEvents, int fWaitAll, int dwTimeout, int fAlertable);

        /**
         * The error the last failed call of these left on this thread.
         *
         * @return {@link Native#getLastError()} for the real functions
         */
        int lastError();

        /** ws2_32's functions, by {@link Ws2_32Overlapped}'s direct mapping. */
        Natives WS2_32 = new Natives() {
            @Override
            public int WSARecv(long s, Pointer lpBuffers, int dwBufferCount, Pointer lpNumberOfBytesRecvd,
                    Pointer lpFlags, Pointer lpOverlapped, Pointer lpCompletionRoutine) {
                return Ws2_32Overlapped.WSARecv(s, lpBuffers, dwBufferCount, lpNumberOfBytesRecvd, lpFlags, lpOverlapped,
                        lpCompletionRoutine);
            }

            @Override
            public int WSAGetOverlappedResult(long s, Pointer lpOverlapped, int[] lpcbTransfer, int fWait,
                    int[] lpdwFlags) {
                return Ws2_32Overlapped.WSAGetOverlappedResult(s, lpOverlapped, lpcbTransfer, fWait, lpdwFlags);
            }

            @Override
            public long WSACreateEvent() {
                return Ws2_32Overlapped.WSACreateEvent();
            }

            @Override
            public int WSACloseEvent(long hEvent) {
                return Ws2_32Overlapped.WSACloseEvent(hEvent);
            }

            @Override
            public int WSAWaitForMultipleEvents(int cEvents, long[] lphEvents, int fWaitAll, int dwTimeout,
                    int fAlertable) {
                return Ws2_32Overlapped.WSAWaitForMultipleEvents(cEvents, lphEvents, fWaitAll, dwTimeout, fAlertable);
            }

            @Override
            public int lastError() {
                return Native.getLastError();
            }

            @Override
            public String toString() {
                return "ws2_32";
            }
        };
    }

    /**
     * winerror.h WSA_IO_PENDING: the overlapped operation will complete later (the safe layer's
     * WsaError has every code; a unit test ties this one to it).
     */
    static final int WSA_IO_PENDING = 997;

    // One native block: the WSAOVERLAPPED first, then the WSABUF, the two DWORDs WSARecv takes
    // pointers to, and the buffer; offsets from the JNA structures that native-headers checks.
    static final int OVERLAPPED_AT = 0;
    static final int INTERNAL_AT;
    static final int INTERNAL_HIGH_AT;
    static final int HEVENT_AT;
    static final int WSABUF_AT;
    static final int WSABUF_LEN_AT;
    static final int WSABUF_BUF_AT;
    static final int BYTES_RECVD_AT;
    static final int FLAGS_AT;
    static final int BUFFER_AT;

    static {
        WSAOVERLAPPED ov = new WSAOVERLAPPED();
        WSABUF wsabuf = new WSABUF();
        INTERNAL_AT = OVERLAPPED_AT + ov.offsetOf("Internal");
        INTERNAL_HIGH_AT = OVERLAPPED_AT + ov.offsetOf("InternalHigh");
        HEVENT_AT = OVERLAPPED_AT + ov.offsetOf("hEvent");
        WSABUF_AT = OVERLAPPED_AT + ov.size();
        WSABUF_LEN_AT = WSABUF_AT + wsabuf.offsetOf("len");
        WSABUF_BUF_AT = WSABUF_AT + wsabuf.offsetOf("buf");
        BYTES_RECVD_AT = WSABUF_AT + wsabuf.size();
        FLAGS_AT = BYTES_RECVD_AT + 4;
        BUFFER_AT = FLAGS_AT + 4;
    }

    /**
     * The native blocks of receives still pending when they were closed, kept reachable for the
     * life of the process on purpose: a {@link Memory} that becomes unreachable is freed by JNA's
     * cleaner, and the system may still write into it when the receive completes.
     */
    private static final Set<Memory> STRANDED = ConcurrentHashMap.newKeySet();

    private final Natives natives;
    private final long socket;
    private final long event;
    private final int bufferBytes;
    private final Memory memory;
    private final int postResult;
    private final int postError;
    private boolean closed;
    private boolean memoryFreed;

    private OverlappedReceive(Natives natives, long socket, long event, int bufferBytes, Memory memory,
            int postResult, int postError) {
        this.natives = natives;
        this.socket = socket;
        this.event = event;
        this.bufferBytes = bufferBytes;
        this.memory = memory;
        this.postResult = postResult;
        this.postError = postError;
    }

    /**
     * Posts an overlapped receive of up to {@code bufferBytes} bytes on {@code socket}, through
     * ws2_32. The outcome of WSARecv itself is recorded, not thrown: see {@link #postResult()}
     * and {@link #postError()}.
     *
     * @param socket the socket, a SOCKET handle (a connected stream socket)
     * @param bufferBytes the size of the one receive buffer, at least 1
     * @return the receive, pending or already completed; close it
     * @throws IllegalArgumentException if {@code bufferBytes} is less than 1
     * @throws org.winsock4j.WinsockUnavailableException on a JVM without ws2_32
     * @throws IllegalStateException if WSACreateEvent fails (the message has the error)
     */
    public static OverlappedReceive post(long socket, int bufferBytes) {
        UnguardedPorts.of(Backend.JNA); // the platform check, before Ws2_32Overlapped registers
        return post(socket, bufferBytes, Natives.WS2_32);
    }

    /**
     * As {@link #post(long, int)}, through the given functions.
     *
     * @param socket the socket, a SOCKET handle (a connected stream socket)
     * @param bufferBytes the size of the one receive buffer, at least 1
     * @param natives the raw functions to call, {@link Natives#WS2_32} or a wrapper of them
     * @return the receive, pending or already completed; close it
     * @throws IllegalArgumentException if {@code bufferBytes} is less than 1
     * @throws IllegalStateException if WSACreateEvent fails (the message has the error)
     */
    public static OverlappedReceive post(long socket, int bufferBytes, Natives natives) {
        Objects.requireNonNull(natives, "natives");
        if (bufferBytes < 1) {
            throw new IllegalArgumentException("bufferBytes must be at least 1: " + bufferBytes);
        }
        long event = natives.WSACreateEvent();
        if (event == OverlappedSdk.WSA_INVALID_EVENT) {
            throw new IllegalStateException("WSACreateEvent failed: error " + natives.lastError());
        }
        Memory memory;
        try {
            memory = new Memory((long) BUFFER_AT + bufferBytes);
        } catch (RuntimeException | Error e) {
            natives.WSACloseEvent(event);
            throw e;
        }
        memory.clear();
        memory.setLong(HEVENT_AT, event);
        memory.setInt(WSABUF_LEN_AT, bufferBytes);
        memory.setPointer(WSABUF_BUF_AT, memory.share(BUFFER_AT));
        int rc = natives.WSARecv(socket, memory.share(WSABUF_AT), 1, memory.share(BYTES_RECVD_AT),
                memory.share(FLAGS_AT), memory.share(OVERLAPPED_AT), null);
        int error = rc == 0 ? 0 : natives.lastError();
        return new OverlappedReceive(natives, socket, event, bufferBytes, memory, rc, error);
    }

    /**
     * The socket the receive was posted on.
     *
     * @return the SOCKET handle given to {@link #post(long, int)}
     */
    public long socket() {
        return socket;
    }

    /**
     * What WSARecv returned.
     *
     * @return 0 when the receive completed at once, {@link Sdk#SOCKET_ERROR} otherwise
     */
    public int postResult() {
        return postResult;
    }

    /**
     * The error WSARecv left when it returned {@link Sdk#SOCKET_ERROR}.
     *
     * @return 0 when WSARecv returned 0; WSA_IO_PENDING (997) when the receive was started and
     *     completes later; any other code when it failed at once (nothing was started)
     */
    public int postError() {
        return postError;
    }

    /**
     * Whether WSARecv started a receive that completes later.
     *
     * @return true when WSARecv returned {@link Sdk#SOCKET_ERROR} with WSA_IO_PENDING (997)
     */
    public boolean isPending() {
        return postResult == Sdk.SOCKET_ERROR && postError == WSA_IO_PENDING;
    }

    /**
     * Waits for the receive's event (WSAWaitForMultipleEvents on it alone).
     *
     * @param millis the longest wait in milliseconds, 0 to poll, or {@link OverlappedSdk#WSA_INFINITE}
     * @return true when the event is signalled (the receive completed, however it ended), false
     *     when the wait timed out
     * @throws IllegalArgumentException for a negative {@code millis} other than WSA_INFINITE
     * @throws IllegalStateException after {@link #close()}, or when the wait fails (the message
     *     has the error)
     */
    public boolean awaitCompletion(int millis) {
        if (millis < 0 && millis != OverlappedSdk.WSA_INFINITE) {
            throw new IllegalArgumentException("millis must be at least 0, or WSA_INFINITE: " + millis);
        }
        requireOpen();
        int r = natives.WSAWaitForMultipleEvents(1, new long[] {event}, 0, millis, 0);
        if (r == OverlappedSdk.WSA_WAIT_EVENT_0) {
            return true;
        }
        if (r == OverlappedSdk.WSA_WAIT_TIMEOUT) {
            return false;
        }
        int error = r == OverlappedSdk.WSA_WAIT_FAILED ? natives.lastError() : 0;
        throw new IllegalStateException("WSAWaitForMultipleEvents returned 0x" + Integer.toHexString(r)
                + (r == OverlappedSdk.WSA_WAIT_FAILED ? ", error " + error : ""));
    }

    /**
     * Asks WSAGetOverlappedResult(socket, overlapped, &amp;bytes, FALSE, &amp;flags), without
     * waiting, and reports whatever it returns: also after the socket was closed, when it may
     * refuse the handle (then {@link #internalStatus()} still shows how the receive ended).
     *
     * @return its return value, the bytes and flags it wrote, and its error
     * @throws IllegalStateException after {@link #close()}
     */
    public Completion result() {
        requireOpen();
        int[] bytes = {0};
        int[] flags = {0};
        int ok = natives.WSAGetOverlappedResult(socket, memory.share(OVERLAPPED_AT), bytes, 0, flags);
        int error = ok != 0 ? 0 : natives.lastError();
        return new Completion(ok != 0, bytes[0], flags[0], error);
    }

    /**
     * The WSAOVERLAPPED's {@code Internal}, read from memory now: for the system's providers the
     * receive's NTSTATUS, {@link OverlappedSdk#STATUS_PENDING} while it is in progress (0xC0000120,
     * STATUS_CANCELLED, for a cancelled one).
     *
     * @return the ULONG_PTR as the system left it
     * @throws IllegalStateException after {@link #close()}
     */
    public long internalStatus() {
        requireOpen();
        return memory.getLong(INTERNAL_AT);
    }

    /**
     * The WSAOVERLAPPED's {@code InternalHigh}, read from memory now: the bytes transferred, once
     * the receive has completed.
     *
     * @return the ULONG_PTR as the system left it
     * @throws IllegalStateException after {@link #close()}
     */
    public long internalHigh() {
        requireOpen();
        return memory.getLong(INTERNAL_HIGH_AT);
    }

    /**
     * A copy of the start of the receive buffer.
     *
     * @param length how many bytes to copy, at most the buffer's size
     * @return the buffer's first {@code length} bytes
     * @throws IndexOutOfBoundsException if {@code length} is negative or beyond the buffer
     * @throws IllegalStateException after {@link #close()}
     */
    public byte[] received(int length) {
        Objects.checkFromIndexSize(0, length, bufferBytes);
        requireOpen();
        return memory.getByteArray(BUFFER_AT, length);
    }

    /**
     * Closes the event (WSACloseEvent) and frees the native memory, unless the receive may still
     * write it: a receive started (WSA_IO_PENDING) whose event is not signalled keeps its memory
     * for the life of the process. So close after the receive completed, or after closing the
     * socket and {@link #awaitCompletion waiting} for the cancellation to complete. A second
     * close does nothing.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        boolean finished = !isPending()
                || natives.WSAWaitForMultipleEvents(1, new long[] {event}, 0, 0, 0) == OverlappedSdk.WSA_WAIT_EVENT_0;
        // The system holds its own reference to the event object while the I/O is pending, so
        // closing our handle to it is safe either way.
        natives.WSACloseEvent(event);
        if (finished) {
            memory.close();
            memoryFreed = true;
        } else {
            // Deliberately leaked: the receive is still pending, and the system may write the
            // buffer, the flags and the WSAOVERLAPPED when it completes (WSARecv remarks).
            STRANDED.add(memory);
        }
    }

    /** For the unit tests: whether {@link #close()} freed the native memory. */
    boolean memoryFreed() {
        return memoryFreed;
    }

    /** For the unit tests: the native block's address. */
    Pointer memory() {
        return memory;
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the overlapped receive is closed");
        }
    }

    @Override
    public String toString() {
        return "OverlappedReceive[socket " + socket + ", WSARecv " + postResult
                + (postResult == 0 ? "" : " error " + postError) + (closed ? ", closed" : "") + "]";
    }
}
