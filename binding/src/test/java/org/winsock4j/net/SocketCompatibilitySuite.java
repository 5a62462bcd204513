package org.winsock4j.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour of {@link java.net.Socket} that libraries rely on, as the JDK documents it, run
 * the same way against the JDK's own Socket and against winsock4j's (each subclass says which and
 * against what peer: a real one on loopback, or the fake's scripted one). Every test passes for
 * both; where Winsock's rules differ from the JDK's, the difference is a documented rule
 * (org.winsock4j.net's package documentation) tested apart, not here.
 */
public abstract class SocketCompatibilitySuite {
    /** How long a test waits for something that should happen at once. */
    protected static final long PATIENCE_SECONDS = 10;

    private final ExecutorService threads = Executors.newCachedThreadPool();
    private Connection open;

    /** An unconnected client socket of the kind under test. */
    protected abstract Socket newSocket() throws IOException;

    /** A peer listening for one connection: by default the JVM's own sockets on loopback. */
    protected Peer listen() throws IOException {
        return new JdkPeer();
    }

    /** The other end of the connection, which the test drives. */
    public interface Peer extends AutoCloseable {
        /** Where to connect. */
        InetSocketAddress address();

        /** Takes the connection {@code client} made. */
        void accept(Socket client) throws Exception;

        /** Sends bytes to the client. */
        void send(byte[] data) throws Exception;

        /** Sends the peer's FIN (shutdown of its output). */
        void shutdownOutput() throws Exception;

        /** The next {@code n} bytes the client sent, waiting up to {@link #PATIENCE_SECONDS}. */
        byte[] receive(int n) throws Exception;

        /** Whether the client's FIN arrives (after nothing more) within {@link #PATIENCE_SECONDS}. */
        boolean receivesEndOfStream() throws Exception;
    }

    /** A connected client and its peer. */
    public record Connection(Socket client, Peer peer) {}

    /**
     * A connection: a new socket connected (with a timeout) to a new peer; a subclass that tests
     * accepted sockets makes it the other way round.
     */
    protected Connection newConnection() throws Exception {
        Peer peer = listen();
        Socket client = newSocket();
        client.connect(peer.address(), (int) TimeUnit.SECONDS.toMillis(PATIENCE_SECONDS));
        peer.accept(client);
        return new Connection(client, peer);
    }

    private Connection connect() throws Exception {
        open = newConnection();
        return open;
    }

    @AfterEach
    void closeEverything() throws Exception {
        threads.shutdownNow();
        if (open != null) {
            open.client().close();
            open.peer().close();
        }
    }

    private <T> Future<T> inAnotherThread(java.util.concurrent.Callable<T> call) {
        return threads.submit(call);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static String read(InputStream in, int n) throws IOException {
        byte[] b = new byte[n];
        int got = 0;
        while (got < n) {
            int r = in.read(b, got, n - got);
            if (r < 0) {
                throw new IOException("end of stream after " + got + " of " + n + " bytes");
            }
            got += r;
        }
        return new String(b, StandardCharsets.US_ASCII);
    }

    /** Blocks until {@code future}'s thread is likely blocked in its call (it has not finished). */
    private static void assertStillRunning(Future<?> future) throws Exception {
        try {
            Object v = future.get(300, TimeUnit.MILLISECONDS);
            throw new AssertionError("the call should still wait, but ended with " + v);
        } catch (TimeoutException expected) {
            // still waiting
        }
    }

    private static Throwable failureOf(Future<?> future) throws Exception {
        try {
            Object v = future.get(PATIENCE_SECONDS, TimeUnit.SECONDS);
            throw new AssertionError("expected a failure, got " + v);
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }

    // ---------------------------------------------------------------- state

    @Test
    public void aNewSocketIsNeitherBoundNorConnectedNorClosed() throws Exception {
        try (Socket s = newSocket()) {
            assertFalse(s.isBound());
            assertFalse(s.isConnected());
            assertFalse(s.isClosed());
            assertEquals(null, s.getInetAddress());
            assertEquals(0, s.getPort());
            assertEquals(-1, s.getLocalPort());
            assertEquals(null, s.getRemoteSocketAddress());
            assertThrows(SocketException.class, s::getInputStream, "not connected");
        }
    }

    @Test
    public void aConnectedSocketKnowsBothEnds() throws Exception {
        Connection c = connect();
        Socket s = c.client();
        assertTrue(s.isConnected());
        assertTrue(s.isBound());
        assertFalse(s.isClosed());
        assertEquals(c.peer().address().getAddress(), s.getInetAddress());
        assertEquals(c.peer().address().getPort(), s.getPort());
        assertEquals(new InetSocketAddress(c.peer().address().getAddress(), c.peer().address().getPort()),
                s.getRemoteSocketAddress());
        assertTrue(s.getLocalPort() > 0, "an ephemeral local port: " + s.getLocalPort());
        assertEquals(s.getLocalPort(), ((InetSocketAddress) s.getLocalSocketAddress()).getPort());
    }

    @Test
    public void closeMarksTheSocketClosedAndIsIdempotent() throws Exception {
        Socket s = connect().client();
        s.close();
        assertTrue(s.isClosed());
        assertTrue(s.isConnected(), "isConnected stays true after close (Socket javadoc)");
        s.close();
        SocketException e = assertThrows(SocketException.class, s::getInputStream);
        assertEquals("Socket is closed", e.getMessage());
        assertThrows(SocketException.class, () -> s.setSoTimeout(1));
    }

    @Test
    public void connectTwiceFails() throws Exception {
        Connection c = connect();
        SocketException e = assertThrows(SocketException.class, () -> c.client().connect(c.peer().address()));
        assertEquals("already connected", e.getMessage().toLowerCase(java.util.Locale.ROOT), "Java 17 and 21 say it in lower case");
    }

    // ---------------------------------------------------------------- data

    @Test
    public void bytesGoBothWays() throws Exception {
        Connection c = connect();
        OutputStream out = c.client().getOutputStream();
        out.write(ascii("hello"));
        out.write('!');
        out.flush();
        assertArrayEquals(ascii("hello!"), c.peer().receive(6));
        c.peer().send(ascii("world"));
        InputStream in = c.client().getInputStream();
        assertEquals('w', in.read());
        assertEquals("orld", read(in, 4));
    }

    @Test
    public void aLargeWriteArrivesWhole() throws Exception {
        Connection c = connect();
        byte[] data = new byte[4 << 20];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31 + 7);
        }
        Future<byte[]> received = inAnotherThread(() -> c.peer().receive(data.length));
        c.client().getOutputStream().write(data);
        assertArrayEquals(data, received.get(PATIENCE_SECONDS, TimeUnit.SECONDS));
    }

    @Test
    public void readReturnsMinusOneAtTheEndOfTheStreamAndAfter() throws Exception {
        Connection c = connect();
        c.peer().send(ascii("ab"));
        c.peer().shutdownOutput();
        InputStream in = c.client().getInputStream();
        assertEquals("ab", read(in, 2));
        assertEquals(-1, in.read());
        assertEquals(-1, in.read(new byte[4], 0, 4));
        assertEquals(0, in.read(new byte[4], 0, 0), "a zero-length read returns 0");
    }

    @Test
    public void readOfNothingReturnsZeroAndBadSlicesFail() throws Exception {
        Connection c = connect();
        InputStream in = c.client().getInputStream();
        assertEquals(0, in.read(new byte[1], 0, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> in.read(new byte[2], 1, 2));
        assertThrows(IndexOutOfBoundsException.class, () -> c.client().getOutputStream().write(new byte[2], -1, 1));
    }

    @Test
    public void availableCountsWhatHasArrived() throws Exception {
        Connection c = connect();
        InputStream in = c.client().getInputStream();
        assertEquals(0, in.available());
        c.peer().send(ascii("12345"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PATIENCE_SECONDS);
        while (in.available() < 5 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(5, in.available());
        assertEquals("123", read(in, 3));
        assertEquals(2, in.available());
    }

    // ---------------------------------------------------------------- timeouts

    @Test
    public void soTimeoutEndsAReadAndTheSocketStaysUsable() throws Exception {
        Connection c = connect();
        Socket s = c.client();
        s.setSoTimeout(200);
        assertEquals(200, s.getSoTimeout());
        InputStream in = s.getInputStream();
        long start = System.nanoTime();
        assertThrows(SocketTimeoutException.class, in::read);
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(tookMillis >= 150 && tookMillis < 5000, "waited about the 200 ms: " + tookMillis + " ms");
        assertFalse(s.isClosed());
        c.peer().send(ascii("late"));
        assertEquals("late", read(in, 4), "usable after the timeout");
        s.setSoTimeout(0);
        assertEquals(0, s.getSoTimeout());
        assertThrows(IllegalArgumentException.class, () -> s.setSoTimeout(-1));
    }

    // ---------------------------------------------------------------- close and shutdown

    @Test
    public void aCloseFromAnotherThreadEndsABlockedRead() throws Exception {
        Connection c = connect();
        InputStream in = c.client().getInputStream();
        Future<Integer> reader = inAnotherThread(in::read);
        assertStillRunning(reader);
        c.client().close();
        Throwable e = failureOf(reader);
        assertInstanceOf(SocketException.class, e);
        assertTrue(c.client().isClosed());
    }

    @Test
    public void closingTheInputStreamClosesTheSocket() throws Exception {
        Connection c = connect();
        c.client().getInputStream().close();
        assertTrue(c.client().isClosed());
        assertTrue(c.peer().receivesEndOfStream(), "the peer sees the FIN of a graceful close");
    }

    @Test
    public void closingTheOutputStreamClosesTheSocket() throws Exception {
        Connection c = connect();
        c.client().getOutputStream().close();
        assertTrue(c.client().isClosed());
    }

    @Test
    public void shutdownInputMakesReadsReturnMinusOne() throws Exception {
        Connection c = connect();
        Socket s = c.client();
        InputStream in = s.getInputStream();
        s.shutdownInput();
        assertTrue(s.isInputShutdown());
        assertFalse(s.isOutputShutdown());
        assertEquals(-1, in.read());
        assertEquals(0, in.available());
        assertThrows(SocketException.class, s::getInputStream, "input shut down");
        SocketException again = assertThrows(SocketException.class, s::shutdownInput);
        assertEquals("Socket input is already shutdown", again.getMessage());
        s.getOutputStream().write(ascii("still"));
        assertArrayEquals(ascii("still"), c.peer().receive(5), "the other direction still works");
    }

    @Test
    public void shutdownOutputSendsTheEndOfTheStream() throws Exception {
        Connection c = connect();
        Socket s = c.client();
        OutputStream out = s.getOutputStream();
        out.write(ascii("last"));
        s.shutdownOutput();
        assertTrue(s.isOutputShutdown());
        assertArrayEquals(ascii("last"), c.peer().receive(4));
        assertTrue(c.peer().receivesEndOfStream());
        assertThrows(SocketException.class, () -> out.write(1));
        c.peer().send(ascii("reply"));
        assertEquals("reply", read(s.getInputStream(), 5), "the other direction still works");
    }

    // ---------------------------------------------------------------- interrupts

    /**
     * The JDK's Socket is not interruptible on a platform thread: an interrupt neither ends a
     * blocked read nor closes the socket, and the interrupt status stays set.
     */
    @Test
    public void aPlatformThreadsInterruptDoesNotEndARead() throws Exception {
        Connection c = connect();
        InputStream in = c.client().getInputStream();
        AtomicReference<Thread> readerThread = new AtomicReference<>();
        Future<String> reader = inAnotherThread(() -> {
            readerThread.set(Thread.currentThread());
            String got = read(in, 3);
            return got + ", interrupted " + Thread.currentThread().isInterrupted();
        });
        assertStillRunning(reader);
        readerThread.get().interrupt();
        assertStillRunning(reader);
        assertFalse(c.client().isClosed());
        c.peer().send(ascii("abc"));
        assertEquals("abc, interrupted true", reader.get(PATIENCE_SECONDS, TimeUnit.SECONDS));
    }

    /** A read started with the interrupt status set on a platform thread reads as usual. */
    @Test
    public void aPlatformThreadStartingWithItsInterruptSetReads() throws Exception {
        Connection c = connect();
        c.peer().send(ascii("xy"));
        Future<String> reader = inAnotherThread(() -> {
            Thread.currentThread().interrupt();
            return read(c.client().getInputStream(), 2) + " " + Thread.interrupted();
        });
        assertEquals("xy true", reader.get(PATIENCE_SECONDS, TimeUnit.SECONDS));
        assertFalse(c.client().isClosed());
    }

    /**
     * On a virtual thread (Java 21+), an interrupt closes the socket and the read fails with
     * "Closed by interrupt" (the JDK's Socket since virtual threads exist). Java 17 has none: it
     * asserts that.
     */
    @Test
    public void aVirtualThreadsInterruptClosesTheSocket() throws Exception {
        ExecutorService virtual = virtualThreads();
        if (virtual == null) {
            assertTrue(Runtime.version().feature() < 21, "Java " + Runtime.version() + " has virtual threads");
            return;
        }
        try {
            Connection c = connect();
            InputStream in = c.client().getInputStream();
            AtomicReference<Thread> readerThread = new AtomicReference<>();
            Future<Integer> reader = virtual.submit(() -> {
                readerThread.set(Thread.currentThread());
                return in.read();
            });
            assertStillRunning(reader);
            readerThread.get().interrupt();
            Throwable e = failureOf(reader);
            assertInstanceOf(SocketException.class, e);
            assertEquals("Closed by interrupt", e.getMessage());
            assertTrue(c.client().isClosed());
        } finally {
            virtual.shutdownNow();
        }
    }

    /** Executors.newVirtualThreadPerTaskExecutor() on Java 21+, else null (the tests are Java 17 sources). */
    public static ExecutorService virtualThreads() {
        try {
            return (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
        } catch (NoSuchMethodException beforeJava21) {
            return null;
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    // ---------------------------------------------------------------- options

    @Test
    public void optionsReadBackAsSet() throws Exception {
        Socket s = connect().client();
        s.setTcpNoDelay(true);
        assertTrue(s.getTcpNoDelay());
        s.setTcpNoDelay(false);
        assertFalse(s.getTcpNoDelay());
        s.setKeepAlive(true);
        assertTrue(s.getKeepAlive());
        s.setKeepAlive(false);
        assertFalse(s.getKeepAlive());
        s.setOOBInline(true);
        assertTrue(s.getOOBInline());
        s.setOOBInline(false);
        assertFalse(s.getOOBInline());
        s.setReuseAddress(true);
        assertTrue(s.getReuseAddress());
        s.setSendBufferSize(65536);
        assertTrue(s.getSendBufferSize() > 0);
        s.setReceiveBufferSize(65536);
        assertTrue(s.getReceiveBufferSize() > 0);
        assertThrows(IllegalArgumentException.class, () -> s.setSendBufferSize(0));
        assertThrows(IllegalArgumentException.class, () -> s.setReceiveBufferSize(-1));
        s.setTrafficClass(0x10);
        assertThrows(IllegalArgumentException.class, () -> s.setTrafficClass(256));
        assertTrue(s.supportedOptions().contains(StandardSocketOptions.TCP_NODELAY));
        s.setOption(StandardSocketOptions.SO_KEEPALIVE, true);
        assertTrue(s.getOption(StandardSocketOptions.SO_KEEPALIVE));
    }

    /** SO_LINGER as the JDK's Socket reports it: -1 when off, else the seconds (0 for an abortive close). */
    @Test
    public void soLingerReadsBackAsTheJdkReportsIt() throws Exception {
        Socket s = connect().client();
        assertEquals(-1, s.getSoLinger(), "off by default");
        s.setSoLinger(true, 5);
        assertEquals(5, s.getSoLinger());
        s.setSoLinger(true, 0);
        assertEquals(0, s.getSoLinger());
        s.setSoLinger(true, 100_000);
        assertEquals(65535, s.getSoLinger(), "capped at 65535, the JDK's rule");
        s.setSoLinger(false, 7);
        assertEquals(-1, s.getSoLinger());
        assertThrows(IllegalArgumentException.class, () -> s.setSoLinger(true, -1));
        assertEquals(-1, (int) s.getOption(StandardSocketOptions.SO_LINGER));
    }

    /**
     * Whether the peer of an abortive close sees the reset. True on Windows; a subclass whose peer
     * is a Winsock socket under Wine 8 says false (README: Wine 8 gives that peer end of stream).
     */
    protected boolean peerSeesAReset() {
        return true;
    }

    /** {@code setSoLinger(true, 0)}, then close: the peer's connection is reset, not ended with a FIN. */
    @Test
    public void lingerZeroThenCloseResets() throws Exception {
        Connection c = connect();
        c.client().setSoLinger(true, 0);
        c.client().close();
        assertEquals(!peerSeesAReset(), c.peer().receivesEndOfStream(), "a reset, not a FIN");
    }

    @Test
    public void localAndRemoteAddressesAreTheLoopbackOnes() throws Exception {
        Connection c = connect();
        InetAddress local = c.client().getLocalAddress();
        assertEquals(c.peer().address().getAddress(), local, "the loopback address both ends use");
        assertNotEquals(0, c.client().getLocalPort());
    }

    /** connect with a timeout to a peer that is there: connected well within it. */
    @Test
    public void connectWithATimeoutConnects() throws Exception {
        try (Peer peer = listen(); Socket s = newSocket()) {
            s.connect(peer.address(), 5000);
            peer.accept(s);
            assertTrue(s.isConnected());
        }
    }
}
