package org.winsock4j.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.winsock4j.WsaError;
import org.winsock4j.port.Sdk;
import org.winsock4j.port.SdkStructs;
import org.winsock4j.port.WinsockPort;

/**
 * The rules of Winsock that the safe layer relies on, stated once at the port (C values, C
 * errors) and run against every backend: the scripted fake in the binding's tests, and the real
 * ws2_32 through JNA in the Wine tier (and on Windows). So the fake cannot drift from ws2_32
 * unnoticed: a rule it encodes by hand that the real one breaks fails here. Only rules on which
 * Windows and the lab's Wine agree belong here; platform differences are asserted by name in
 * the integration tests.
 */
public abstract class WinsockContract {
    private final List<Long> opened = new ArrayList<>();

    /** The backend under test, with WSAStartup done. */
    protected abstract WinsockPort port();

    @AfterEach
    void closeWhatTheTestOpened() {
        for (long s : opened) {
            byte[] abortive = SdkStructs.linger(1, 0);
            port().setsockopt(s, Sdk.SOL_SOCKET, Sdk.SO_LINGER, abortive, abortive.length);
            port().closesocket(s);
        }
    }

    private long tcp() {
        long s = port().socket(Sdk.AF_INET, Sdk.SOCK_STREAM, Sdk.IPPROTO_TCP);
        assertNotEquals(Sdk.INVALID_SOCKET, s, "socket failed: " + port().lastError());
        opened.add(s);
        return s;
    }

    private long udp() {
        long s = port().socket(Sdk.AF_INET, Sdk.SOCK_DGRAM, Sdk.IPPROTO_UDP);
        assertNotEquals(Sdk.INVALID_SOCKET, s, "socket failed: " + port().lastError());
        opened.add(s);
        return s;
    }

    /** Two UDP sockets bound to ephemeral loopback ports: {sender, receiver}. */
    private long[] udpPair() {
        long[] pair = {udp(), udp()};
        byte[] any = loopback(0);
        for (long s : pair) {
            assertEquals(0, port().bind(s, any, any.length), "bind: " + port().lastError());
        }
        return pair;
    }

    private InetSocketAddress localAddress(long s) {
        byte[] name = new byte[SdkStructs.SOCKADDR_MAX];
        int[] len = {name.length};
        assertEquals(0, port().getsockname(s, name, len), "getsockname: " + port().lastError());
        return SdkStructs.inetSocketAddress(name, len[0]);
    }

