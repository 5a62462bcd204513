package org.winsock4j.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.winsock4j.unguarded.UnguardedPorts;
import org.winsock4j.InterruptRule;
import org.winsock4j.Linger;
import org.winsock4j.WinSocket;
import org.winsock4j.Winsock;
import org.winsock4j.WinsockError;
import org.winsock4j.WinsockException;
import org.winsock4j.WsaError;
import org.winsock4j.port.Sdk;
import org.winsock4j.testing.FakeWinsockPort;

/**
 * What winsock4j's Socket does beyond the compatibility suite, over the fake: the WinSocket
 * behind it, how options map onto Winsock's, errors as WinsockErrors, the close's order of calls.
 */
class WinsockSocketFakeTest {
    private static final InetSocketAddress PEER = new InetSocketAddress(InetAddress.getLoopbackAddress(), 4242);

    private final FakeWinsockPort fake = FakeWinsockPort.started();
    private final Winsock winsock = UnguardedPorts.winsockOver(fake);

    @AfterEach
    void noViolations() {
        assertEquals(List.of(), fake.violations());
    }

    private WinsockSocket connected() throws Exception {
        WinsockSocket s = new WinsockSocket(winsock);
        s.connect(PEER);
        return s;
    }

    @Test
    void theWinSocketIsBlockingUnderTheSocketsInterruptRuleAndDualStack() throws Exception {
        try (WinsockSocket s = connected()) {
            WinSocket w = s.winSocket();
            assertSame(w, s.winSocket());
            assertTrue(w.isBlocking(), "blocking until a call needs it non-blocking, as NioSocketImpl's");
            assertFalse(fake.nonBlocking(w.rawHandle()));
            assertEquals(0, fake.count("ioctlsocket", w.rawHandle()), "created and connected without a mode change");
            assertEquals(InterruptRule.SOCKET, w.interruptRule(), "a platform thread's interrupt ends no call");
            assertEquals(0, fake.intOption(w.rawHandle(), Sdk.IPPROTO_IPV6, Sdk.IPV6_V6ONLY), "IPv4 too, as the JDK's");
        }
    }

    @Test
    void aPlatformThreadsReadAndWriteAreOneBlockingCallEachWithoutAPoll() throws Exception {
        try (WinsockSocket s = connected()) {
            long raw = s.winSocket().rawHandle();
            s.getOutputStream().write(new byte[] {1, 2, 3});
            fake.deliver(raw, new byte[] {4, 5});
            byte[] got = new byte[8];
            assertEquals(2, s.getInputStream().read(got));
            assertEquals(1, fake.count("send", raw));
            assertEquals(1, fake.count("recv", raw));
            assertEquals(0, fake.count("WSAPoll", raw), "no wait for readiness before a blocking call");
        }
    }

    @Test
    void aTimedReadMakesTheSocketNonBlockingForGood() throws Exception {
        try (WinsockSocket s = connected()) {
            WinSocket w = s.winSocket();
            long raw = w.rawHandle();
            s.setSoTimeout(50);
            assertThrows(SocketTimeoutException.class, () -> s.getInputStream().read());
            assertFalse(w.isBlocking());
            assertTrue(fake.nonBlocking(raw));
            s.setSoTimeout(0);
            fake.deliver(raw, new byte[] {9});
            assertEquals(9, s.getInputStream().read());
            assertTrue(fake.nonBlocking(raw), "one way, as NioSocketImpl's configureNonBlockingIfNeeded");
            assertEquals(1, fake.count("ioctlsocket", raw));
        }
    }

    @Test
    void aTimedConnectMakesTheSocketNonBlockingAndAnUntimedOneLeavesItBlocking() throws Exception {
        WinsockSocket timed = new WinsockSocket(winsock);
        timed.connect(PEER, 5000);
        assertTrue(fake.nonBlocking(timed.winSocket().rawHandle()));
        timed.close();
        try (WinsockSocket untimed = connected()) {
            assertFalse(fake.nonBlocking(untimed.winSocket().rawHandle()));
        }
    }

    @Test
    void winSocketOpensTheSocketOnFirstUseAndRefusesAfterAClose() throws Exception {
        WinsockSocket s = new WinsockSocket(winsock);
        WinSocket w = s.winSocket();
        assertTrue(w.isOpen());
        s.close();
        assertFalse(w.isOpen());
        WinsockSocket never = new WinsockSocket(winsock);
        never.close();
        assertThrows(SocketException.class, never::winSocket);
    }

