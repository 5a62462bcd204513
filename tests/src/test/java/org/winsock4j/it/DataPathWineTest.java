package org.winsock4j.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.winsock4j.AddressFamily;
import org.winsock4j.Readiness;
import org.winsock4j.WinSocket;
import org.winsock4j.Winsock;
import org.winsock4j.net.WinsockSocket;
import org.winsock4j.unguarded.UnguardedPorts;

/**
 * Issue 8, item 5: send and recv of a slice cost what the slice costs, not what the array around
 * it costs. Correctness at offsets into a 64 MiB array, heap buffers (also read-only) through the
 * port, sends longer than the JNA backend's scratch chunk; and the heap allocation of
 * steady-state calls.
 */
class DataPathWineTest {
    /** As issue 8's report: 64 MiB. */
    static final int BIG = 64 << 20;
    /** The backends' scratch chunk, as their Scratch.CHUNK (package-private there). */
    static final int CHUNK = 256 * 1024;

    /**
     * The most rounds of round trips an allocation test measures; the least allocating one
     * counts, and the rounds stop at the first one under {@link #WARM_LIMIT}. The FFM downcall
     * path allocates until C2 has compiled it (40 bytes a call with C1 alone, measured with
     * -XX:TieredStopAtLevel=1, before and after issue 22), and on a loaded machine the compiler
     * thread may need several seconds: six rounds once measured 22 bytes a call in the full test
     * command at a load average of 10, and nothing in isolation.
     */
    static final int WARM_ROUNDS = 30;
    /** Heap bytes per call under which a warm call counts as allocating nothing (the JVM's own floor is under 1). */
    static final double WARM_LIMIT = 4;

    static byte[] big;
    static byte[] bigIn;

    @BeforeAll
    static void arrays() {
        big = new byte[BIG];
        for (int i = 0; i < 8 << 20; i++) { // a pattern over the first 8 MiB and the last chunk
            big[i] = (byte) (i * 31 + (i >>> 9));
        }
        for (int i = BIG - CHUNK; i < BIG; i++) {
            big[i] = (byte) (i * 7 + 3);
        }
        bigIn = new byte[BIG];
    }

    @AfterAll
    static void free() {
        big = null;
        bigIn = null;
    }

    static void recvFully(WinSocket s, byte[] into, int offset, int len) throws IOException {
        for (int got = 0; got < len; ) {
            int n = s.recv(into, offset + got, len - got);
            assertTrue(n > 0, "end of stream after " + got + " of " + len + " bytes");
            got += n;
        }
    }

    @Test
    void slicesAtOffsetsOfA64MiBArrayArriveIntactAndAlone() throws Exception {
        try (Lab.Pair p = Lab.pair(AddressFamily.INET)) {
            for (int[] from : new int[][] {{7, 7}, {0, BIG - 10}, {BIG - 10, 0}, {BIG - 10, BIG - 10}}) {
                Arrays.fill(bigIn, Math.max(0, from[1] - 1), Math.min(BIG, from[1] + 11), (byte) 0x5a);
                assertEquals(10, p.client().send(big, from[0], 10));
                recvFully(p.server(), bigIn, from[1], 10);
                assertArrayEquals(Arrays.copyOfRange(big, from[0], from[0] + 10),
                        Arrays.copyOfRange(bigIn, from[1], from[1] + 10), "send at " + from[0] + ", recv at " + from[1]);
                if (from[1] > 0) {
                    assertEquals(0x5a, bigIn[from[1] - 1], "recv wrote before its slice");
                }
                if (from[1] + 10 < BIG) {
                    assertEquals(0x5a, bigIn[from[1] + 10], "recv wrote past its slice");
                }
            }
        }
    }

    @Test
    void aSendOfManyChunksArrivesIntact() throws Exception {
        int len = 16 * CHUNK + 5; // 4 MiB and a bit, from an odd offset
        int offset = 7;
        try (Lab.Pair p = Lab.pair(AddressFamily.INET)) {
            CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> {
                try {
                    recvFully(p.server(), bigIn, 3, len);
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
            });
            int first = p.client().send(big, offset, len);
            assertTrue(first > CHUNK, "one send call passed more than one chunk on a blocking socket: " + first);
            for (int sent = first; sent < len; ) {
                sent += p.client().send(big, offset + sent, len - sent);
            }
            reader.get(60, TimeUnit.SECONDS);
            assertArrayEquals(Arrays.copyOfRange(big, offset, offset + len), Arrays.copyOfRange(bigIn, 3, 3 + len));
        }
    }

