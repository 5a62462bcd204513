package org.winsock4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.winsock4j.port.Sdk;

/** Every WinSocket operation on its success and failure paths, against the fake. */
class WinSocketFakeTest extends FakeWinsockFixture {
    WinSocketFakeTest() {
        super(Opens.TCP);
    }

    private WinSocket connected() throws Exception {
        socket.connect(PEER);
        return socket;
    }

    @Test
    void openPassesTheSdkValues() throws Exception {
        assertTrue(socket.isOpen());
        assertTrue(fake.isOpen(raw));
        assertEquals(1, fake.count("socket"));
        assertTrue(socket.isBlocking());
        assertEquals(Linger.off(), socket.linger());
    }

    @Test
    void openFailureIsTyped() {
        fake.failNext("socket", WsaError.WSAEAFNOSUPPORT);
        WinsockException e = assertThrows(WinsockException.class,
                () -> winsock.open(AddressFamily.INET6, SocketType.STREAM, Protocol.TCP));
        assertEquals("socket", e.operation());
        assertEquals(10047, e.code());
    }

    @Test
    void openRejectsNullsBeforeAnyNativeCall() {
        long before = fake.calls().size();
        assertThrows(NullPointerException.class, () -> winsock.open(null, SocketType.STREAM, Protocol.TCP));
        assertThrows(NullPointerException.class, () -> winsock.open(AddressFamily.INET, null, Protocol.TCP));
        assertThrows(NullPointerException.class, () -> winsock.open(AddressFamily.INET, SocketType.STREAM, null));
        assertEquals(before, fake.calls().size());
    }

    @Test
    void bindListenAcceptAndAddresses() throws Exception {
        socket.bind(PEER);
        assertEquals(PEER, socket.localAddress());
        socket.listen(Sdk.SOMAXCONN);
        try (WinSocket accepted = socket.accept()) {
            assertTrue(accepted.isOpen());
            assertEquals(50000, accepted.remoteAddress().getPort());
            assertEquals(winsock, accepted.winsock());
        }
    }

    @Test
    void bindTwiceFailsWithInvalidArgument() throws Exception {
        socket.bind(PEER);
        WinsockException e = assertThrows(WinsockException.InvalidArgument.class, () -> socket.bind(PEER));
        assertEquals("bind", e.operation());
    }

    @Test
    void bindRejectsUnresolvedAndNullAddresses() {
        assertThrows(IllegalArgumentException.class, () -> socket.bind(InetSocketAddress.createUnresolved("x.invalid", 1)));
        assertThrows(NullPointerException.class, () -> socket.bind(null));
        assertEquals(0, fake.count("bind"));
    }

