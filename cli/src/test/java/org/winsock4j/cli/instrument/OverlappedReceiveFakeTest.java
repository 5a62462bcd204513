package org.winsock4j.cli.instrument;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Pointer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.winsock4j.WsaError;
import org.winsock4j.port.Sdk;

/**
 * {@link OverlappedReceive} over scripted raw functions: what it hands WSARecv, how it reads the
 * outcome, and when close() frees the native memory. Runs on any JVM; the Wine tier
 * (tests/.../OverlappedReceiveWineTest) runs it against ws2_32.
 */
class OverlappedReceiveFakeTest {
    private static final long SOCKET = 0x1234;
    private static final long EVENT = 0x5678;
    private static final long STATUS_CANCELLED = 0xC0000120L;

    /** Records the calls; answers from fields the test sets. */
    static final class Scripted implements OverlappedReceive.Natives {
        final List<String> calls = new ArrayList<>();
        long createEvent = EVENT;
        int recvResult = Sdk.SOCKET_ERROR;
        int error = WsaError.WSA_IO_PENDING.code();
        boolean signalled;
        int waitResult = -2; // -2: from signalled
        int overlappedOk;
        int transferred;
        int completionFlags;
        Pointer buffers;
        int bufferCount;
        Pointer bytesRecvd;
        Pointer flags;
        Pointer overlapped;
        Pointer routine = Pointer.createConstant(1);
        final List<Integer> timeouts = new ArrayList<>();

        @Override
        public int WSARecv(long s, Pointer lpBuffers, int dwBufferCount, Pointer lpNumberOfBytesRecvd, Pointer lpFlags,
                Pointer lpOverlapped, Pointer lpCompletionRoutine) {
            calls.add("WSARecv");
            assertEquals(SOCKET, s);
            buffers = lpBuffers;
            bufferCount = dwBufferCount;
            bytesRecvd = lpNumberOfBytesRecvd;
            flags = lpFlags;
            overlapped = lpOverlapped;
            routine = lpCompletionRoutine;
            lpOverlapped.setLong(0, OverlappedSdk.STATUS_PENDING);
            return recvResult;
        }

        @Override
        public int WSAGetOverlappedResult(long s, Pointer lpOverlapped, int[] lpcbTransfer, int fWait, int[] lpdwFlags) {
            calls.add("WSAGetOverlappedResult(fWait " + fWait + ")");
            assertEquals(SOCKET, s);
            assertEquals(Pointer.nativeValue(overlapped), Pointer.nativeValue(lpOverlapped));
            lpcbTransfer[0] = transferred;
            lpdwFlags[0] = completionFlags;
            return overlappedOk;
        }

        @Override
        public long WSACreateEvent() {
            calls.add("WSACreateEvent");
            return createEvent;
        }

        @Override
        public int WSACloseEvent(long hEvent) {
            calls.add("WSACloseEvent");
            assertEquals(EVENT, hEvent);
            return 1;
        }

        @Override
        public int WSAWaitForMultipleEvents(int cEvents, long[] lphEvents, int fWaitAll, int dwTimeout, int fAlertable) {
            calls.add("WSAWaitForMultipleEvents");
            assertEquals(1, cEvents);
            assertArrayEquals(new long[] {EVENT}, lphEvents);
            assertEquals(0, fWaitAll);
            assertEquals(0, fAlertable);
            timeouts.add(dwTimeout);
            if (waitResult != -2) {
                return waitResult;
            }
            return signalled ? OverlappedSdk.WSA_WAIT_EVENT_0 : OverlappedSdk.WSA_WAIT_TIMEOUT;
        }

        @Override
        public int lastError() {
            return error;
        }
    }

    private final Scripted natives = new Scripted();

    @Test
    void wsarecvGetsOneWsabufOverItsBufferAndAnOverlappedWithTheEvent() {
        try (OverlappedReceive r = OverlappedReceive.post(SOCKET, 100, natives)) {
            assertEquals(List.of("WSACreateEvent", "WSARecv"), natives.calls);
            assertEquals(1, natives.bufferCount);
            assertNull(natives.routine, "no completion routine: the event is signalled");
            long base = Pointer.nativeValue(r.memory());
            assertEquals(base, Pointer.nativeValue(natives.overlapped), "the WSAOVERLAPPED starts the block");
            assertEquals(EVENT, natives.overlapped.getLong(new WSAOVERLAPPED().offsetOf("hEvent")));
            assertEquals(0, natives.overlapped.getInt(new WSAOVERLAPPED().offsetOf("Offset")));
            assertEquals(100, natives.buffers.getInt(new WSABUF().offsetOf("len")));
            Pointer buf = natives.buffers.getPointer(new WSABUF().offsetOf("buf"));
            // Nothing overlaps: WSAOVERLAPPED, WSABUF, the two DWORDs, then the buffer.
            assertEquals(base + OverlappedSdk.SIZEOF_WSAOVERLAPPED, Pointer.nativeValue(natives.buffers));
            assertEquals(base + OverlappedSdk.SIZEOF_WSAOVERLAPPED + OverlappedSdk.SIZEOF_WSABUF, Pointer.nativeValue(natives.bytesRecvd));
            assertEquals(Pointer.nativeValue(natives.bytesRecvd) + 4, Pointer.nativeValue(natives.flags));
            assertEquals(Pointer.nativeValue(natives.flags) + 4, Pointer.nativeValue(buf));
            assertEquals(0, natives.flags.getInt(0), "no MSG_ flags");
            buf.write(0, new byte[] {7, 8, 9}, 0, 3);
            assertArrayEquals(new byte[] {7, 8, 9}, r.received(3));
            assertThrows(IndexOutOfBoundsException.class, () -> r.received(101));
        }
    }

