package org.winsock4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ByteChannel;
import java.nio.channels.Channels;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.IllegalBlockingModeException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The stream and channel views and sendAndShutdown, against the fake. */
class StreamsFakeTest extends FakeWinsockFixture {
    StreamsFakeTest() {
        super(Opens.CONNECTED_TCP);
    }

    @Test
    void inputStreamFollowsJavaIo() throws Exception {
        InputStream in = socket.inputStream();
        deliver("ab");
        assertEquals(2, in.available(), "FIONREAD");
        assertEquals('a', in.read());
        byte[] b = new byte[4];
        assertEquals(0, in.read(b, 1, 0), "a zero-length read returns 0");
        assertThrows(IndexOutOfBoundsException.class, () -> in.read(b, 3, 2));
        assertEquals(1, in.read(b, 0, 4));
        assertEquals('b', b[0]);
        deliver("\u00ff");
        assertEquals(0xc3, in.read(), "bytes read as 0..255");
        assertEquals(0xbf, in.read());
        fake.peerCloses(raw);
        assertEquals(-1, in.read());
        assertEquals(-1, in.read(b, 0, 4));
        assertEquals(0, in.available());
    }

    @Test
    void aReceiveTimeoutIsASocketTimeoutExceptionAndTheStreamStaysUsable() throws Exception {
        socket.setOption(IntOption.SO_RCVTIMEO, 50);
        InputStream in = socket.inputStream();
        SocketTimeoutException e = assertThrows(SocketTimeoutException.class, in::read);
        assertEquals(10060, ((WinsockError) e).code());
        deliver("x");
        assertEquals('x', in.read());
    }

    @Test
    void bufferedReaderReadsLines() throws Exception {
        deliver("hello\r\nworld\nlast");
        fake.peerCloses(raw);
        BufferedReader r = new BufferedReader(new InputStreamReader(socket.inputStream(), StandardCharsets.UTF_8));
        assertEquals("hello", r.readLine());
        assertEquals("world", r.readLine());
        assertEquals("last", r.readLine());
        assertNull(r.readLine());
    }

    @Test
    void dataStreamsRoundTrip() throws Exception {
        DataOutputStream out = new DataOutputStream(socket.outputStream());
        out.writeInt(0x01020304);
        out.writeUTF("hé");
        out.flush();
        byte[] sent = fake.sent(raw);
        fake.deliver(raw, sent);
        fake.peerCloses(raw);
        DataInputStream in = new DataInputStream(socket.inputStream());
        assertEquals(0x01020304, in.readInt());
        assertEquals("hé", in.readUTF());
        assertThrows(EOFException.class, in::readByte);
    }

    @Test
    void outputStreamSendsEveryByteEvenWhenSendTakesFewer() throws Exception {
        fake.sendAtMost(3);
        OutputStream out = socket.outputStream();
        out.write("0123456789".getBytes(StandardCharsets.US_ASCII));
        out.write('!');
        assertArrayEquals("0123456789!".getBytes(StandardCharsets.US_ASCII), fake.sent(raw));
        assertEquals(5, fake.count("send"), "3+3+3+1, then 1");
        assertThrows(IndexOutOfBoundsException.class, () -> out.write(new byte[2], 1, 2));
    }

    @Test
    void streamsRefuseANonBlockingSocket() throws Exception {
        socket.setBlocking(false);
        assertThrows(IllegalBlockingModeException.class, () -> socket.inputStream().read());
        assertThrows(IllegalBlockingModeException.class, () -> socket.outputStream().write(1));
        assertEquals(0, fake.count("recv") + fake.count("send"));
    }

    @Test
    void closingTheInputStreamClosesTheSocket() throws Exception {
        socket.inputStream().close();
        assertFalse(socket.isOpen());
        assertFalse(fake.isOpen(raw));
        assertThrows(SocketClosedException.class, () -> socket.inputStream().read());
    }

    @Test
    void closingTheOutputStreamClosesTheSocketNotJustTheSendingSide() throws Exception {
        socket.outputStream().close();
        assertFalse(socket.isOpen());
        assertFalse(fake.isOpen(raw));
        assertEquals(0, fake.count("shutdown"));
        assertThrows(SocketClosedException.class, () -> socket.outputStream().write(1));
    }

    @Test
    void closeFromAnotherThreadWakesABlockedStreamRead() throws Exception {
        InputStream in = socket.inputStream();
        CompletableFuture<Throwable> reader = CompletableFuture.supplyAsync(() -> {
            try {
                in.read();
                return null;
            } catch (Throwable t) {
                return t;
            }
        });
        fake.awaitBlockedRecv(raw);
        socket.close();
        assertInstanceOf(SocketClosedException.class, reader.get(5, TimeUnit.SECONDS));
    }

    @Test
    void channelReadsAndWrites() throws Exception {
        ByteChannel ch = socket.channel();
        assertTrue(ch.isOpen());
        fake.sendAtMost(2);
        ByteBuffer src = ByteBuffer.wrap("hello".getBytes(StandardCharsets.US_ASCII));
        assertEquals(5, ch.write(src), "a blocking write sends all remaining bytes");
        assertFalse(src.hasRemaining());
        assertArrayEquals("hello".getBytes(StandardCharsets.US_ASCII), fake.sent(raw));
        deliver("xyz");
        ByteBuffer dst = ByteBuffer.allocate(8);
        assertEquals(3, ch.read(dst));
        assertEquals(3, dst.position());
        fake.peerCloses(raw);
        assertEquals(-1, ch.read(dst));
        ch.close();
        assertFalse(ch.isOpen());
        assertFalse(socket.isOpen());
        assertThrows(ClosedChannelException.class, () -> ch.read(ByteBuffer.allocate(1)));
        assertThrows(ClosedChannelException.class, () -> ch.write(ByteBuffer.allocate(1)));
    }

