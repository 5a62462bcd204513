package org.winsock4j.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.winsock4j.AddressFamily;
import org.winsock4j.cli.instrument.OverlappedReceive;
import org.winsock4j.cli.instrument.OverlappedReceive.Completion;
import org.winsock4j.cli.instrument.OverlappedSdk;
import org.winsock4j.port.Sdk;

/**
 * An overlapped WSARecv on the real ws2_32 ({@link OverlappedReceive}, raw functions outside the
 * port, noted by {@link CoveragePort#overlappedNatives()}), and how a pending one ends when
 * closesocket closes its socket: the closesocket page says pending operations are cancelled;
 * what each platform reports is in docs/WINE-EVIDENCE.md#overlapped-receive-at-closesocket.
 *
 * @see <a href="https://learn.microsoft.com/en-us/windows/win32/api/winsock/nf-winsock-closesocket">closesocket function (winsock.h)</a>
 * @see <a href="https://learn.microsoft.com/en-us/windows/win32/api/winsock2/nf-winsock2-wsagetoverlappedresult">WSAGetOverlappedResult function (winsock2.h)</a>
 */
class OverlappedReceiveWineTest {
    private static final int WSA_IO_PENDING = 997;
    private static final int WSA_IO_INCOMPLETE = 996;
    private static final int WSAENOTSOCK = 10038;
    /** ntstatus.h: "handles to objects have been automatically closed" (a warning, not success). */
    private static final long STATUS_HANDLES_CLOSED = 0x8000000AL;
    /** ntstatus.h: the transport aborted the connection; GetLastError 1236, ERROR_CONNECTION_ABORTED. */
    private static final long STATUS_CONNECTION_ABORTED = 0xC0000241L;
    /** The longest wait for a completion after closesocket. */
    private static final int COMPLETION_LIMIT_MILLIS = 5000;

    private static OverlappedReceive post(long socket) {
        return OverlappedReceive.post(socket, 64, Lab.PORT.overlappedNatives());
    }

    @Test
    void aPendingReceiveCompletesWithTheBytesThePeerSends() throws Exception {
        try (Lab.Pair p = Lab.pair(AddressFamily.INET); OverlappedReceive r = post(p.server().rawHandle())) {
            assertEquals(Sdk.SOCKET_ERROR, r.postResult(), "nothing to read yet: no immediate completion");
            assertEquals(WSA_IO_PENDING, r.postError());
            assertTrue(r.isPending());
            assertEquals(OverlappedSdk.STATUS_PENDING, r.internalStatus(), "HasOverlappedIoCompleted would say no");
            assertFalse(r.awaitCompletion(0));
            assertEquals(new Completion(false, 0, 0, WSA_IO_INCOMPLETE), r.result(), "in progress, fWait FALSE");

            p.client().send(new byte[] {1, 2, 3, 4, 5}, 0, 5);
            assertTrue(r.awaitCompletion(COMPLETION_LIMIT_MILLIS), "the event is signalled when the bytes arrive");
            assertEquals(new Completion(true, 5, 0, 0), r.result());
            assertEquals(0, r.internalStatus(), "STATUS_SUCCESS");
            assertEquals(5, r.internalHigh(), "the bytes transferred");
            assertArrayEquals(new byte[] {1, 2, 3, 4, 5}, r.received(5));
        }
    }

    @Test
    void closesocketEndsAPendingReceive() throws Exception {
        try (Lab.Pair p = Lab.pair(AddressFamily.INET)) {
            OverlappedReceive r = post(p.server().rawHandle());
            try {
                assertTrue(r.isPending(), "WSARecv: " + r);
                assertEquals(OverlappedSdk.STATUS_PENDING, r.internalStatus());

                // No call of the WinSocket is in progress, so close() is exactly one closesocket.
                long c0 = System.nanoTime();
                p.server().close();
                long returned = System.nanoTime();
                boolean atReturn = r.awaitCompletion(0);
                boolean signalled = atReturn || r.awaitCompletion(COMPLETION_LIMIT_MILLIS);
                long afterMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - returned);
                Completion c = r.result();
                long internal = r.internalStatus(); // an NTSTATUS: the low 32 bits count
                String seen = Lab.platform() + ": closesocket took " + TimeUnit.NANOSECONDS.toMillis(returned - c0)
                        + " ms; event signalled " + signalled + (atReturn ? " when it returned" : " " + afterMillis
                        + " ms after it returned") + "; WSAGetOverlappedResult " + c + "; Internal 0x"
                        + Long.toHexString(internal) + ", InternalHigh " + r.internalHigh();
                System.out.println("pending WSARecv at closesocket, " + seen);

                assertTrue(signalled, "the receive completes: " + seen);
                assertEquals(0, r.internalHigh(), "no bytes: " + seen);
                // The socket is gone: WSAGetOverlappedResult fails for the handle, with its
                // documented error for a descriptor that is not a socket.
                assertEquals(new Completion(false, 0, 0, WSAENOTSOCK), c, seen);
                if (Lab.WINE) {
                    // Wine 8.0 and 10.0 alike: completed by the time closesocket returns, with
                    // STATUS_HANDLES_CLOSED (docs/WINE-EVIDENCE.md#overlapped-receive-at-closesocket).
                    assertTrue(atReturn, "Wine " + Lab.WINE_MAJOR + " completes it inside closesocket: " + seen);
                    assertEquals((int) STATUS_HANDLES_CLOSED, (int) internal, seen);
                } else {
                    // Windows: aborted by the transport (ERROR_CONNECTION_ABORTED, 1236), not
                    // cancelled (STATUS_CANCELLED, WSA_OPERATION_ABORTED 995) as the closesocket page
                    // suggests; docs/WINE-EVIDENCE.md#overlapped-receive-at-closesocket.
                    assertEquals((int) STATUS_CONNECTION_ABORTED, (int) internal, seen);
                }
            } finally {
                r.close();
            }
        }
    }
}