    @Test
    void closeSetsTheRealModeBackToBlockingBeforeClosesocket() throws Exception {
        WinsockSocket s = connected();
        long raw = s.winSocket().rawHandle();
        s.setSoTimeout(20);
        assertThrows(SocketTimeoutException.class, () -> s.getInputStream().read()); // now non-blocking
        s.setSoLinger(true, 2);
        s.close();
        List<FakeWinsockPort.Call> calls = fake.calls().stream().filter(c -> c.socket() == raw).toList();
        FakeWinsockPort.Call last = calls.get(calls.size() - 1);
        FakeWinsockPort.Call beforeLast = calls.get(calls.size() - 2);
        assertEquals("closesocket", last.function());
        assertEquals("ioctlsocket", beforeLast.function(), "FIONBIO 0 right before: a lingering close blocks, as documented");
        assertFalse(fake.closedAbortively(raw));
    }

    private List<String> shutdownsAndCloses(long raw) {
        return fake.calls().stream().filter(c -> c.socket() == raw).map(FakeWinsockPort.Call::function)
                .filter(f -> f.equals("shutdown") || f.equals("closesocket")).toList();
    }

    @Test
    void aBlockingSocketIsClosedWithoutAModeChangeOrAShutdown() throws Exception {
        WinsockSocket s = connected();
        long raw = s.winSocket().rawHandle();
        s.close();
        assertEquals(0, fake.count("ioctlsocket", raw));
        assertEquals(List.of("closesocket"), shutdownsAndCloses(raw), "no reader was blocked: the linger alone decides");
        assertFalse(fake.closedAbortively(raw));
    }

