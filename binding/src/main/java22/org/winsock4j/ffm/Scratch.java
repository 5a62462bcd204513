package org.winsock4j.ffm;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Native memory that heap data passes through on its way to a send or from a recv that may
 * block (those cannot take the Java array in place: see {@link Ws2_32} on critical). The same
 * policy as the JNA backend's scratch memory, for the same reasons: {@link #CHUNK} bytes per
 * call, a small lock-free pool of buffers so a call allocates nothing once the pool has filled,
 * not per thread (a ThreadLocal would hold a buffer per virtual thread); a call that finds every
 * pooled buffer in use gets {@code null} and uses memory of its own for that call.
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

    /** Pooled buffers: as many as processors, at least two. */
    static final int SLOTS = Math.max(2, Runtime.getRuntime().availableProcessors());

    private static final AtomicReferenceArray<Scratch> POOL = new AtomicReferenceArray<>(SLOTS);
    private static final AtomicInteger POOLED = new AtomicInteger();

    /**
     * A pooled buffer of {@link #CHUNK} bytes, new while fewer than {@link #SLOTS} exist, or
     * {@code null} when every pooled buffer is in use. Give it back with {@link #give}.
     */
    static Scratch take() {
        int start = start();
        for (int i = 0; i < SLOTS; i++) {
            int slot = (start + i) % SLOTS;
            Scratch s = POOL.get(slot);
            if (s != null && POOL.compareAndSet(slot, s, null)) {
                return s;
            }
        }
        for (int n = POOLED.get(); n < SLOTS; n = POOLED.get()) {
            if (POOLED.compareAndSet(n, n + 1)) {
                // Pooled buffers live as long as the JVM: at most SLOTS of them.
                return new Scratch(Arena.global().allocate(CHUNK, 16));
            }
        }
        return null;
    }

    /** Back to the pool (there is always a free slot for a pooled buffer). */
    static void give(Scratch pooled) {
        int start = start();
        for (;;) {
            for (int i = 0; i < SLOTS; i++) {
                if (POOL.compareAndSet((start + i) % SLOTS, null, pooled)) {
                    return;
                }
            }
        }
    }

    private static int start() {
        return (int) (Thread.currentThread().threadId() % SLOTS);
    }
}
