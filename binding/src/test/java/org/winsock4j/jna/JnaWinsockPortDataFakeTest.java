package org.winsock4j.jna;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Pointer;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.winsock4j.internal.NativeWinsockPort;
import org.winsock4j.internal.ScratchSource;
import org.winsock4j.port.Sdk;

/**
 * The heap data path of the JNA backend (the buffer layer, {@link NativeWinsockPort}: copy
 * through native scratch memory, send in chunks, direct buffers by address), over a scripted
 * send/recv on the JNA backend's own native memory: runs on any JVM. The Wine tier
 * (tests/.../DataPathWineTest) runs the same paths against ws2_32.
 */
class JnaWinsockPortDataFakeTest {
    private static final int CHUNK = NativeWinsockPort.CHUNK;

    /** Records what each native call saw; answers from a script (default: takes everything). */
    static final class ScriptedIo extends JnaWinsock {
        final List<byte[]> sent = new ArrayList<>();
        final List<Long> sentFrom = new ArrayList<>();
        final List<Integer> recvLengths = new ArrayList<>();
        final Deque<Integer> sendResults = new ArrayDeque<>();
        byte[] toReceive = new byte[0];
        /** Run inside the next send, as a second call of the same thread. */
        Runnable duringNextSend;

        @Override
        public int send(Void state, long s, long buf, int len, int flags) {
            sent.add(new Pointer(buf).getByteArray(0, len));
            sentFrom.add(buf);
            Runnable nested = duringNextSend;
            duringNextSend = null;
            if (nested != null) {
                nested.run();
            }
            Integer r = sendResults.poll();
            return r == null ? len : r;
        }

        @Override
        public int recv(Void state, long s, long buf, int len, int flags) {
            recvLengths.add(len);
            int n = Math.min(len, toReceive.length);
            new Pointer(buf).write(0, toReceive, 0, n);
            return n;
        }

        byte[] allSent() {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            sent.forEach(b -> all.write(b, 0, b.length));
            return all.toByteArray();
        }
    }

    private final ScriptedIo io = new ScriptedIo();
    private final NativeWinsockPort<Void> port = new NativeWinsockPort<>(io);

