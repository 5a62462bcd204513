package org.winsock4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.winsock4j.testing.FakeWinsockPort;

/** connect(remote, timeout) against the fake: the non-blocking connect, the wait, SO_ERROR, the mode restored. */
class ConnectTimeoutFakeTest extends FakeWinsockFixture {
    ConnectTimeoutFakeTest() {
        super(Opens.TCP);
    }

    private List<String> functions() {
        return fake.calls().stream().map(FakeWinsockPort.Call::function)
                .filter(f -> !f.equals("WSAStartup") && !f.equals("socket") && !f.equals("select")).toList();
    }

    @Test
    void anImmediateConnectRestoresBlockingMode() throws Exception {
        socket.connect(PEER, Duration.ofSeconds(1));
        assertTrue(socket.isBlocking());
        assertFalse(fake.nonBlocking(raw));
        assertEquals(List.of("ioctlsocket", "connect", "ioctlsocket"), functions());
    }

    @Test
    void aPendingConnectWaitsForWritabilityThenReadsSoError() throws Exception {
        fake.failNext("connect", WsaError.WSAEWOULDBLOCK);
        CompletableFuture<Void> connect = CompletableFuture.runAsync(() -> {
            try {
                socket.connect(PEER, Duration.ofSeconds(30));
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        });
        while (fake.count("select", raw) < 2) {
            Thread.sleep(1);
        }
        fake.connectCompletes(raw);
        connect.get(10, TimeUnit.SECONDS);
        assertEquals(List.of("ioctlsocket", "connect", "ioctlsocket"), functions(),
                "writable and not in exceptfds: connected, no SO_ERROR to read (sun.nio.ch.Net.pollConnect)");
        assertFalse(fake.nonBlocking(raw), "blocking again");
    }

    @Test
    void aRefusedConnectIsConnectionRefusedAndTheSocketStaysOpen() throws Exception {
        fake.failNext("connect", WsaError.WSAEWOULDBLOCK);
        fake.connectFails(raw, WsaError.WSAECONNREFUSED);
        WinsockException.ConnectionRefused e = assertThrows(WinsockException.ConnectionRefused.class,
                () -> socket.connect(PEER, Duration.ofSeconds(5)));
        assertEquals("connect", e.operation());
        assertEquals(WsaError.WSAECONNREFUSED.code(), e.code());
        assertTrue(socket.isOpen());
        assertFalse(fake.nonBlocking(raw), "blocking again after the failure");
    }

    @Test
    void unreachableErrorsAreTyped() throws Exception {
        fake.failNext("connect", WsaError.WSAEHOSTUNREACH);
        assertThrows(WinsockException.HostUnreachable.class, () -> socket.connect(PEER, Duration.ofSeconds(1)));
        fake.failNext("connect", WsaError.WSAEWOULDBLOCK);
        fake.connectFails(raw, WsaError.WSAENETUNREACH);
        assertThrows(WinsockException.NetworkUnreachable.class, () -> socket.connect(PEER, Duration.ofSeconds(1)));
        assertFalse(fake.nonBlocking(raw));
    }

    @Test
    void noConnectionInTimeIsTimedOut() throws Exception {
        fake.failNext("connect", WsaError.WSAEWOULDBLOCK);
        long start = System.nanoTime();
        WinsockException.TimedOut e = assertThrows(WinsockException.TimedOut.class,
                () -> socket.connect(PEER, Duration.ofMillis(60)));
        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(60));
        assertEquals("connect", e.operation());
        assertEquals(WsaError.WSAETIMEDOUT.code(), e.code());
        assertTrue(e.getMessage().contains("PT0.06S"), e.getMessage());
        assertFalse(fake.nonBlocking(raw));
    }

    @Test
    void aNonBlockingSocketStaysNonBlocking() throws Exception {
        socket.setBlocking(false);
        socket.connect(PEER, Duration.ofSeconds(1));
        assertTrue(fake.nonBlocking(raw));
        assertFalse(socket.isBlocking());
    }

