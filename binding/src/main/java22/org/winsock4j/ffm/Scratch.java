package org.winsock4j.ffm;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import org.winsock4j.internal.ScratchSource;

/**
 * Native memory that heap data passes through on its way to a send or from a recv that may
 * block (those cannot take the Java array in place: see {@link Ws2_32} on critical). The same
 * policy as the JNA backend's scratch memory, for the same reasons: {@link #CHUNK} bytes per
 * call at most, buffers from a {@link ScratchSource} (a platform thread reuses its own, a
 * virtual thread a pooled one), so a warm call allocates nothing however many threads are
 * blocked in heap calls.
 */
final class Scratch {
    /** The native memory a call passes to ws2_32, freed by the GC with this object (automatic arena). */
    final MemorySegment segment;
    /** {@link #segment}'s address, for the data handles' address arguments. */
    final long address;
    /**
     * A direct view of {@link #segment}, made once: copies between it and Java arrays or heap
     * buffers (absolute bulk put/get) allocate nothing, without relying on escape analysis.
     */
    final ByteBuffer view;

    private Scratch(int size) {
        this.segment = Arena.ofAuto().allocate(size, 16);
        this.address = segment.address();
        this.view = segment.asByteBuffer();
    }

    /**
     * Bytes per native call for heap data: 256 KiB, as the JNA backend, whose javadoc and
     * benchmarks/results/DATA-PATH.md (SendChunkBench) say why.
     */
    static final int CHUNK = 256 * 1024;

    private static final ScratchSource<Scratch> SOURCE =
            new ScratchSource<>(CHUNK, Scratch::new, s -> (int) s.segment.byteSize());

    /**
     * A buffer for a call of {@code len} bytes: at least {@code min(len, CHUNK)} bytes. Give it
     * back with {@link #give} when the native call has returned.
     */
    static Scratch take(int len) {
        return SOURCE.take(len);
    }

    /** Back to this thread, or to the pool. */
    static void give(Scratch scratch) {
        SOURCE.give(scratch);
    }
}
