package org.winsock4j.ffm;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import org.winsock4j.internal.SlotPool;

/**
 * Native memory that heap data passes through on its way to a send or from a recv that may
 * block (those cannot take the Java array in place: see {@link Ws2_32} on critical). The same
 * policy as the JNA backend's scratch memory, for the same reasons: {@link #CHUNK} bytes per
 * call, buffers kept in a {@link SlotPool} so a call allocates nothing once the pool has filled;
 * a call that finds every pooled buffer in use gets {@code null} and uses memory of its own for
 * that call.
 */
final class Scratch {
    /** The native memory a call passes to ws2_32. */
    final MemorySegment segment;
    /** {@link #segment}'s address, for the data handles' address arguments. */
    final long address;
    /**
     * A direct view of {@link #segment}, made once: copies between it and Java arrays or heap
     * buffers (absolute bulk put/get) allocate nothing, without relying on escape analysis.
     */
    final ByteBuffer view;

    private Scratch(MemorySegment segment) {
        this.segment = segment;
        this.address = segment.address();
        this.view = segment.asByteBuffer();
    }

    /** Memory of its own for one call, when every pooled buffer is in use; freed with {@code arena}. */
    static Scratch own(Arena arena, int len) {
        return new Scratch(arena.allocate(Math.max(1, Math.min(len, CHUNK)), 16));
    }

    /**
     * Bytes per native call for heap data: 256 KiB, as the JNA backend, whose javadoc and
     * benchmarks/results/DATA-PATH.md (SendChunkBench) say why.
     */
    static final int CHUNK = 256 * 1024;

    /** Pooled buffers live as long as the JVM: at most {@link SlotPool#SLOTS} of them. */
    private static final SlotPool<Scratch> POOL =
            new SlotPool<>(() -> new Scratch(Arena.global().allocate(CHUNK, 16)));

    /**
     * A pooled buffer of {@link #CHUNK} bytes, or {@code null} when every pooled buffer is in
     * use. Give it back with {@link #give}.
     */
    static Scratch take() {
        return POOL.take();
    }

    /** Back to the pool. */
    static void give(Scratch pooled) {
        POOL.give(pooled);
    }
}