    @Test
    void aPendingReceiveIsRecordedNotThrown() {
        try (OverlappedReceive r = OverlappedReceive.post(SOCKET, 16, natives)) {
            assertEquals(Sdk.SOCKET_ERROR, r.postResult());
            assertEquals(997, r.postError());
            assertTrue(r.isPending());
            assertEquals(OverlappedSdk.STATUS_PENDING, r.internalStatus());
            assertFalse(r.awaitCompletion(5));
            natives.signalled = true;
            assertTrue(r.awaitCompletion(OverlappedSdk.WSA_INFINITE));
            assertEquals(List.of(5, OverlappedSdk.WSA_INFINITE), natives.timeouts);
        }
    }

    @Test
    void anImmediateCompletionHasNoError() {
        natives.recvResult = 0;
        natives.error = 12345; // must not be read
        try (OverlappedReceive r = OverlappedReceive.post(SOCKET, 16, natives)) {
            assertEquals(0, r.postResult());
            assertEquals(0, r.postError());
            assertFalse(r.isPending());
        }
    }

    @Test
    void resultReportsWhatWsaGetOverlappedResultSaysWithoutWaiting() {
        try (OverlappedReceive r = OverlappedReceive.post(SOCKET, 16, natives)) {
            natives.overlappedOk = 1;
            natives.transferred = 5;
            natives.completionFlags = 0;
            natives.error = 999_999; // not read after TRUE
            assertEquals(new OverlappedReceive.Completion(true, 5, 0, 0), r.result());
            natives.overlappedOk = 0;
            natives.transferred = 0;
            natives.error = 1236;
            assertEquals(new OverlappedReceive.Completion(false, 0, 0, 1236), r.result());
            assertEquals("WSAGetOverlappedResult(fWait 0)", natives.calls.get(natives.calls.size() - 1));
        }
    }

    @Test
    void internalStatusAndInternalHighAreReadFromMemoryEachTime() {
        try (OverlappedReceive r = OverlappedReceive.post(SOCKET, 16, natives)) {
            natives.overlapped.setLong(new WSAOVERLAPPED().offsetOf("Internal"), STATUS_CANCELLED);
            natives.overlapped.setLong(new WSAOVERLAPPED().offsetOf("InternalHigh"), 42);
            assertEquals(STATUS_CANCELLED, r.internalStatus());
            assertEquals(42, r.internalHigh());
        }
    }

    @Test
    void aFailedWaitThrowsWithTheError() {
        try (OverlappedReceive r = OverlappedReceive.post(SOCKET, 16, natives)) {
            natives.waitResult = OverlappedSdk.WSA_WAIT_FAILED;
            natives.error = 6; // ERROR_INVALID_HANDLE
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> r.awaitCompletion(0));
            assertTrue(e.getMessage().contains("error 6"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> r.awaitCompletion(-2));
            natives.waitResult = -2;
        }
    }

    @Test
    void closeKeepsTheMemoryOfAReceiveStillPending() {
        OverlappedReceive r = OverlappedReceive.post(SOCKET, 16, natives);
        r.close();
        assertFalse(r.memoryFreed(), "the system may still write it");
        assertEquals(List.of("WSACreateEvent", "WSARecv", "WSAWaitForMultipleEvents", "WSACloseEvent"), natives.calls);
        assertEquals(List.of(0), natives.timeouts, "close polls, never waits");
        r.close();
        assertEquals(4, natives.calls.size(), "a second close does nothing");
        assertThrows(IllegalStateException.class, r::internalStatus);
        assertThrows(IllegalStateException.class, r::result);
        assertThrows(IllegalStateException.class, () -> r.awaitCompletion(0));
    }

    @Test
    void closeFreesTheMemoryOfACompletedReceive() {
        OverlappedReceive r = OverlappedReceive.post(SOCKET, 16, natives);
        natives.signalled = true;
        r.close();
        assertTrue(r.memoryFreed());
        assertEquals(List.of("WSACreateEvent", "WSARecv", "WSAWaitForMultipleEvents", "WSACloseEvent"), natives.calls);
    }

    @Test
    void closeFreesTheMemoryWhenNothingWasStarted() {
        natives.error = 10038; // WSAENOTSOCK: failed at once
        OverlappedReceive r = OverlappedReceive.post(SOCKET, 16, natives);
        assertFalse(r.isPending());
        assertEquals(10038, r.postError());
        r.close();
        assertTrue(r.memoryFreed());
        assertEquals(List.of("WSACreateEvent", "WSARecv", "WSACloseEvent"), natives.calls);
    }

    @Test
    void noEventNoReceive() {
        natives.createEvent = OverlappedSdk.WSA_INVALID_EVENT;
        natives.error = 8; // ERROR_NOT_ENOUGH_MEMORY
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> OverlappedReceive.post(SOCKET, 16, natives));
        assertTrue(e.getMessage().contains("error 8"), e.getMessage());
        assertEquals(List.of("WSACreateEvent"), natives.calls);
        assertThrows(IllegalArgumentException.class, () -> OverlappedReceive.post(SOCKET, 0, natives));
    }

    @Test
    void wsaIoPendingIsTheSdkCode() {
        assertEquals(WsaError.WSA_IO_PENDING.code(), OverlappedReceive.WSA_IO_PENDING);
    }
}