    private static byte[] loopback(int port) {
        return SdkStructs.sockaddr(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    }

    /** A listener on 127.0.0.1 with an ephemeral port; returns {listener, port}. */
    private long[] listener() {
        long l = tcp();
        byte[] any = loopback(0);
        assertEquals(0, port().bind(l, any, any.length));
        assertEquals(0, port().listen(l, 4));
        byte[] name = new byte[SdkStructs.SOCKADDR_MAX];
        int[] len = {name.length};
        assertEquals(0, port().getsockname(l, name, len));
        return new long[] {l, SdkStructs.inetSocketAddress(name, len[0]).getPort()};
    }

    /** A connected client and the socket accepted for it. */
    private long[] connectedPair(long[] listener) {
        long c = tcp();
        byte[] to = loopback((int) listener[1]);
        assertEquals(0, port().connect(c, to, to.length), "connect: " + port().lastError());
        byte[] peer = new byte[SdkStructs.SOCKADDR_MAX];
        int[] peerLen = {peer.length};
        long a = port().accept(listener[0], peer, peerLen);
        assertNotEquals(Sdk.INVALID_SOCKET, a, "accept: " + port().lastError());
        opened.add(a);
        return new long[] {c, a};
    }

    private void assertFails(int rc, WsaError expected, String what) {
        assertEquals(Sdk.SOCKET_ERROR, rc, what + " must fail");
        assertEquals(expected.code(), port().lastError(), what + ": " + WsaError.nameOf(port().lastError()));
    }

    private int[] linger(long s) {
        byte[] v = new byte[Sdk.SIZEOF_LINGER];
        int[] len = {v.length};
        assertEquals(0, port().getsockopt(s, Sdk.SOL_SOCKET, Sdk.SO_LINGER, v, len));
        assertEquals(Sdk.SIZEOF_LINGER, len[0]);
        return new int[] {SdkStructs.lingerOnoff(v), SdkStructs.lingerSeconds(v)};
    }

    private void setLinger(long s, int onoff, int seconds) {
        byte[] v = SdkStructs.linger(onoff, seconds);
        assertEquals(0, port().setsockopt(s, Sdk.SOL_SOCKET, Sdk.SO_LINGER, v, v.length));
    }

    private static byte[] intBytes(int v) {
        return new byte[] {(byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)};
    }

    @Test
    void wsaPollReportsAConnectedSocketWritableAndNothingElse() {
        long[] pair = connectedPair(listener());
        short[] revents = new short[1];
        int rc = port().wsaPoll(new long[] {pair[0]}, new short[] {(short) (Sdk.POLLRDNORM | Sdk.POLLWRNORM)},
                revents, 0);
        assertEquals(1, rc, "WSAPoll: " + WsaError.nameOf(port().lastError()));
        assertEquals(Sdk.POLLWRNORM, revents[0], "nothing received, nothing hung up: only POLLWRNORM");
    }

    @Test
    void wsaPollReportsAListenerWithAPendingConnectionReadable() {
        long[] listener = listener();
        long c = tcp();
        byte[] to = loopback((int) listener[1]);
        assertEquals(0, port().connect(c, to, to.length), "connect: " + port().lastError());
        short[] revents = new short[2];
        int rc = port().wsaPoll(new long[] {listener[0], c}, new short[] {(short) Sdk.POLLRDNORM, (short) Sdk.POLLWRNORM},
                revents, 5000);
        assertEquals(2, rc, "WSAPoll counts the sockets with revents: " + WsaError.nameOf(port().lastError()));
        assertEquals(Sdk.POLLRDNORM, revents[0], "the listener: a connection to accept");
        assertEquals(Sdk.POLLWRNORM, revents[1], "the client: connected");
    }

    @Test
    void selectLeavesAConnectedSocketInWritefdsOnly() {
        long[] pair = connectedPair(listener());
        byte[] read = SdkStructs.fdSet(pair[0]);
        byte[] write = SdkStructs.fdSet(pair[0]);
        byte[] except = SdkStructs.fdSet(pair[0]);
        int rc = port().select(read, write, except, SdkStructs.timeval(0));
        assertEquals(1, rc, "select: " + WsaError.nameOf(port().lastError()));
        assertArrayEquals(new long[0], SdkStructs.fdSetSockets(read), "nothing received");
        assertArrayEquals(new long[] {pair[0]}, SdkStructs.fdSetSockets(write), "connected: writable");
        assertArrayEquals(new long[0], SdkStructs.fdSetSockets(except), "no error");
    }

    @Test
    void selectReportsAListenerWithAPendingConnectionInReadfds() {
        long[] listener = listener();
        long c = tcp();
        byte[] to = loopback((int) listener[1]);
        assertEquals(0, port().connect(c, to, to.length), "connect: " + port().lastError());
        byte[] read = SdkStructs.fdSet(listener[0], c);
        int rc = port().select(read, null, null, SdkStructs.timeval(5000));
        assertEquals(1, rc, "select: " + WsaError.nameOf(port().lastError()));
        assertArrayEquals(new long[] {listener[0]}, SdkStructs.fdSetSockets(read), "only the listener is readable");
    }

    @Test
    void selectWithoutASocketFailsWithEinval() {
        assertFails(port().select(null, null, null, SdkStructs.timeval(0)), WsaError.WSAEINVAL, "select of no set");
    }

    @Test
    void selectOfAHandleThatIsNoSocketFailsWithEnotsock() {
        long tcp = tcp();
        byte[] set = SdkStructs.fdSet(tcp, 0x7ffffff0L);
        assertFails(port().select(set, null, null, SdkStructs.timeval(0)), WsaError.WSAENOTSOCK, "select of a non-socket");
    }

    @Test
    void aNewSocketDoesNotLinger() {
        assertArrayEquals(new int[] {0, 0}, linger(tcp()));
    }

    @Test
    void soLingerRoundTrips() {
        long s = tcp();
        setLinger(s, 1, 5);
        assertArrayEquals(new int[] {1, 5}, linger(s));
        setLinger(s, 1, 0);
        assertArrayEquals(new int[] {1, 0}, linger(s));
    }

    @Test
    void soDontLingerTrueClearsOnOffAndKeepsTheTimeout() {
        long s = tcp();
        setLinger(s, 1, 7);
        byte[] yes = intBytes(1);
        assertEquals(0, port().setsockopt(s, Sdk.SOL_SOCKET, Sdk.SO_DONTLINGER, yes, yes.length));
        assertArrayEquals(new int[] {0, 7}, linger(s));
        byte[] v = new byte[4];
        int[] len = {4};
        assertEquals(0, port().getsockopt(s, Sdk.SOL_SOCKET, Sdk.SO_DONTLINGER, v, len));
        assertNotEquals(0, v[0] | v[1] | v[2] | v[3], "SO_DONTLINGER reads TRUE when l_onoff is 0");
    }

    @Test
    void getsockoptIntoATooSmallBufferIsFault() {
        byte[] v = new byte[2];
        int[] len = {2};
        assertFails(port().getsockopt(tcp(), Sdk.SOL_SOCKET, Sdk.SO_LINGER, v, len), WsaError.WSAEFAULT,
                "getsockopt(SO_LINGER) with optlen 2");
    }

    @Test
    void socketOfAnUnknownFamilyIsAfNoSupport() {
        assertEquals(Sdk.INVALID_SOCKET, port().socket(12345, Sdk.SOCK_STREAM, Sdk.IPPROTO_TCP));
        assertEquals(WsaError.WSAEAFNOSUPPORT.code(), port().lastError());
    }

    @Test
    void bindingTwiceIsInvalid() {
        long s = tcp();
        byte[] any = loopback(0);
        assertEquals(0, port().bind(s, any, any.length));
        assertFails(port().bind(s, any, any.length), WsaError.WSAEINVAL, "a second bind");
    }

    @Test
    void listenBeforeBindIsInvalid() {
        assertFails(port().listen(tcp(), 1), WsaError.WSAEINVAL, "listen on an unbound socket");
    }

    @Test
    void getsocknameOfAnUnboundSocketIsInvalid() {
        byte[] name = new byte[SdkStructs.SOCKADDR_MAX];
        assertFails(port().getsockname(tcp(), name, new int[] {name.length}), WsaError.WSAEINVAL,
                "getsockname before bind");
    }

    @Test
    void getpeernameOfAnUnconnectedSocketIsNotConnected() {
        byte[] name = new byte[SdkStructs.SOCKADDR_MAX];
        assertFails(port().getpeername(tcp(), name, new int[] {name.length}), WsaError.WSAENOTCONN,
                "getpeername before connect");
    }

    @Test
    void shutdownOfAnUnconnectedSocketIsNotConnected() {
        assertFails(port().shutdown(tcp(), Sdk.SD_SEND), WsaError.WSAENOTCONN, "shutdown before connect");
    }

    @Test
    void shutdownWithAnInvalidHowIsInvalid() {
        long[] pair = connectedPair(listener());
        assertFails(port().shutdown(pair[0], 7), WsaError.WSAEINVAL, "shutdown(how = 7)");
    }

    @Test
    void afterShutdownEachDirectionFailsWithShutdown() {
        long[] pair = connectedPair(listener());
        assertEquals(0, port().shutdown(pair[0], Sdk.SD_SEND));
        assertFails(port().send(pair[0], new byte[1], 0, 1, 0), WsaError.WSAESHUTDOWN, "send after SD_SEND");
        assertEquals(0, port().shutdown(pair[0], Sdk.SD_SEND), "SD_SEND twice is fine");
        assertEquals(0, port().shutdown(pair[1], Sdk.SD_RECEIVE));
        assertFails(port().recv(pair[1], new byte[1], 0, 1, 0), WsaError.WSAESHUTDOWN, "recv after SD_RECEIVE");
    }

    @Test
    void aNonBlockingRecvWithNothingToReadWouldBlock() {
        long[] pair = connectedPair(listener());
        assertEquals(0, port().ioctlsocket(pair[0], Sdk.FIONBIO, new int[] {1}));
        assertFails(port().recv(pair[0], new byte[4], 0, 4, 0), WsaError.WSAEWOULDBLOCK, "non-blocking recv");
    }

    @Test
    void anAcceptedSocketInheritsNonBlockingModeAndLinger() {
        long[] l = listener();
        assertEquals(0, port().ioctlsocket(l[0], Sdk.FIONBIO, new int[] {1}));
        setLinger(l[0], 1, 9);
        long c = tcp();
        byte[] to = loopback((int) l[1]);
        assertEquals(0, port().ioctlsocket(c, Sdk.FIONBIO, new int[] {0}));
        assertEquals(0, port().connect(c, to, to.length));
        long a = Sdk.INVALID_SOCKET;
        for (int i = 0; i < 500 && a == Sdk.INVALID_SOCKET; i++) { // non-blocking: the connection may not be there yet
            byte[] peer = new byte[SdkStructs.SOCKADDR_MAX];
            a = port().accept(l[0], peer, new int[] {peer.length});
            if (a == Sdk.INVALID_SOCKET) {
                assertEquals(WsaError.WSAEWOULDBLOCK.code(), port().lastError());
                sleep(5);
            }
        }
        assertNotEquals(Sdk.INVALID_SOCKET, a);
        opened.add(a);
        assertArrayEquals(new int[] {1, 9}, linger(a), "SO_LINGER inherited");
        assertFails(port().recv(a, new byte[4], 0, 4, 0), WsaError.WSAEWOULDBLOCK, "recv on the accepted socket");
    }

    @Test
    void closesocketOfABogusHandleIsNotSocket() {
        assertFails(port().closesocket(0x7777), WsaError.WSAENOTSOCK, "closesocket(0x7777)");
    }

    @Test
    void aClosedHandleIsNotSocket() {
        long s = port().socket(Sdk.AF_INET, Sdk.SOCK_STREAM, Sdk.IPPROTO_TCP);
        assertEquals(0, port().closesocket(s));
        // Right after the close, before anything could reuse the number.
        assertFails(port().closesocket(s), WsaError.WSAENOTSOCK, "a second closesocket");
    }

    @Test
    void aBlockingRecvCancelledByCancelIoExEndsInterruptedOrAborted() throws Exception {
        long[] pair = connectedPair(listener());
        int[] result = new int[2];
        Thread reader = new Thread(() -> {
            result[0] = port().recv(pair[0], new byte[1], 0, 1, 0);
            result[1] = port().lastError();
        });
        reader.start();
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (reader.isAlive() && System.nanoTime() < deadline) {
            port().cancelIoEx(pair[0]); // ERROR_NOT_FOUND until the recv is pending
            reader.join(20);
        }
        assertFalse(reader.isAlive(), "CancelIoEx woke the blocked recv");
        assertEquals(Sdk.SOCKET_ERROR, result[0]);
        assertTrue(result[1] == WsaError.WSAEINTR.code() || result[1] == WsaError.WSA_OPERATION_ABORTED.code(),
                "WSAEINTR or WSA_OPERATION_ABORTED, got " + WsaError.nameOf(result[1]));
    }

    /**
     * A datagram received with recvfrom on this thread, so that a backend that reuses native
     * memory for the source address now holds a real sockaddr there (the one returned).
     */
    private byte[] recvfromADatagram() {
        long[] udp = udpPair();
        long sender = udp[0];
        long receiver = udp[1];
        byte[] to = SdkStructs.sockaddr(localAddress(receiver));
        assertEquals(1, port().sendto(sender, ByteBuffer.wrap(new byte[] {7}), 0, 1, 0, to, to.length));
        byte[] from = new byte[SdkStructs.SOCKADDR_MAX];
        int[] fromlen = {from.length};
        assertEquals(1, port().recvfrom(receiver, ByteBuffer.allocate(1), 0, 1, 0, from, fromlen),
                "recvfrom: " + port().lastError());
        assertEquals(localAddress(sender), SdkStructs.inetSocketAddress(from, fromlen[0]));
        return from;
    }

    /**
     * recvfrom on a connected stream socket: the recvfrom page says from and fromlen are ignored
     * for connection-oriented sockets. The call returns the data (it consumed it), and the
     * caller's from and fromlen are as they were: no source is reported, and none from an
     * earlier call on this thread either (issue 22 item 3: FFM returned the last datagram's
     * source from its reused native memory; JNA's safe layer threw after the byte was consumed).
     */
    @ParameterizedTest(name = "direct buffer: {0}")
    @ValueSource(booleans = {false, true})
    void recvfromOnAConnectedStreamSocketReturnsTheDataAndLeavesFromAsItWas(boolean direct) {
        long[] pair = connectedPair(listener());
        byte[] earlier = recvfromADatagram();
        assertEquals(1, port().send(pair[0], new byte[] {42}, 0, 1, 0));
        for (int flags : new int[] {Sdk.MSG_PEEK, 0}) {
            String call = flags == 0 ? "recvfrom" : "recvfrom(MSG_PEEK)";
            byte[] from = new byte[SdkStructs.SOCKADDR_MAX];
            Arrays.fill(from, (byte) 0x5a);
            byte[] asItWas = from.clone();
            int[] fromlen = {from.length};
            ByteBuffer into = direct ? ByteBuffer.allocateDirect(8) : ByteBuffer.allocate(8);
            assertEquals(1, port().recvfrom(pair[1], into, 0, 8, flags, from, fromlen),
                    call + " returns the stream's byte: " + WsaError.nameOf(port().lastError()));
            assertEquals(42, into.get(0), call);
            assertArrayEquals(asItWas, from, call + ": from as it was (ignored for a connection-oriented socket),"
                    + " not the earlier datagram's source " + Arrays.toString(earlier));
            assertEquals(SdkStructs.SOCKADDR_MAX, fromlen[0], call + ": fromlen as it was");
        }
    }

    // ------------------------------------------------------------ arguments checked before the call

    /**
     * The call throws {@code type} before reaching ws2_32, with a message naming the function and
     * the bad value (issue 22 item 4: the JNA backend passed direct buffers by address without
     * checking the length against them). Each test then shows the call had no effect.
     */
    private static void assertRefused(Class<? extends RuntimeException> type, String function, String badValue,
            Executable call) {
        RuntimeException e = assertThrows(type, call, function + " with " + badValue);
        assertTrue(e.getMessage() != null && e.getMessage().contains(function) && e.getMessage().contains(badValue),
                "the message names " + function + " and " + badValue + ": " + e.getMessage());
    }

    private void receiveTimeout(long s, int millis) {
        byte[] v = intBytes(millis);
        assertEquals(0, port().setsockopt(s, Sdk.SOL_SOCKET, Sdk.SO_RCVTIMEO, v, v.length));
    }

    /** The next byte {@code s} receives (blocking, at most 5 s). */
    private int nextByte(long s) {
        receiveTimeout(s, 5000);
        byte[] b = new byte[1];
        assertEquals(1, port().recv(s, b, 0, 1, 0), "recv: " + WsaError.nameOf(port().lastError()));
        return b[0];
    }

    @Test
    void sendAndRecvRefuseASliceOutsideTheArray() {
        long[] pair = connectedPair(listener());
        byte[] eight = new byte[8];
        Arrays.fill(eight, (byte) 'x');
        int[][] bad = {{-1, 1}, {0, 9}, {8, 1}, {2, -1}, {Integer.MAX_VALUE, 1}}; // offset, len
        for (int[] slice : bad) {
            assertRefused(IndexOutOfBoundsException.class, "send", "offset " + slice[0] + " and len " + slice[1],
                    () -> port().send(pair[0], eight, slice[0], slice[1], 0));
        }
        assertEquals(1, port().send(pair[0], new byte[] {'m'}, 0, 1, 0));
        assertEquals('m', nextByte(pair[1]), "the refused sends sent nothing");
        assertEquals(1, port().send(pair[0], new byte[] {'r'}, 0, 1, 0));
        for (int[] slice : bad) {
            assertRefused(IndexOutOfBoundsException.class, "recv", "offset " + slice[0] + " and len " + slice[1],
                    () -> port().recv(pair[1], eight, slice[0], slice[1], 0));
        }
        assertEquals('r', nextByte(pair[1]), "the refused recvs received nothing");
    }

    @ParameterizedTest(name = "direct buffer: {0}")
    @ValueSource(booleans = {false, true})
    void sendAndRecvRefuseASliceBeyondTheBuffersLimit(boolean direct) {
        long[] pair = connectedPair(listener());
        ByteBuffer eight = direct ? ByteBuffer.allocateDirect(8) : ByteBuffer.allocate(8);
        eight.position(4); // the position does not matter: the slice is explicit
        for (int len : new int[] {5, -1, Integer.MAX_VALUE}) {
            assertRefused(IndexOutOfBoundsException.class, "send", "len " + len, () -> port().send(pair[0], eight, 4, len, 0));
        }
        assertEquals(1, port().send(pair[0], new byte[] {'m'}, 0, 1, 0));
        assertEquals('m', nextByte(pair[1]), "the refused sends sent nothing");
        assertEquals(1, port().send(pair[0], new byte[] {'r'}, 0, 1, 0));
        for (int len : new int[] {5, -1, Integer.MAX_VALUE}) {
            assertRefused(IndexOutOfBoundsException.class, "recv", "len " + len, () -> port().recv(pair[1], eight, 4, len, 0));
        }
        assertEquals('r', nextByte(pair[1]), "the refused recvs received nothing");
        assertEquals(4, eight.position(), "the position is not moved");
    }

    @ParameterizedTest(name = "direct buffer: {0}")
    @ValueSource(booleans = {false, true})
    void sendtoAndRecvfromRefuseLengthsBeyondTheirBuffers(boolean direct) {
        long[] udp = udpPair();
        long sender = udp[0];
        long receiver = udp[1];
        byte[] to = SdkStructs.sockaddr(localAddress(receiver));
        ByteBuffer eight = direct ? ByteBuffer.allocateDirect(8) : ByteBuffer.allocate(8);
        eight.position(4);
        assertRefused(IndexOutOfBoundsException.class, "sendto", "len 5", () -> port().sendto(sender, eight, 4, 5, 0, to, to.length));
        assertRefused(IndexOutOfBoundsException.class, "sendto", "len -1", () -> port().sendto(sender, eight, 4, -1, 0, to, to.length));
        assertRefused(IndexOutOfBoundsException.class, "sendto", "tolen " + (to.length + 1),
                () -> port().sendto(sender, eight, 4, 4, 0, to, to.length + 1));
        assertRefused(IndexOutOfBoundsException.class, "sendto", "tolen -1", () -> port().sendto(sender, eight, 4, 4, 0, to, -1));
        assertEquals(1, port().sendto(sender, ByteBuffer.wrap(new byte[] {'m'}), 0, 1, 0, to, to.length));
        receiveTimeout(receiver, 5000);
        byte[] from = new byte[SdkStructs.SOCKADDR_MAX];
        ByteBuffer got = ByteBuffer.allocate(8);
        assertEquals(1, port().recvfrom(receiver, got, 0, 8, 0, from, new int[] {from.length}),
                "recvfrom: " + WsaError.nameOf(port().lastError()));
        assertEquals('m', got.get(0), "the refused sendtos sent nothing");

        assertEquals(1, port().sendto(sender, ByteBuffer.wrap(new byte[] {'r'}), 0, 1, 0, to, to.length));
        byte[] ipv4 = new byte[Sdk.SIZEOF_SOCKADDR_IN];
        assertRefused(IndexOutOfBoundsException.class, "recvfrom", "len 5",
                () -> port().recvfrom(receiver, eight, 4, 5, 0, from, new int[] {from.length}));
        assertRefused(IndexOutOfBoundsException.class, "recvfrom", "fromlen " + (ipv4.length + 1),
                () -> port().recvfrom(receiver, eight, 4, 4, 0, ipv4, new int[] {ipv4.length + 1}));
        assertRefused(IllegalArgumentException.class, "recvfrom", "fromlen",
                () -> port().recvfrom(receiver, eight, 4, 4, 0, ipv4, new int[0]));
        assertEquals(1, port().recvfrom(receiver, eight, 4, 4, 0, from, new int[] {from.length}),
                "recvfrom: " + WsaError.nameOf(port().lastError()));
        assertEquals('r', eight.get(4), "the refused recvfroms received nothing");
    }

    @Test
    void bindConnectAndSetsockoptRefuseALengthBeyondTheirArrays() {
        long[] l = listener();
        long s = tcp();
        byte[] any = loopback(0);
        assertRefused(IndexOutOfBoundsException.class, "bind", "namelen " + (any.length + 1),
                () -> port().bind(s, any, any.length + 1));
        assertRefused(IndexOutOfBoundsException.class, "bind", "namelen -1", () -> port().bind(s, any, -1));
        assertFails(port().getsockname(s, new byte[SdkStructs.SOCKADDR_MAX], new int[] {SdkStructs.SOCKADDR_MAX}),
                WsaError.WSAEINVAL, "getsockname after the refused binds: still unbound");
        byte[] to = loopback((int) l[1]);
        assertRefused(IndexOutOfBoundsException.class, "connect", "namelen " + (to.length + 1),
                () -> port().connect(s, to, to.length + 1));
        assertFails(port().getpeername(s, new byte[SdkStructs.SOCKADDR_MAX], new int[] {SdkStructs.SOCKADDR_MAX}),
                WsaError.WSAENOTCONN, "getpeername after the refused connect: not connected");
        byte[] linger = SdkStructs.linger(1, 5);
        assertRefused(IndexOutOfBoundsException.class, "setsockopt", "optlen " + (linger.length + 1),
                () -> port().setsockopt(s, Sdk.SOL_SOCKET, Sdk.SO_LINGER, linger, linger.length + 1));
        assertRefused(NullPointerException.class, "setsockopt", "optval",
                () -> port().setsockopt(s, Sdk.SOL_SOCKET, Sdk.SO_LINGER, null, 4));
        assertArrayEquals(new int[] {0, 0}, linger(s), "the refused setsockopt set nothing");
    }

    @Test
    void outParametersRefuseALengthBeyondTheirArrays() {
        long[] l = listener();
        long c = tcp();
        byte[] to = loopback((int) l[1]);
        assertEquals(0, port().connect(c, to, to.length), "connect: " + port().lastError());
        byte[] ipv4 = new byte[Sdk.SIZEOF_SOCKADDR_IN];
        int tooLong = ipv4.length + 1;
        assertRefused(IndexOutOfBoundsException.class, "accept", "addrlen " + tooLong, () -> port().accept(l[0], ipv4, new int[] {tooLong}));
        assertRefused(IndexOutOfBoundsException.class, "accept", "addrlen -1", () -> port().accept(l[0], ipv4, new int[] {-1}));
        assertRefused(NullPointerException.class, "accept", "addr", () -> port().accept(l[0], null, new int[] {16}));
        // The pending connection is still there for a real accept.
        assertEquals(0, port().ioctlsocket(l[0], Sdk.FIONBIO, new int[] {1}));
        short[] revents = new short[1];
        port().wsaPoll(new long[] {l[0]}, new short[] {(short) Sdk.POLLRDNORM}, revents, 5000);
        long a = port().accept(l[0], ipv4, new int[] {ipv4.length});
        assertNotEquals(Sdk.INVALID_SOCKET, a, "accept after the refused ones: " + WsaError.nameOf(port().lastError()));
        opened.add(a);
        assertRefused(IndexOutOfBoundsException.class, "getsockname", "namelen " + tooLong, () -> port().getsockname(c, ipv4, new int[] {tooLong}));
        assertRefused(IndexOutOfBoundsException.class, "getpeername", "namelen " + tooLong, () -> port().getpeername(c, ipv4, new int[] {tooLong}));
        assertRefused(IllegalArgumentException.class, "getpeername", "namelen", () -> port().getpeername(c, ipv4, new int[0]));
        byte[] four = new byte[4];
        assertRefused(IndexOutOfBoundsException.class, "getsockopt", "optlen 5",
                () -> port().getsockopt(c, Sdk.SOL_SOCKET, Sdk.SO_LINGER, four, new int[] {5}));
        assertRefused(NullPointerException.class, "getsockopt", "optlen",
                () -> port().getsockopt(c, Sdk.SOL_SOCKET, Sdk.SO_LINGER, four, null));
    }

    @Test
    void singleValueArraysMustHoldTheirValue() {
        long s = tcp();
        assertRefused(IllegalArgumentException.class, "ioctlsocket", "argp", () -> port().ioctlsocket(s, Sdk.FIONBIO, new int[0]));
        assertRefused(NullPointerException.class, "ioctlsocket", "argp", () -> port().ioctlsocket(s, Sdk.FIONBIO, null));
        assertRefused(IllegalArgumentException.class, "WSAIoctl", "lpcbBytesReturned",
                () -> port().wsaIoctl(s, Sdk.SIO_KEEPALIVE_VALS, SdkStructs.tcpKeepalive(1, 1000, 1000), null, new int[0]));
        assertRefused(IllegalArgumentException.class, "WSAStartup", "wVersionOut",
                () -> port().wsaStartup(Sdk.WINSOCK_VERSION_2_2, new int[0]));
        assertRefused(IllegalArgumentException.class, "WSAPoll", "2", () -> port().wsaPoll(new long[] {s}, new short[2], new short[1], 0));
        assertRefused(IllegalArgumentException.class, "WSAPoll", "0", () -> port().wsaPoll(new long[0], new short[0], new short[0], 0));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