    @Test
    void listenFailureAndBadBacklog() {
        assertThrows(WinsockException.InvalidArgument.class, () -> socket.listen(5));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> socket.listen(0));
        assertTrue(e.getMessage().contains("0"));
        assertEquals(1, fake.count("listen"));
    }

    @Test
    void acceptedSocketInheritsTheListenersNonBlockingModeAndLinger() throws Exception {
        socket.bind(PEER);
        socket.listen(4);
        socket.setBlocking(false);
        socket.setLinger(Linger.timeout(7));
        try (WinSocket accepted = socket.accept()) {
            long acceptedRaw = accepted.rawHandle();
            assertTrue(fake.nonBlocking(acceptedRaw), "the fake models the accept remarks");
            assertFalse(accepted.isBlocking(), "the accepted WinSocket knows its real mode");
            assertEquals(Linger.timeout(7), accepted.linger(), "SO_LINGER is inherited too");
            // It really is non-blocking: recv fails at once instead of waiting.
            assertThrows(WinsockException.WouldBlock.class, () -> accepted.recv(new byte[4], 0, 4));
            // And close(Duration) makes it blocking for the drain, so the peer's FIN is awaited
            // and the close is graceful.
            fake.peerCloses(acceptedRaw);
            assertTrue(accepted.close(Duration.ofSeconds(5)));
            assertFalse(fake.closedAbortively(acceptedRaw));
        }
        socket.setBlocking(true);
        try (WinSocket accepted = socket.accept()) {
            assertTrue(accepted.isBlocking());
        }
    }

    @Test
    void acceptFailureIsTyped() {
        fake.failNext("accept", WsaError.WSAEWOULDBLOCK);
        assertThrows(WinsockException.WouldBlock.class, () -> socket.accept());
    }

    @Test
    void connectAndRemoteAddress() throws Exception {
        socket.connect(PEER);
        assertEquals(PEER, socket.remoteAddress());
    }

    @Test
    void connectRefused() {
        fake.failNext("connect", WsaError.WSAECONNREFUSED);
        java.net.ConnectException e = assertThrows(java.net.ConnectException.class, () -> socket.connect(PEER));
        WinsockException.ConnectionRefused typed = assertInstanceOf(WinsockException.ConnectionRefused.class, e);
        assertEquals(10061, typed.code());
        assertEquals("WSAECONNREFUSED", typed.sdkName());
        assertEquals("connect", typed.operation());
    }

    @Test
    void bindInUseIsABindException() {
        fake.failNext("bind", WsaError.WSAEADDRINUSE);
        java.net.BindException e = assertThrows(java.net.BindException.class, () -> socket.bind(PEER));
        WinsockError w = assertInstanceOf(WinsockError.class, e);
        assertEquals(10048, w.code());
        assertEquals("WSAEADDRINUSE", w.sdkName());
        assertEquals("bind", w.operation());
    }

    @Test
    void aReceiveTimeoutIsASocketTimeoutException() throws Exception {
        socket.connect(PEER);
        fake.failNext("recv", WsaError.WSAETIMEDOUT);
        java.net.SocketTimeoutException e = assertThrows(java.net.SocketTimeoutException.class,
                () -> socket.recv(new byte[4], 0, 4));
        WinsockError w = assertInstanceOf(WinsockError.class, e);
        assertEquals(10060, w.code());
        assertEquals("WSAETIMEDOUT", w.sdkName());
        assertEquals("recv", w.operation());
    }

    @Test
    void anUnreachableHostOrNetworkIsANoRouteToHostException() {
        for (WsaError error : new WsaError[] {WsaError.WSAEHOSTUNREACH, WsaError.WSAENETUNREACH}) {
            fake.failNext("connect", error);
            java.net.NoRouteToHostException e = assertThrows(java.net.NoRouteToHostException.class,
                    () -> socket.connect(PEER), error.name());
            WinsockError w = assertInstanceOf(WinsockError.class, e);
            assertEquals(error.code(), w.code());
            assertEquals(error.name(), w.sdkName());
            assertEquals("connect", w.operation());
        }
    }

    @Test
    void remoteAddressOfAnUnconnectedSocket() {
        assertThrows(WinsockException.NotConnected.class, () -> socket.remoteAddress());
    }

    @Test
    void localAddressOfAnUnboundSocket() {
        assertThrows(WinsockException.InvalidArgument.class, () -> socket.localAddress());
    }

    @Test
    void sendArraySliceAndBuffers() throws Exception {
        connected();
        byte[] data = "xxhelloyy".getBytes(StandardCharsets.US_ASCII);
        assertEquals(5, socket.send(data, 2, 5));
        ByteBuffer heap = ByteBuffer.wrap(" heap".getBytes(StandardCharsets.US_ASCII));
        assertEquals(5, socket.send(heap));
        assertFalse(heap.hasRemaining());
        ByteBuffer direct = ByteBuffer.allocateDirect(7);
        direct.put(" direct".getBytes(StandardCharsets.US_ASCII)).flip();
        assertEquals(7, socket.send(direct));
        assertEquals(7, direct.position());
        assertEquals("hello heap direct", new String(fake.sent(raw), StandardCharsets.US_ASCII));
    }

    @Test
    void sendFromAReadOnlyHeapBufferSendsItsRemainingBytes() throws Exception {
        connected();
        ByteBuffer readOnly = ByteBuffer.wrap("..read-only..".getBytes(StandardCharsets.US_ASCII), 2, 9)
                .asReadOnlyBuffer();
        assertFalse(readOnly.hasArray());
        assertEquals(9, socket.send(readOnly));
        assertEquals(11, readOnly.position());
        ByteBuffer readOnlyDirect = ByteBuffer.allocateDirect(4).put(new byte[] {'!', '!', '!', '!'}).flip()
                .asReadOnlyBuffer();
        assertEquals(4, socket.send(readOnlyDirect));
        assertEquals("read-only!!!!", new String(fake.sent(raw), StandardCharsets.US_ASCII));
    }

    @Test
    void sendRejectsBadSlicesBeforeAnyNativeCall() throws Exception {
        connected();
        byte[] b = new byte[4];
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> socket.send(b, 3, 2));
        assertEquals("offset 3 and length 2 do not fit a buffer of 4 bytes", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> socket.send(b, -1, 1));
        assertThrows(IllegalArgumentException.class, () -> socket.send(b, 0, -1));
        assertThrows(NullPointerException.class, () -> socket.send(null, 0, 0));
        assertThrows(NullPointerException.class, () -> socket.send((ByteBuffer) null));
        assertEquals(0, fake.count("send"));
    }

    @Test
    void sendOnAnUnconnectedSocketIsNotConnected() {
        assertThrows(WinsockException.NotConnected.class, () -> socket.send(new byte[1], 0, 1));
    }

    @Test
    void nonBlockingSendWouldBlockWhenThePeerDoesNotRead() throws Exception {
        connected();
        socket.setBlocking(false);
        assertFalse(socket.isBlocking());
        assertTrue(fake.nonBlocking(raw));
        fake.peerStopsReading(raw);
        WinsockException e = assertThrows(WinsockException.WouldBlock.class, () -> socket.send(new byte[10], 0, 10));
        assertEquals("send", e.operation());
        ByteBuffer direct = ByteBuffer.allocateDirect(4);
        assertThrows(WinsockException.WouldBlock.class, () -> socket.send(direct));
        assertEquals(0, direct.position(), "a failed send leaves the position alone");
    }

    @Test
    void recvIntoArraysAndBuffersThenEndOfStream() throws Exception {
        connected();
        fake.deliver(raw, "abcdefgh".getBytes(StandardCharsets.US_ASCII));
        byte[] into = new byte[6];
        assertEquals(3, socket.recv(into, 2, 3));
        assertArrayEquals(new byte[] {0, 0, 'a', 'b', 'c', 0}, into);
        ByteBuffer heap = ByteBuffer.allocate(2);
        assertEquals(2, socket.recv(heap));
        assertEquals(2, heap.position());
        ByteBuffer direct = ByteBuffer.allocateDirect(10);
        assertEquals(3, socket.recv(direct));
        assertEquals(3, direct.position());
        fake.peerCloses(raw);
        assertEquals(-1, socket.recv(into, 0, into.length));
        assertEquals(-1, socket.recv(ByteBuffer.allocateDirect(1)));
    }

    @Test
    void recvOfNothingReturnsZeroWithoutANativeCall() throws Exception {
        connected();
        assertEquals(0, socket.recv(new byte[1], 0, 0));
        assertEquals(0, socket.recv(ByteBuffer.allocateDirect(0)));
        assertEquals(0, fake.count("recv"));
    }

    @Test
    void recvRejectsReadOnlyAndBadSlices() throws Exception {
        connected();
        assertThrows(IllegalArgumentException.class, () -> socket.recv(ByteBuffer.allocate(1).asReadOnlyBuffer()));
        assertThrows(IllegalArgumentException.class, () -> socket.recv(new byte[1], 1, 1));
        assertEquals(0, fake.count("recv"));
    }

    @Test
    void nonBlockingRecvWouldBlock() throws Exception {
        connected();
        socket.setBlocking(false);
        assertThrows(WinsockException.WouldBlock.class, () -> socket.recv(new byte[1], 0, 1));
        socket.setBlocking(true);
        assertTrue(socket.isBlocking());
        assertFalse(fake.nonBlocking(raw));
    }

    @Test
    void recvResetIsTyped() throws Exception {
        connected();
        fake.failNext("recv", WsaError.WSAECONNRESET);
        WinsockException e = assertThrows(WinsockException.ConnectionReset.class, () -> socket.recv(new byte[1], 0, 1));
        assertEquals(10054, e.code());
    }

    @Test
    void setBlockingFailureKeepsTheRecordedMode() {
        fake.failNext("ioctlsocket", WsaError.WSAENETDOWN);
        assertThrows(WinsockException.NetworkDown.class, () -> socket.setBlocking(false));
        assertTrue(socket.isBlocking());
    }

    @Test
    void lingerRoundTrip() throws Exception {
        socket.setLinger(Linger.timeout(65535));
        assertArrayEquals(new int[] {1, 65535}, fake.linger(raw));
        assertEquals(Linger.timeout(65535), socket.linger());
        socket.setLinger(Linger.abortive());
        assertEquals(Linger.abortive(), socket.linger());
        socket.setLinger(Linger.off());
        assertEquals(Linger.off(), socket.linger());
        assertThrows(NullPointerException.class, () -> socket.setLinger(null));
    }

    @Test
    void dontLingerKeepsAndReinstatesTheTimeout() throws Exception {
        socket.setLinger(Linger.timeout(5));
        assertFalse(socket.dontLinger());
        socket.setDontLinger(true);
        assertTrue(socket.dontLinger());
        assertEquals(new Linger(false, 5), socket.linger());
        socket.setDontLinger(false);
        assertEquals(Linger.timeout(5), socket.linger());
    }

    @Test
    void lingerFailuresAreTyped() {
        fake.failNext("setsockopt", WsaError.WSAEINVAL);
        assertThrows(WinsockException.InvalidArgument.class, () -> socket.setLinger(Linger.abortive()));
        fake.failNext("getsockopt", WsaError.WSAENOTSOCK);
        WinsockException e = assertThrows(WinsockException.NotSocket.class, () -> socket.linger());
        assertEquals("getsockopt", e.operation());
    }

    @Test
    void intOptionsRoundTrip() throws Exception {
        socket.setOption(IntOption.TCP_NODELAY, 1);
        assertEquals(1, socket.option(IntOption.TCP_NODELAY));
        assertEquals(1, fake.intOption(raw, Sdk.IPPROTO_TCP, Sdk.TCP_NODELAY));
        socket.setOption(IntOption.SO_RCVBUF, 65536);
        assertEquals(65536, socket.option(IntOption.SO_RCVBUF));
        assertEquals(Sdk.SOCK_STREAM, socket.option(IntOption.SO_TYPE));
        assertThrows(IllegalArgumentException.class, () -> socket.setOption(IntOption.SO_TYPE, 2), "read-only");
        assertThrows(NullPointerException.class, () -> socket.setOption(null, 1));
    }

    @Test
    void shutdownEachDirectionIsTrackedAndSendFailsAfterSend() throws Exception {
        connected();
        socket.shutdown(ShutdownHow.SEND);
        assertTrue(socket.isOutputShutdown());
        assertFalse(socket.isInputShutdown());
        WinsockException e = assertThrows(WinsockException.Shutdown.class, () -> socket.send(new byte[1], 0, 1));
        assertEquals(10058, e.code());
        socket.shutdown(ShutdownHow.RECEIVE);
        assertTrue(socket.isInputShutdown());
        assertThrows(WinsockException.Shutdown.class, () -> socket.recv(new byte[1], 0, 1));
    }

    @Test
    void shutdownBothAndItsFailure() throws Exception {
        assertThrows(WinsockException.NotConnected.class, () -> socket.shutdown(ShutdownHow.BOTH));
        assertFalse(socket.isOutputShutdown());
        connected();
        socket.shutdown(ShutdownHow.BOTH);
        assertTrue(socket.isInputShutdown() && socket.isOutputShutdown());
        assertThrows(NullPointerException.class, () -> socket.shutdown(null));
    }

    @Test
    void rawHandleAndToString() throws Exception {
        assertEquals(raw, socket.rawHandle());
        assertEquals("WinSocket[0x" + Long.toHexString(raw) + "]", socket.toString());
        socket.close();
        assertThrows(SocketClosedException.class, () -> socket.rawHandle());
        assertTrue(socket.toString().endsWith(", closed]"));
    }

    @Test
    void adoptTakesOwnershipOfAForeignSocket() throws Exception {
        long foreign = fake.createForeignSocket();
        try (WinSocket adopted = winsock.adopt(foreign)) {
            assertEquals(foreign, adopted.rawHandle());
            adopted.setLinger(Linger.abortive());
        }
        assertFalse(fake.isOpen(foreign));
        assertEquals(1, fake.count("closesocket", foreign));
    }

    @Test
    void adoptRejectsInvalidSocket() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> winsock.adopt(Sdk.INVALID_SOCKET));
        assertTrue(e.getMessage().contains("ffffffffffffffff"), e.getMessage());
    }

    @Test
    void aBogusAdoptedHandleFailsWithNotSocketAndIsForgotten() throws Exception {
        WinSocket bogus = winsock.adopt(0x7777);
        assertThrows(WinsockException.NotSocket.class, () -> bogus.setLinger(Linger.off()));
        WinsockException e = assertThrows(WinsockException.NotSocket.class, bogus::close);
        assertTrue(e.getMessage().endsWith("The WinSocket is closed."), e.getMessage());
        assertFalse(bogus.isOpen());
        bogus.close();
        assertEquals(1, fake.count("closesocket", 0x7777));
    }
}