    /** The port takes any ByteBuffer: a read-only heap one has no accessible array. */
    @Test
    void heapBuffersThroughThePort() throws Exception {
        try (Lab.Pair p = Lab.pair(AddressFamily.INET)) {
            long client = p.client().rawHandle();
            long server = p.server().rawHandle();
            ByteBuffer readOnly = ByteBuffer.wrap(big, 0, 4 << 20).slice().asReadOnlyBuffer();
            readOnly.position(11);
            int len = 2 * CHUNK + 9;
            CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> {
                try {
                    recvFully(p.server(), bigIn, 0, len);
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
            });
            for (int sent = 0; sent < len; ) {
                int n = Lab.PORT.send(client, readOnly, 11 + sent, len - sent, 0);
                assertTrue(n > 0, "send failed: WSA " + Lab.PORT.lastError());
                sent += n;
            }
            assertEquals(11, readOnly.position(), "the port neither reads nor moves the position");
            reader.get(60, TimeUnit.SECONDS);
            assertArrayEquals(Arrays.copyOfRange(big, 11, 11 + len), Arrays.copyOfRange(bigIn, 0, len));

            // recv into a heap buffer at a position; a read-only one is refused with the data left queued
            assertEquals(10, p.client().send(big, 100, 10));
            assertThrows(ReadOnlyBufferException.class,
                    () -> Lab.PORT.recv(server, ByteBuffer.allocate(64).asReadOnlyBuffer(), 0, 64, 0));
            ByteBuffer heap = ByteBuffer.allocate(64);
            int got = 0;
            while (got < 10) {
                int n = Lab.PORT.recv(server, heap, 5 + got, 10 - got, 0);
                assertTrue(n > 0, "recv failed: WSA " + Lab.PORT.lastError());
                got += n;
            }
            byte[] arrived = new byte[10];
            heap.get(5, arrived);
            assertArrayEquals(Arrays.copyOfRange(big, 100, 110), arrived);
            assertEquals(0, heap.get(4));
            assertEquals(0, heap.get(15));
        }
    }

    /** One round trip of a warm-allocation test. */
    interface RoundTrip {
        void run(int i) throws IOException;
    }

    /**
     * Heap bytes this thread allocates per call (two per round trip), warm: rounds of
     * {@code roundTrips} until the JIT has compiled the path (C2's escape analysis removes what
     * the interpreter allocates around a downcall), at most {@link #WARM_ROUNDS}; the least a
     * round allocated counts.
     */
    static double warmHeapBytesPerCall(int roundTrips, RoundTrip roundTrip) throws IOException {
        var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assertTrue(mx.isThreadAllocatedMemorySupported() && mx.isThreadAllocatedMemoryEnabled(),
                "this JVM counts allocated bytes per thread");
        long thread = Thread.currentThread().getId();
        long allocated = Long.MAX_VALUE;
        for (int round = 0; round < WARM_ROUNDS && allocated / (2.0 * roundTrips) >= WARM_LIMIT; round++) {
            long before = mx.getThreadAllocatedBytes(thread);
            for (int i = 0; i < roundTrips; i++) {
                roundTrip.run(i);
            }
            allocated = Math.min(allocated, mx.getThreadAllocatedBytes(thread) - before);
        }
        return allocated / (2.0 * roundTrips);
    }

    /**
     * Allocation, not time: a timing assertion would depend on the machine and on whatever else
     * runs on it, while the heap bytes a thread allocates are exact (HotSpot counts them per
     * thread). Before issue 8 the JNA backend copied a slice at a non-zero offset into a new
     * array on every send and recv (len + 16 bytes: 32 for these 10 bytes), and JNA copied the
     * whole array to native memory and back at offset 0 (a native copy, which this counter does
     * not see: benchmarks/DataPathBench measures that case). A warm call must allocate nothing.
     * The sockets are over the real port of the backend under test, not the test's CoveragePort, whose bookkeeping
     * allocates on every call.
     */
    @ParameterizedTest(name = "offset {0}")
    @ValueSource(ints = {7, 0})
    void warmSendAndRecvOfTenBytesAllocateNothing(int offset) throws Exception {
        int roundTrips = 2_000;
        try (Lab.Pair p = Lab.pair(UnguardedPorts.winsockOver(UnguardedPorts.of(CoveragePort.BACKEND)), AddressFamily.INET)) {
            double perCall = warmHeapBytesPerCall(roundTrips, i -> heapRoundTrip(p, big, bigIn, offset, 10));
            assertTrue(perCall < WARM_LIMIT, "heap bytes allocated per send or recv of 10 bytes at offset " + offset
                    + " of a 64 MiB array: " + perCall + " over " + 2 * roundTrips + " calls");
            assertArrayEquals(Arrays.copyOfRange(big, offset, offset + 10), Arrays.copyOfRange(bigIn, offset, offset + 10));
        }
    }