    @Test
    void aNonBlockingChannelReturnsZeroInsteadOfWouldBlock() throws Exception {
        socket.setBlocking(false);
        ByteChannel ch = socket.channel();
        assertEquals(0, ch.read(ByteBuffer.allocate(4)));
        fake.peerStopsReading(raw);
        assertEquals(0, ch.write(ByteBuffer.allocate(4)));
    }

    @Test
    void aChannelReadCutShortByACloseIsAnAsynchronousCloseException() throws Exception {
        ByteChannel ch = socket.channel();
        CompletableFuture<Throwable> reader = CompletableFuture.supplyAsync(() -> {
            try {
                ch.read(ByteBuffer.allocate(4));
                return null;
            } catch (Throwable t) {
                return t;
            }
        });
        fake.awaitBlockedRecv(raw);
        socket.close();
        Throwable t = reader.get(5, TimeUnit.SECONDS);
        assertInstanceOf(AsynchronousCloseException.class, t);
        assertInstanceOf(SocketClosedException.class, t.getCause());
    }

    @Test
    void channelsNewInputStreamReadsLines() throws Exception {
        deliver("one\ntwo\n");
        fake.peerCloses(raw);
        BufferedReader r = new BufferedReader(new InputStreamReader(Channels.newInputStream(socket.channel()),
                StandardCharsets.US_ASCII));
        assertEquals("one", r.readLine());
        assertEquals("two", r.readLine());
        assertNull(r.readLine());
    }

    @Test
    void sendAndShutdownSendsEverythingThenShutsTheSendingSide() throws Exception {
        fake.sendAtMost(4);
        ByteBuffer last = ByteBuffer.wrap("goodbye".getBytes(StandardCharsets.US_ASCII));
        assertEquals(7, socket.sendAndShutdown(last));
        assertFalse(last.hasRemaining());
        assertArrayEquals("goodbye".getBytes(StandardCharsets.US_ASCII), fake.sent(raw));
        assertTrue(socket.isOutputShutdown());
        assertFalse(socket.isInputShutdown());
        assertTrue(socket.isOpen(), "the socket stays open to read the peer's end");
    }

    @Test
    void sendAndShutdownOfNothingJustShutsDown() throws Exception {
        assertEquals(0, socket.sendAndShutdown(ByteBuffer.allocate(0)));
        assertEquals(0, fake.count("send"));
        assertTrue(socket.isOutputShutdown());
    }

    @Test
    void aSendFailingPartWayReportsTheCount() throws Exception {
        fake.sendAtMost(3);
        fake.failNext("send", 0).failNext("send", WsaError.WSAECONNRESET);
        ByteBuffer last = ByteBuffer.wrap("0123456789".getBytes(StandardCharsets.US_ASCII));
        IncompleteDisconnectException e = assertThrows(IncompleteDisconnectException.class,
                () -> socket.sendAndShutdown(last));
        assertEquals(3, e.bytesSent());
        assertEquals(7, e.bytesUnsent());
        assertEquals(3, last.position());
        WinsockException.ConnectionReset cause = assertInstanceOf(WinsockException.ConnectionReset.class, e.getCause());
        assertEquals("send", cause.operation());
        assertEquals(0, fake.count("shutdown"), "no shutdown after a failed send");
        assertFalse(socket.isOutputShutdown());
        assertTrue(e.getMessage().contains("3 of 10"), e.getMessage());
    }

    @Test
    void aFailingShutdownReportsThatEverythingWasSent() throws Exception {
        fake.failNext("shutdown", WsaError.WSAENETDOWN);
        IncompleteDisconnectException e = assertThrows(IncompleteDisconnectException.class,
                () -> socket.sendAndShutdown(ByteBuffer.wrap(new byte[] {1, 2})));
        assertEquals(2, e.bytesSent());
        assertEquals(0, e.bytesUnsent());
        assertInstanceOf(WinsockException.NetworkDown.class, e.getCause());
        assertFalse(socket.isOutputShutdown());
    }

    @Test
    void aNonBlockingSendAndShutdownThatWouldBlockReportsTheCount() throws Exception {
        socket.setBlocking(false);
        fake.peerStopsReading(raw);
        IncompleteDisconnectException e = assertThrows(IncompleteDisconnectException.class,
                () -> socket.sendAndShutdown(ByteBuffer.allocate(5)));
        assertEquals(0, e.bytesSent());
        assertEquals(5, e.bytesUnsent());
        assertInstanceOf(WinsockException.WouldBlock.class, e.getCause());
    }

    @Test
    void sendAndShutdownOnAClosedSocketReportsIt() throws Exception {
        socket.close();
        IncompleteDisconnectException e = assertThrows(IncompleteDisconnectException.class,
                () -> socket.sendAndShutdown(ByteBuffer.allocate(1)));
        assertInstanceOf(SocketClosedException.class, e.getCause());
        assertThrows(NullPointerException.class, () -> socket.sendAndShutdown(null));
    }
}