    @Test
    void aCloseWhileAPlatformThreadIsBlockedInARecvShutsTheOutputDownFirst() throws Exception {
        WinsockSocket s = connected();
        long raw = s.winSocket().rawHandle();
        java.util.concurrent.CompletableFuture<Integer> reader = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return s.getInputStream().read();
            } catch (java.io.IOException e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        }, r -> new Thread(r, "reader").start());
        fake.awaitBlockedRecv(raw);
        s.close();
        java.util.concurrent.ExecutionException e = assertThrows(java.util.concurrent.ExecutionException.class,
                () -> reader.get(10, java.util.concurrent.TimeUnit.SECONDS));
        assertInstanceOf(SocketException.class, e.getCause());
        assertEquals("Socket closed", e.getCause().getMessage());
        assertEquals(List.of("shutdown", "closesocket"), shutdownsAndCloses(raw),
                "shutdown(SD_SEND) before the cancel, or Windows resets (JDK-8358764)");
        assertFalse(fake.closedAbortively(raw));
    }

    @Test
    void aCloseWithABlockedRecvStillResetsWhenSoLingerAsksForIt() throws Exception {
        WinsockSocket s = connected();
        long raw = s.winSocket().rawHandle();
        s.setSoLinger(true, 0);
        java.util.concurrent.CompletableFuture<org.winsock4j.testing.OnOwnThread.Ending> ending =
                new java.util.concurrent.CompletableFuture<>();
        org.winsock4j.testing.OnOwnThread.start("reader", () -> s.getInputStream().read(), ending);
        fake.awaitBlockedRecv(raw);
        s.close();
        Object result = ending.get(10, java.util.concurrent.TimeUnit.SECONDS).result();
        assertEquals("Socket closed", assertInstanceOf(SocketException.class, result).getMessage());
        assertEquals(List.of("closesocket"), shutdownsAndCloses(raw), "SO_LINGER (on, 0): the reset the caller asked for");
        assertTrue(fake.closedAbortively(raw));
    }

    @Test
    void soLingerIsTheWinSocketsLingerExactly() throws Exception {
        try (WinsockSocket s = connected()) {
            long raw = s.winSocket().rawHandle();
            s.setSoLinger(true, 7);
            assertArrayEquals(new int[] {1, 7}, fake.linger(raw));
            assertEquals(Linger.timeout(7), s.winSocket().linger());
            s.setSoLinger(true, 0);
            assertArrayEquals(new int[] {1, 0}, fake.linger(raw), "the JDK's setSoLinger(true, 0): abortive");
            s.setSoLinger(false, 9);
            assertArrayEquals(new int[] {0, 0}, fake.linger(raw), "off: SO_DONTLINGER, LINGER {0, 0} as the JDK sets it");
        }
    }

    @Test
    void lingerZeroCloseIsAbortive() throws Exception {
        WinsockSocket s = connected();
        long raw = s.winSocket().rawHandle();
        s.setSoLinger(true, 0);
        s.close();
        assertTrue(fake.closedAbortively(raw));
    }

    @Test
    void anAbortiveCloseThroughTheWinSocketMarksTheSocketClosed() throws Exception {
        WinsockSocket s = connected();
        long raw = s.winSocket().rawHandle();
        s.winSocket().closeAbortively();
        assertTrue(fake.closedAbortively(raw));
        assertTrue(s.isClosed());
        s.close(); // nothing left to do
    }

    @Test
    void aRefusedConnectIsAConnectExceptionThatIsTheWinsockErrorAndClosesTheSocket() throws Exception {
        WinsockSocket s = new WinsockSocket(winsock);
        long raw = s.winSocket().rawHandle();
        fake.failNext("connect", WsaError.WSAECONNREFUSED);
        ConnectException e = assertThrows(ConnectException.class, () -> s.connect(PEER));
        WinsockError w = assertInstanceOf(WinsockError.class, e);
        assertEquals("WSAECONNREFUSED", w.sdkName());
        assertEquals("connect", w.operation());
        assertTrue(s.isClosed(), "a failed connect closes the socket, as the JDK's");
        assertFalse(fake.isOpen(raw));
        assertSame(w, s.lastFailure().orElseThrow());
    }

    @Test
    void aPendingConnectThatFailsReportsSoError() throws Exception {
        WinsockSocket s = new WinsockSocket(winsock);
        long raw = s.winSocket().rawHandle();
        fake.failNext("connect", WsaError.WSAEWOULDBLOCK);
        fake.connectFails(raw, WsaError.WSAECONNREFUSED);
        ConnectException e = assertThrows(ConnectException.class, () -> s.connect(PEER, 5000));
        assertEquals(WsaError.WSAECONNREFUSED.code(), ((WinsockError) e).code());
    }

    @Test
    void aReadTimeoutIsWsaeTimedOutAndLeavesSoRcvTimeoAlone() throws Exception {
        try (WinsockSocket s = connected()) {
            long raw = s.winSocket().rawHandle();
            s.setSoTimeout(50);
            InputStream in = s.getInputStream();
            SocketTimeoutException e = assertThrows(SocketTimeoutException.class, in::read);
            assertEquals(WsaError.WSAETIMEDOUT.code(), ((WinsockError) e).code());
            assertEquals(null, fake.intOption(raw, Sdk.SOL_SOCKET, Sdk.SO_RCVTIMEO),
                    "never SO_RCVTIMEO: after its expiry Windows leaves the socket indeterminate");
            assertEquals(WsaError.WSAETIMEDOUT.code(), s.lastFailure().orElseThrow().code());
        }
    }

    @Test
    void aResetIsTheTypedWinsockException() throws Exception {
        try (WinsockSocket s = connected()) {
            fake.peerResets(s.winSocket().rawHandle());
            WinsockException.ConnectionReset e = assertThrows(WinsockException.ConnectionReset.class,
                    () -> s.getInputStream().read());
            assertEquals("recv", e.operation());
        }
    }

    @Test
    void urgentDataIsSentWithMsgOob() throws Exception {
        try (WinsockSocket s = connected()) {
            s.getOutputStream().write('a');
            s.sendUrgentData('!');
            long raw = s.winSocket().rawHandle();
            assertArrayEquals(new byte[] {'a'}, fake.sent(raw));
            assertArrayEquals(new byte[] {'!'}, fake.urgentSent(raw));
        }
    }

    @Test
    void bindIsExclusiveAsTheJdksOnWindows() throws Exception {
        try (WinsockSocket s = new WinsockSocket(winsock)) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            long raw = s.winSocket().rawHandle();
            assertEquals(1, fake.intOption(raw, Sdk.SOL_SOCKET, Sdk.SO_EXCLUSIVEADDRUSE));
            assertEquals(null, fake.intOption(raw, Sdk.SOL_SOCKET, Sdk.SO_REUSEADDR), "a flag only");
            assertTrue(s.getReuseAddress());
            assertTrue(s.getLocalPort() > 0);
        }
    }

    @Test
    void theServerSocketAcceptsWinsockSockets() throws Exception {
        try (ServerSocket listener = new WinsockServerSocketFactory(winsock)
                .createServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            assertTrue(listener.getLocalPort() > 0);
            Socket accepted = listener.accept();
            assertInstanceOf(WinsockSocket.class, accepted);
            assertTrue(accepted.isConnected());
            assertEquals(50000, accepted.getPort(), "the fake's peer port");
            WinSocket w = ((WinsockSocket) accepted).winSocket();
            assertTrue(w.isBlocking(), "inherited from the blocking listener");
            assertEquals(InterruptRule.SOCKET, w.interruptRule());
            accepted.close();
        }
    }

    @Test
    void aSocketAcceptedByATimedAcceptStartsBlocking() throws Exception {
        try (ServerSocket listener = new WinsockServerSocketFactory(winsock)
                .createServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            listener.setSoTimeout(5000);
            Socket accepted = listener.accept();
            assertTrue(fake.nonBlocking(((WinsockServerSocket) listener).winSocket().rawHandle()));
            WinSocket w = ((WinsockSocket) accepted).winSocket();
            assertTrue(w.isBlocking(), "set back from the listener's non-blocking mode, as NioSocketImpl does");
            assertFalse(fake.nonBlocking(w.rawHandle()));
            accepted.close();
        }
    }

    @Test
    void anAcceptTimesOutAndTheListenerStaysUsable() throws Exception {
        try (WinsockServerSocket listener = new WinsockServerSocket(winsock)) {
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            long raw = listener.winSocket().rawHandle();
            fake.pollReports(raw, 0);
            listener.setSoTimeout(50);
            assertThrows(SocketTimeoutException.class, listener::accept);
            assertFalse(listener.isClosed());
        }
    }

    @Test
    void theFactoryConnectsAndClosesWhatFailed() throws Exception {
        WinsockSocketFactory factory = new WinsockSocketFactory(winsock);
        try (Socket s = factory.createSocket(PEER.getAddress(), PEER.getPort())) {
            assertInstanceOf(WinsockSocket.class, s);
            assertTrue(s.isConnected());
        }
        fake.failNext("connect", WsaError.WSAECONNREFUSED);
        assertThrows(ConnectException.class, () -> factory.createSocket("127.0.0.1", 1));
        assertTrue(fake.socketsOfType(Sdk.SOCK_STREAM).stream().noneMatch(fake::isOpen), "nothing left open");
        assertFalse(factory.createSocket().isConnected(), "createSocket(): unconnected");
    }

    @Test
    void theTlsFactoryRefusesUnconnectedSockets() throws Exception {
        WinsockSslSocketFactory tls = new WinsockSslSocketFactory(javax.net.ssl.SSLContext.getDefault());
        SocketException e = assertThrows(SocketException.class, tls::createSocket);
        assertTrue(e.getMessage().startsWith("Unconnected sockets not implemented"));
        assertTrue(tls.getSupportedCipherSuites().length > 0);
    }

    @Test
    void unknownOptionsFailAsTheJdks() throws Exception {
        try (WinsockSocket s = connected()) {
            assertThrows(UnsupportedOperationException.class,
                    () -> s.setOption(java.net.StandardSocketOptions.IP_MULTICAST_LOOP, true));
        }
    }

    @Test
    void aVirtualThreadsFirstReadMakesTheSocketNonBlockingForGood() throws Exception {
        java.util.concurrent.ExecutorService virtual;
        try {
            virtual = (java.util.concurrent.ExecutorService) java.util.concurrent.Executors.class
                    .getMethod("newVirtualThreadPerTaskExecutor").invoke(null); // the sources are Java 17
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("this test needs Java 21+ (virtual threads); it runs on " + Runtime.version(), e);
        }
        try (WinsockSocket s = connected()) {
            long raw = s.winSocket().rawHandle();
            fake.deliver(raw, new byte[] {5});
            assertEquals(5, virtual.submit(() -> s.getInputStream().read()).get(10, java.util.concurrent.TimeUnit.SECONDS));
            assertTrue(fake.nonBlocking(raw), "a virtual thread must not block its carrier in recv");
            assertFalse(s.winSocket().isBlocking());
        } finally {
            virtual.shutdownNow();
        }
    }
}