    private static byte[] pattern(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + (i >>> 9));
        }
        return b;
    }

    @Test
    void aLongSendGoesOutChunkByChunkFromTheOffset() {
        byte[] data = pattern(3 * CHUNK + 100);
        int len = 3 * CHUNK + 5;
        assertEquals(len, port.send(1, data, 7, len, 0));
        assertEquals(List.of(CHUNK, CHUNK, CHUNK, 5), io.sent.stream().map(b -> b.length).toList());
        assertArrayEquals(Arrays.copyOfRange(data, 7, 7 + len), io.allSent());
    }

    @Test
    void aShortSendEndsTheCall() {
        io.sendResults.add(CHUNK);
        io.sendResults.add(100);
        assertEquals(CHUNK + 100, port.send(1, new byte[3 * CHUNK], 0, 3 * CHUNK, 0));
        assertEquals(2, io.sent.size(), "no send after the short one");
    }

    @Test
    void aLaterChunkFailingReturnsWhatWasSent() {
        io.sendResults.add(CHUNK);
        io.sendResults.add(Sdk.SOCKET_ERROR);
        assertEquals(CHUNK, port.send(1, new byte[3 * CHUNK], 0, 3 * CHUNK, 0));
        assertEquals(2, io.sent.size());
    }

    @Test
    void theFirstChunkFailingFailsTheCall() {
        io.sendResults.add(Sdk.SOCKET_ERROR);
        assertEquals(Sdk.SOCKET_ERROR, port.send(1, new byte[3 * CHUNK], 0, 3 * CHUNK, 0));
        assertEquals(1, io.sent.size());
    }

    @Test
    void aZeroLengthSendStillCallsSendOnce() {
        assertEquals(0, port.send(1, new byte[4], 4, 0, 0));
        assertEquals(1, io.sent.size());
        assertEquals(0, io.sent.get(0).length);
    }

    @Test
    void recvAsksForAtMostOneChunkAndCopiesOnlyWhatArrived() {
        io.toReceive = pattern(10);
        byte[] into = new byte[4 * CHUNK];
        Arrays.fill(into, (byte) -1);
        assertEquals(10, port.recv(1, into, 7, 3 * CHUNK, 0));
        assertEquals(List.of(CHUNK), io.recvLengths);
        assertArrayEquals(io.toReceive, Arrays.copyOfRange(into, 7, 17));
        assertEquals(-1, into[6]);
        assertEquals(-1, into[17], "nothing past the bytes received is written");
        assertEquals(-1, into[CHUNK]);
    }

    @Test
    void recvAtTheVeryEndOfTheArray() {
        io.toReceive = pattern(10);
        byte[] into = new byte[1 << 20];
        assertEquals(10, port.recv(1, into, into.length - 10, 10, 0));
        assertEquals(List.of(10), io.recvLengths);
        assertArrayEquals(io.toReceive, Arrays.copyOfRange(into, into.length - 10, into.length));
    }

    @Test
    void aSliceOutsideTheArrayOrTheLimitIsRefusedBeforeAnyNativeCall() {
        assertThrows(IndexOutOfBoundsException.class, () -> port.recv(1, new byte[10], 5, 6, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> port.send(1, new byte[10], -1, 2, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> port.recv(1, ByteBuffer.allocate(10), 5, 6, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> port.send(1, ByteBuffer.allocateDirect(10).limit(8), 4, 5, 0));
        assertTrue(io.sent.isEmpty() && io.recvLengths.isEmpty());
    }

    @Test
    void aReadOnlyHeapBufferIsSentByCopyFromTheOffset() {
        byte[] data = pattern(2 * CHUNK + 50);
        ByteBuffer ro = ByteBuffer.wrap(data).asReadOnlyBuffer();
        ro.position(11);
        int len = 2 * CHUNK + 40;
        assertEquals(len, port.send(1, ro, 3, len, 0));
        assertEquals(11, ro.position(), "the port neither reads nor moves the position");
        assertArrayEquals(Arrays.copyOfRange(data, 3, 3 + len), io.allSent());
        assertEquals(3, io.sent.size());
    }

    @Test
    void aHeapBufferReceivesAtTheOffset() {
        io.toReceive = pattern(10);
        ByteBuffer heap = ByteBuffer.allocate(64);
        heap.position(40);
        assertEquals(10, port.recv(1, heap, 5, 20, 0));
        assertEquals(40, heap.position());
        byte[] got = new byte[10];
        heap.get(5, got);
        assertArrayEquals(io.toReceive, got);
        assertEquals(0, heap.get(4));
        assertEquals(0, heap.get(15));
    }

    @Test
    void aReadOnlyBufferIsRefusedBeforeRecv() {
        assertThrows(ReadOnlyBufferException.class, () -> port.recv(1, ByteBuffer.allocate(8).asReadOnlyBuffer(), 0, 8, 0));
        assertThrows(ReadOnlyBufferException.class,
                () -> port.recv(1, ByteBuffer.allocateDirect(8).asReadOnlyBuffer(), 0, 8, 0));
        assertTrue(io.recvLengths.isEmpty(), "nothing was received, so nothing was lost");
    }

    /**
     * The buffer layer takes its scratch memory from a ScratchSource: a platform thread reuses
     * its own, of at most a chunk, and a second call of the thread while its first holds it
     * gets other memory.
     */
    @Test
    void aThreadReusesItsOwnScratchMemoryOfAtMostAChunk() throws Exception {
        java.util.concurrent.FutureTask<Void> onNewThread = new java.util.concurrent.FutureTask<>(() -> {
            port.send(1, new byte[10], 0, 10, 0);
            port.send(1, new byte[10], 0, 10, 0);
            assertEquals(io.sentFrom.get(0), io.sentFrom.get(1), "steady state: the same native memory");
            io.duringNextSend = () -> port.send(1, new byte[10], 0, 10, 0);
            port.send(1, new byte[10 * ScratchSource.SMALLEST], 0, 10 * ScratchSource.SMALLEST, 0);
            assertNotEquals(io.sentFrom.get(2), io.sentFrom.get(3), "never one memory in two calls at once");
            port.send(1, new byte[10 * CHUNK], 0, 10 * CHUNK, 0);
            assertEquals(CHUNK, io.sent.get(4).length, "never more than a chunk");
            return null;
        });
        Thread t = new Thread(onNewThread);
        t.start();
        onNewThread.get(30, java.util.concurrent.TimeUnit.SECONDS);
    }

    /**
     * Allocation, not time: heap bytes allocated by this thread over many calls (the old port
     * allocated a copy of every slice at a non-zero offset: len + 16 bytes per call; and two
     * Pointers per call on a direct buffer), heap and direct, at offset 0 and 7, alternating
     * between two direct buffers.
     */
    @Test
    void steadyStateSendAndRecvAllocateNothing() {
        NativeWinsockPort<Void> quiet = new NativeWinsockPort<>(new JnaWinsock() {
            @Override
            public int send(Void state, long s, long buf, int len, int flags) {
                return len;
            }

            @Override
            public int recv(Void state, long s, long buf, int len, int flags) {
                return len;
            }
        });
        byte[] big = new byte[1 << 20];
        ByteBuffer heap = ByteBuffer.wrap(big);
        ByteBuffer readOnly = heap.asReadOnlyBuffer();
        ByteBuffer direct = ByteBuffer.allocateDirect(1 << 16);
        ByteBuffer direct0 = ByteBuffer.allocateDirect(64);
        var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        for (int round = 0; round < 2; round++) { // the first round warms up
            long before = mx.getThreadAllocatedBytes(id);
            for (int i = 0; i < 10_000; i++) {
                quiet.send(1, big, 7, 10, 0);
                quiet.recv(1, big, 7, 10, 0);
                quiet.send(1, readOnly, 7, 10, 0);
                quiet.recv(1, heap, 7, 10, 0);
                quiet.send(1, direct, 7, 10, 0);
                quiet.recv(1, direct, 7, 10, 0);
                quiet.send(1, direct0, 0, 10, 0);
                quiet.recv(1, direct0, 0, 10, 0);
            }
            long perCall = (mx.getThreadAllocatedBytes(id) - before) / 80_000;
            if (round == 1) {
                assertTrue(perCall < 8, "heap bytes allocated per call: " + perCall);
            }
        }
    }

    /** A direct buffer is passed by the address of the call's offset, whichever buffer came before. */
    @Test
    void directBuffersArePassedAtTheOffsetEvenWhenTheyAlternate() {
        ByteBuffer a = ByteBuffer.allocateDirect(32);
        ByteBuffer b = ByteBuffer.allocateDirect(32);
        for (int i = 0; i < 32; i++) {
            a.put(i, (byte) i);
            b.put(i, (byte) (100 + i));
        }
        ByteBuffer sliceOfA = a.position(4).slice(); // another object, another base: a's 4th byte
        a.position(0);
        port.send(1, a, 7, 3, 0);
        port.send(1, b, 2, 2, 0);
        port.send(1, a, 0, 1, 0);
        port.send(1, sliceOfA, 1, 2, 0);
        assertArrayEquals(new byte[] {7, 8, 9, 102, 103, 0, 5, 6}, io.allSent());

        io.toReceive = new byte[] {-1, -2};
        assertEquals(2, port.recv(1, b, 30, 2, 0));
        assertEquals(2, port.recv(1, a, 5, 2, 0));
        assertEquals(-1, b.get(30));
        assertEquals(-2, b.get(31));
        assertEquals(-1, a.get(5));
        assertEquals(-2, a.get(6));
        assertEquals(4, a.get(4), "nothing written before the offset");
        assertEquals(7, a.get(7), "nothing written past the count");
        assertEquals(0, a.position(), "the position is neither read nor moved");
    }
}