    @Test
    void aCloseFromAnotherThreadEndsTheWait() throws Exception {
        fake.failNext("connect", WsaError.WSAEWOULDBLOCK);
        CompletableFuture<Void> connect = CompletableFuture.runAsync(() -> {
            try {
                socket.connect(PEER, Duration.ofSeconds(30));
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        });
        while (fake.count("select", raw) < 2) {
            Thread.sleep(1);
        }
        socket.close();
        ExecutionException e = assertThrows(ExecutionException.class, () -> connect.get(10, TimeUnit.SECONDS));
        assertInstanceOf(SocketClosedException.class, e.getCause());
        assertEquals(0, fake.callsAfterClose(raw));
    }

    @Test
    void badInputFailsBeforeAnyNativeCall() {
        long before = fake.calls().size();
        assertThrows(NullPointerException.class, () -> socket.connect(null, Duration.ofSeconds(1)));
        assertThrows(NullPointerException.class, () -> socket.connect(PEER, null));
        assertThrows(IllegalArgumentException.class, () -> socket.connect(PEER, Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> socket.connect(PEER, Duration.ofMillis(-5)));
        assertThrows(IllegalArgumentException.class,
                () -> socket.connect(InetSocketAddress.createUnresolved("example.invalid", 80), Duration.ofSeconds(1)));
        assertEquals(before, fake.calls().size());
    }

    /**
     * Issue 22 item 9: on Windows before 10 version 2004 (Windows Server 2019 included) WSAPoll
     * never reports a failed non-blocking connect; select does, in exceptfds. A refused connect
     * with a time limit is ConnectionRefused at once there too, not TimedOut at the limit.
     */
    @Test
    void aRefusedConnectThatWsaPollNeverReportsIsReportedBySelect() throws Exception {
        fake.wsaPollNeverReportsAFailedConnect();
        fake.failNext("connect", WsaError.WSAEWOULDBLOCK);
        fake.connectFails(raw, WsaError.WSAECONNREFUSED);
        long start = System.nanoTime();
        WinsockException.ConnectionRefused e = assertThrows(WinsockException.ConnectionRefused.class,
                () -> socket.connect(PEER, Duration.ofSeconds(3)));
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(millis < 1000, "reported at once, not at the limit: " + millis + " ms");
        assertEquals("connect", e.operation());
        assertTrue(fake.count("select", raw) > 0, "select waited");
        assertEquals(0, fake.count("WSAPoll", raw), "WSAPoll never asked");
        assertTrue(socket.isOpen());
        assertFalse(fake.nonBlocking(raw), "blocking again");
    }

    /**
     * The same on a virtual thread, which parks instead of waiting in select: it asks select
     * (without waiting) again after at most a second without a report, so the refused connect
     * ends within about a second, not at the limit.
     */
    @Test
    void aRefusedConnectThatWsaPollNeverReportsEndsSoonOnAVirtualThread() throws Exception {
        fake.wsaPollNeverReportsAFailedConnect();
        fake.failNext("connect", WsaError.WSAEWOULDBLOCK);
        java.util.concurrent.ExecutorService virtual = VirtualThreadsFakeTest.virtualThreads();
        try {
            java.util.concurrent.Future<Throwable> outcome = virtual.submit(() -> {
                try {
                    socket.connect(PEER, Duration.ofSeconds(10));
                    return null;
                } catch (Throwable t) {
                    return t;
                }
            });
            while (fake.count("connect", raw) < 1) {
                Thread.sleep(1);
            }
            Thread.sleep(100); // parked, waiting for a report that never comes
            long start = System.nanoTime();
            fake.connectFails(raw, WsaError.WSAECONNREFUSED);
            assertInstanceOf(WinsockException.ConnectionRefused.class, outcome.get(5, TimeUnit.SECONDS));
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(millis < 2500, "within the one-second recheck, not at the 10 s limit: " + millis + " ms");
        } finally {
            virtual.shutdownNow();
        }
        assertFalse(fake.nonBlocking(raw), "blocking again");
    }

    @Test
    void aConnectedSocketIsWritableAndNotInExceptfdsSoNoSoErrorIsRead() throws Exception {
        fake.failNext("connect", WsaError.WSAEWOULDBLOCK);
        fake.connectCompletes(raw);
        socket.connect(PEER, Duration.ofSeconds(5));
        assertEquals(0, fake.count("getsockopt", raw));
        assertTrue(socket.isBlocking());
    }
}