    /**
     * Issue 24: a poll allocated 113 bytes (SocketApiBench: the java.net Socket polls before each
     * read): its three WSAPOLLFD arrays, its result set, the interest set's iterator, the FFM
     * backend's slice of its poll memory and the JNA backend's Memory per call. A warm poll of a
     * platform thread allocates nothing, on each backend.
     */
    @Test
    void warmPollsAllocateNothing() throws Exception {
        Set<Readiness> write = Set.of(Readiness.WRITABLE);
        Set<Readiness> read = Set.of(Readiness.READABLE);
        try (Lab.Pair p = Lab.pair(UnguardedPorts.winsockOver(UnguardedPorts.of(CoveragePort.BACKEND)), AddressFamily.INET)) {
            double perCall = warmHeapBytesPerCall(2_000, i -> {
                // Checked without allocating: Set.equals would make an iterator.
                Set<Readiness> writable = p.client().poll(write, Duration.ZERO);
                assertTrue(writable.size() == 1 && writable.contains(Readiness.WRITABLE), "writable");
                assertTrue(p.client().poll(read, Duration.ZERO).isEmpty(), "nothing to read");
            });
            assertTrue(perCall < WARM_LIMIT, "heap bytes allocated per WinSocket.poll: " + perCall);
        }
    }

    /**
     * Issue 24: a request and its response through the java.net Socket over a WinSocket (a send,
     * then a poll and a recv) allocate nothing once warm, on each backend, as the JDK's Socket.
     */
    @Test
    void warmRequestResponseThroughTheJavaNetSocketAllocatesNothing() throws Exception {
        Winsock winsock = UnguardedPorts.winsockOver(UnguardedPorts.of(CoveragePort.BACKEND));
        byte[] request = new byte[10];
        byte[] echoed = new byte[10];
        byte[] response = new byte[10];
        try (WinSocket listener = Lab.listener(winsock, AddressFamily.INET);
                Socket client = new WinsockSocket(winsock)) {
            client.connect(listener.localAddress());
            try (WinSocket server = listener.accept()) {
                OutputStream out = client.getOutputStream();
                InputStream in = client.getInputStream();
                double perCall = warmHeapBytesPerCall(2_000, i -> {
                    request[0] = (byte) i;
                    out.write(request);
                    // No assertion message built per call: it would be the allocation measured.
                    for (int got = 0; got < echoed.length; ) {
                        int n = server.recv(echoed, got, echoed.length - got);
                        if (n <= 0) {
                            throw new AssertionError("recv returned " + n);
                        }
                        got += n;
                    }
                    server.send(echoed, 0, echoed.length);
                    for (int got = 0; got < response.length; ) {
                        int n = in.read(response, got, response.length - got);
                        if (n <= 0) {
                            throw new AssertionError("read returned " + n);
                        }
                        got += n;
                    }
                });
                assertTrue(perCall < WARM_LIMIT, "heap bytes allocated per call of a request and response through the Socket: " + perCall);
                assertEquals(request[0], response[0]);
            }
        }
    }

    /** A send of {@code len} bytes of {@code out} at {@code offset} on the client, received whole on the server. */
    static void heapRoundTrip(Lab.Pair p, byte[] out, byte[] in, int offset, int len) throws IOException {
        for (int sent = 0; sent < len; ) {
            sent += p.client().send(out, offset + sent, len - sent);
        }
        for (int got = 0; got < len; ) {
            int n = p.server().recv(in, offset + got, len - got);
            if (n <= 0) {
                throw new AssertionError("recv returned " + n);
            }
            got += n;
        }
    }

