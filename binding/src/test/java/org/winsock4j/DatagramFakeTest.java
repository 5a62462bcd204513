package org.winsock4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.winsock4j.testing.FakeWinsockPort;

/** sendTo, recvFrom and peekFrom against the fake: the datagram, its address, MSG_PEEK, WSAEMSGSIZE, close. */
class DatagramFakeTest extends FakeWinsockFixture {
    private static final InetSocketAddress V4 = new InetSocketAddress(InetAddress.getLoopbackAddress(), 5001);
    private static final InetSocketAddress V6;

    static {
        try {
            V6 = new InetSocketAddress(InetAddress.getByName("::1"), 5002);
        } catch (java.net.UnknownHostException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    DatagramFakeTest() {
        super(Opens.UDP);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void sendToSendsOneDatagramToTheTargetFromEveryKindOfBuffer() throws Exception {
        assertEquals(3, socket.sendTo(bytes("xabcx"), 1, 3, V4));
        ByteBuffer heap = ByteBuffer.wrap(bytes("hello"));
        assertEquals(5, socket.sendTo(heap, V6));
        assertEquals(5, heap.position());
        ByteBuffer direct = ByteBuffer.allocateDirect(4).put(bytes("dir!")).flip();
        assertEquals(4, socket.sendTo(direct, V4));
        assertEquals(4, direct.position());
        List<FakeWinsockPort.SentDatagram> sent = fake.sentDatagrams(raw);
        assertEquals(3, sent.size());
        assertArrayEquals(bytes("abc"), sent.get(0).data());
        assertEquals(V4, sent.get(0).to());
        assertArrayEquals(bytes("hello"), sent.get(1).data());
        assertEquals(V6, sent.get(1).to());
        assertArrayEquals(bytes("dir!"), sent.get(2).data());
    }

    /**
     * recvFrom and peekFrom on a connected TCP socket: the recvfrom page says from and fromlen
     * are ignored for connection-oriented sockets (the fake leaves them as they were, as ws2_32
     * does under Wine), so the result has the bytes and no source (issue 22 item 3).
     */
    @Test
    void recvFromOnAConnectedTcpSocketReturnsTheBytesWithoutASource() throws Exception {
        try (WinSocket tcp = Winsock.over(fake).open(AddressFamily.INET, SocketType.STREAM, Protocol.TCP)) {
            tcp.connect(V4);
            fake.deliver(tcp.rawHandle(), bytes("tcp"));
            ByteBuffer peeked = ByteBuffer.allocate(8);
            assertEquals(new ReceivedFrom(3, null), tcp.peekFrom(peeked));
            byte[] array = new byte[8];
            assertEquals(new ReceivedFrom(3, null), tcp.recvFrom(array, 1, 7));
            assertArrayEquals(bytes("tcp"), Arrays.copyOfRange(array, 1, 4));
            assertArrayEquals(bytes("tcp"), Arrays.copyOf(peeked.array(), 3));
            assertEquals(0, fake.unread(tcp.rawHandle()), "recvFrom consumed the bytes");
        }
    }

    @Test
    void recvFromReturnsTheLengthAndTheSourceOfEachFamily() throws Exception {
        fake.deliverDatagram(raw, bytes("four"), V4);
        fake.deliverDatagram(raw, bytes("six666"), V6);
        byte[] array = new byte[10];
        assertEquals(new ReceivedFrom(4, V4), socket.recvFrom(array, 2, 8));
        assertArrayEquals(bytes("four"), Arrays.copyOfRange(array, 2, 6));
        ByteBuffer direct = ByteBuffer.allocateDirect(16);
        assertEquals(new ReceivedFrom(6, V6), socket.recvFrom(direct));
        assertEquals(6, direct.position());
        assertEquals(2, fake.count("recvfrom", raw));
    }

    @Test
    void peekFromLeavesTheDatagramForTheNextReceive() throws Exception {
        fake.deliverDatagram(raw, bytes("peeked"), V4);
        ByteBuffer first = ByteBuffer.allocate(16);
        assertEquals(new ReceivedFrom(6, V4), socket.peekFrom(first));
        assertEquals(6, first.position());
        ByteBuffer second = ByteBuffer.allocate(16);
        assertEquals(new ReceivedFrom(6, V4), socket.recvFrom(second));
        assertArrayEquals(bytes("peeked"), Arrays.copyOf(second.array(), 6));
        fake.deliverDatagram(raw, bytes("next"), V4);
        assertEquals(new ReceivedFrom(4, V4), socket.recvFrom(second.clear()));
    }

    @Test
    void aDatagramLongerThanTheBufferIsMessageSizeAndTheRestIsDiscarded() throws Exception {
        fake.deliverDatagram(raw, bytes("0123456789"), V4);
        fake.deliverDatagram(raw, bytes("ok"), V4);
        ByteBuffer small = ByteBuffer.allocate(4);
        WinsockException.MessageSize e = assertThrows(WinsockException.MessageSize.class, () -> socket.recvFrom(small));
        assertEquals(WsaError.WSAEMSGSIZE.code(), e.code());
        assertEquals("recvfrom", e.operation());
        assertEquals(0, small.position());
        assertArrayEquals(bytes("0123"), small.array());
        assertEquals(new ReceivedFrom(2, V4), socket.recvFrom(ByteBuffer.allocate(16)));
    }

    @Test
    void aPeekedDatagramLongerThanTheBufferStaysQueued() throws Exception {
        fake.deliverDatagram(raw, bytes("0123456789"), V4);
        assertThrows(WinsockException.MessageSize.class, () -> socket.peekFrom(ByteBuffer.allocate(4)));
        assertEquals(new ReceivedFrom(10, V4), socket.recvFrom(ByteBuffer.allocate(16)));
    }

    @Test
    void closeFromAnotherThreadEndsABlockedRecvFrom() throws Exception {
        CompletableFuture<ReceivedFrom> receive = CompletableFuture.supplyAsync(() -> {
            try {
                return socket.recvFrom(ByteBuffer.allocate(16));
            } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
        fake.awaitBlockedRecv(raw);
        socket.close();
        ExecutionException e = assertThrows(ExecutionException.class, () -> receive.get(10, TimeUnit.SECONDS));
        SocketClosedException closed = assertInstanceOf(SocketClosedException.class, e.getCause());
        assertEquals(WsaError.WSAEINTR.code(), assertInstanceOf(WinsockError.class, closed.getCause()).code());
        assertEquals(1, fake.count("closesocket", raw));
        assertEquals(0, fake.callsAfterClose(raw));
        assertThrows(SocketClosedException.class, () -> socket.recvFrom(ByteBuffer.allocate(1)));
    }

    @Test
    void interruptingABlockedRecvFromClosesTheSocket() throws Exception {
        CompletableFuture<org.winsock4j.testing.OnOwnThread.Ending> ending = new CompletableFuture<>();
        Thread receiver = org.winsock4j.testing.OnOwnThread.start("blocked-recvfrom",
                () -> socket.recvFrom(ByteBuffer.allocate(8)), ending);
        fake.awaitBlockedRecv(raw);
        receiver.interrupt();
        org.winsock4j.testing.OnOwnThread.Ending e = ending.get(5, TimeUnit.SECONDS);
        java.nio.channels.ClosedByInterruptException closed =
                assertInstanceOf(java.nio.channels.ClosedByInterruptException.class, e.result());
        assertEquals("recvfrom", assertInstanceOf(WinsockException.class, closed.getCause()).operation());
        assertEquals(true, e.interruptStatus());
        assertEquals(false, socket.isOpen());
        assertEquals(1, fake.count("closesocket", raw));
    }

    @Test
    void aReadOnlyBufferCanBeSent() throws Exception {
        assertEquals(3, socket.sendTo(ByteBuffer.wrap(bytes("r/o")).asReadOnlyBuffer(), V4));
        assertArrayEquals(bytes("r/o"), fake.sentDatagrams(raw).get(0).data());
    }

    @Test
    void badInputFailsBeforeAnyNativeCall() {
        NullPointerException npe = assertThrows(NullPointerException.class, () -> socket.sendTo(null, V4));
        assertEquals("buffer", npe.getMessage());
        npe = assertThrows(NullPointerException.class, () -> socket.sendTo(ByteBuffer.allocate(1), null));
        assertEquals("target", npe.getMessage());
        npe = assertThrows(NullPointerException.class, () -> socket.recvFrom(null));
        assertEquals("buffer", npe.getMessage());
        npe = assertThrows(NullPointerException.class, () -> socket.peekFrom(null));
        assertEquals("buffer", npe.getMessage());
        IllegalArgumentException iae = assertThrows(IllegalArgumentException.class,
                () -> socket.sendTo(ByteBuffer.allocate(1), InetSocketAddress.createUnresolved("example.invalid", 1)));
        assertEquals("unresolved address: example.invalid/<unresolved>:1", iae.getMessage());
        iae = assertThrows(IllegalArgumentException.class, () -> socket.sendTo(new byte[4], 2, 3, V4));
        assertEquals("offset 2 and length 3 do not fit a buffer of 4 bytes", iae.getMessage());
        iae = assertThrows(IllegalArgumentException.class, () -> socket.recvFrom(new byte[4], -1, 1));
        assertEquals("offset -1 and length 1 do not fit a buffer of 4 bytes", iae.getMessage());
        iae = assertThrows(IllegalArgumentException.class,
                () -> socket.recvFrom(ByteBuffer.allocate(4).asReadOnlyBuffer()));
        assertEquals("buffer is read-only", iae.getMessage());
        assertEquals(0, fake.count("sendto") + fake.count("recvfrom"));
    }

    /**
     * Issue 22 item 7: on a connected datagram socket an empty datagram is 0 bytes, never the end
     * of a stream (a datagram socket has none): recv, recv with flags, recv into a buffer and
     * the channel view return 0, the socket stays open, and the next datagram follows.
     */
    @Test
    void anEmptyDatagramReadsAsZeroBytesNotAsTheEndOfAStream() throws Exception {
        socket.connect(V4);
        for (int i = 0; i < 4; i++) { // four receives take one each; the peek takes none
            fake.deliverDatagram(raw, new byte[0], V4);
        }
        fake.deliverDatagram(raw, bytes("next"), V4);
        byte[] b = new byte[8];
        assertEquals(0, socket.recv(b, 0, 8), "recv");
        assertEquals(0, socket.recv(b, 0, 8, java.util.EnumSet.of(RecvFlag.PEEK)), "recv MSG_PEEK");
        assertEquals(0, socket.recv(b, 0, 8, java.util.Set.of()), "recv with flags");
        ByteBuffer direct = ByteBuffer.allocateDirect(8);
        assertEquals(0, socket.recv(direct), "recv(ByteBuffer)");
        assertEquals(0, direct.position());
        assertEquals(0, socket.channel().read(ByteBuffer.allocate(8)), "channel().read");
        assertEquals(4, socket.recv(b, 0, 8), "the datagram after the empty ones");
        assertEquals(true, socket.isOpen());
        assertEquals(0, fake.count("getsockopt"), "the type of a socket winsock4j opened is known without asking");
    }

    /**
     * The input stream view keeps java.io's contract on a datagram socket: read returns at least
     * one byte (it has no end of stream, so never -1), so it skips empty datagrams, which carry no
     * bytes. (The JDK's Channels.newInputStream over a DatagramChannel returns -1 for them.)
     */
    @Test
    void theInputStreamViewSkipsEmptyDatagrams() throws Exception {
        socket.connect(V4);
        fake.deliverDatagram(raw, new byte[0], V4);
        fake.deliverDatagram(raw, new byte[0], V4);
        fake.deliverDatagram(raw, bytes("ab"), V4);
        fake.deliverDatagram(raw, new byte[0], V4);
        fake.deliverDatagram(raw, bytes("c"), V4);
        java.io.InputStream in = socket.inputStream();
        byte[] b = new byte[8];
        assertEquals(2, in.read(b, 0, 8));
        assertEquals('c', in.read());
        assertEquals(0, in.read(b, 0, 0), "a zero-length request reads nothing");
    }

    /**
     * An adopted (or borrowed) socket's type is not known up front: the first 0-byte recv asks
     * SO_TYPE once, and the answer is kept.
     */
    @Test
    void anAdoptedDatagramSocketLearnsItsTypeAtItsFirstEmptyDatagram() throws Exception {
        Winsock winsock = Winsock.over(fake);
        long foreign = fake.socket(org.winsock4j.port.Sdk.AF_INET, org.winsock4j.port.Sdk.SOCK_DGRAM,
                org.winsock4j.port.Sdk.IPPROTO_UDP);
        try (WinSocket adopted = winsock.adopt(foreign)) {
            adopted.connect(V4);
            fake.deliverDatagram(foreign, new byte[0], V4);
            fake.deliverDatagram(foreign, new byte[0], V4);
            assertEquals(0, adopted.recv(new byte[4], 0, 4));
            assertEquals(0, adopted.recv(ByteBuffer.allocate(4)));
            assertEquals(1, fake.count("getsockopt", foreign), "SO_TYPE asked once");
        }
    }
}