    /**
     * Issue 22 item 8: heap sends and recvs allocate nothing while eight other platform threads
     * are blocked in a heap recv (a blocking server with idle connections). Each blocked recv
     * used to hold one of the backends' few pooled scratch buffers for its whole wait, and every
     * further heap call then allocated a native buffer of its own: 672 bytes of Java objects per
     * send or recv on JNA, 288-528 on FFM (benchmarks/BlockedReadersBench measures it).
     */
    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {1024, 65536})
    void heapCallsAllocateNothingWhileEightThreadsAreBlockedInHeapRecv(int len) throws Exception {
        int roundTrips = 500;
        Winsock winsock = UnguardedPorts.winsockOver(UnguardedPorts.of(CoveragePort.BACKEND));
        List<Lab.Pair> idle = new ArrayList<>();
        List<CompletableFuture<Void>> blocked = new ArrayList<>();
        try (Lab.Pair p = Lab.pair(winsock, AddressFamily.INET)) {
            try {
                CountDownLatch receiving = new CountDownLatch(8);
                for (int i = 0; i < 8; i++) {
                    Lab.Pair pair = Lab.pair(winsock, AddressFamily.INET);
                    idle.add(pair);
                    CompletableFuture<Void> reader = new CompletableFuture<>();
                    Thread t = new Thread(() -> {
                        receiving.countDown();
                        try {
                            pair.server().recv(new byte[8192], 0, 8192); // the peer never sends
                            reader.completeExceptionally(new AssertionError("an idle recv returned"));
                        } catch (IOException closed) {
                            reader.complete(null); // closed at the end of the test
                        }
                    }, "blocked-in-heap-recv-" + i);
                    t.setDaemon(true);
                    t.start();
                    blocked.add(reader);
                }
                assertTrue(receiving.await(10, TimeUnit.SECONDS));
                Thread.sleep(200); // into their native recv
                double perCall = warmHeapBytesPerCall(roundTrips, i -> heapRoundTrip(p, big, bigIn, 7, len));
                assertTrue(perCall < WARM_LIMIT, "heap bytes allocated per heap send or recv of " + len + " bytes on "
                        + CoveragePort.BACKEND + " with 8 threads blocked in heap recv: " + perCall + " over "
                        + 2 * roundTrips + " calls");
                assertArrayEquals(Arrays.copyOfRange(big, 7, 7 + len), Arrays.copyOfRange(bigIn, 7, 7 + len));
                for (CompletableFuture<Void> reader : blocked) {
                    assertTrue(!reader.isDone(), "the readers were still blocked when measured");
                }
            } finally {
                for (Lab.Pair pair : idle) {
                    pair.close();
                }
            }
            for (CompletableFuture<Void> reader : blocked) {
                reader.get(10, TimeUnit.SECONDS);
            }
        }
    }

    /**
     * The same for direct buffers, passed by address at their position: at offsets 0 and 7, the
     * sender alternating between two buffers (a backend caching one buffer's address must not
     * allocate when the buffer changes), on the backend under test (issue 13, item 2).
     */
    @ParameterizedTest(name = "offset {0}")
    @ValueSource(ints = {7, 0})
    void warmSendAndRecvOfTenBytesFromDirectBuffersAllocateNothing(int offset) throws Exception {
        int roundTrips = 2_000;
        java.nio.ByteBuffer[] out = {java.nio.ByteBuffer.allocateDirect(64), java.nio.ByteBuffer.allocateDirect(64)};
        java.nio.ByteBuffer in = java.nio.ByteBuffer.allocateDirect(64);
        for (java.nio.ByteBuffer b : out) {
            for (int i = 0; i < 64; i++) {
                b.put(i, (byte) (i * 13 + 1));
            }
        }
        try (Lab.Pair p = Lab.pair(UnguardedPorts.winsockOver(UnguardedPorts.of(CoveragePort.BACKEND)), AddressFamily.INET)) {
            WinSocket client = p.client();
            WinSocket server = p.server();
            double perCall = warmHeapBytesPerCall(roundTrips, i -> {
                java.nio.ByteBuffer b = out[i & 1];
                b.limit(offset + 10).position(offset);
                if (client.send(b) != 10) {
                    throw new AssertionError("short send");
                }
                in.limit(offset + 10).position(offset);
                while (in.hasRemaining()) {
                    if (server.recv(in) <= 0) {
                        throw new AssertionError("end of stream");
                    }
                }
            });
            assertTrue(perCall < WARM_LIMIT, "heap bytes allocated per send or recv of 10 bytes from a direct buffer at offset "
                    + offset + " on " + CoveragePort.BACKEND + ": " + perCall + " over " + 2 * roundTrips + " calls");
            for (int i = offset; i < offset + 10; i++) {
                assertEquals(out[1].get(i), in.get(i), "byte " + i);
            }
        }
    }
}
