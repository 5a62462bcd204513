package org.winsock4j.jna;

import com.sun.jna.Memory;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Native memory that heap data (a {@code byte[]} slice, a heap {@link ByteBuffer}) passes
 * through on its way to send or from recv: only the bytes of the call are copied, never the
 * whole array (JNA's direct mapping of a {@code byte[]} copies the whole array in and out on
 * every call: 50-60 ms for a 64 MiB array).
 *
 * <p>Buffers of {@link #CHUNK} bytes are kept in a small lock-free pool: a call takes one, uses
 * it for the duration of the native call and gives it back, so a call allocates nothing once
 * the pool has filled. The pool is not per thread: with blocking calls on virtual threads a
 * ThreadLocal would hold one native buffer per virtual thread, alive as long as the thread; here
 * the buffers in use are bounded by the calls in progress, and those kept by {@link #SLOTS}.
 * When more calls are in progress than there are pooled buffers (a thread blocked in recv holds
 * its buffer until recv returns), a call allocates a buffer of its own, sized to its length, and
 * frees it when it returns.
 */
final class Scratch {
    /**
     * Bytes per native call for heap data: a recv reads at most one chunk (recv may return fewer
     * bytes than asked anyway), a larger send goes out chunk by chunk. 256 KiB, from a
     * measurement under Wine (benchmarks/results/DATA-PATH.md, SendChunkBench), where every
     * send is a wineserver round trip: a 1 MiB send took 2.84 ms in 16 KiB chunks, 1.33 ms in
     * 64 KiB chunks (the size the JDK's old Windows socket streams used), 0.80 ms in 256 KiB
     * chunks (0.73 ms through this backend) and 0.77 ms in 1 MiB chunks, against 0.63 ms for one
     * send from a direct buffer; a 64 KiB send cost the same with any chunk of at least 64 KiB.
     * 256 KiB takes most of the gain for a quarter of the native memory per pooled buffer that
     * 1 MiB would hold.
     */
    static final int CHUNK = 256 * 1024;

    /**
     * Pooled buffers: as many as processors (at least two), as many calls as can run at once
     * without waiting for a CPU. Calls beyond that (threads blocked in recv) use buffers of
     * their own.
     */
    static final int SLOTS = Math.max(2, Runtime.getRuntime().availableProcessors());

    private static final AtomicReferenceArray<Scratch> POOL = new AtomicReferenceArray<>(SLOTS);
    /** Pooled buffers in existence, in the pool or in use: never more than {@link #SLOTS}. */
    private static final AtomicInteger POOLED = new AtomicInteger();

    /** The native memory; kept reachable by this object while a call uses it. */
    final Memory memory;
    /** A direct view of {@link #memory}, for copies in Java (no JNI call, no allocation). */
    final ByteBuffer view;
    private final boolean pooled;

    private Scratch(int size, boolean pooled) {
        this.memory = new Memory(size);
        this.view = memory.getByteBuffer(0, size);
        this.pooled = pooled;
    }

    /**
     * A buffer of at least {@code len} bytes (at most {@link #CHUNK} are ever used): from the
     * pool, or of its own when the pool is empty. Give it back with {@link #release}.
     */
    static Scratch take(int len) {
        int start = start();
        for (int i = 0; i < SLOTS; i++) {
            int slot = (start + i) % SLOTS;
            Scratch s = POOL.get(slot);
            if (s != null && POOL.compareAndSet(slot, s, null)) {
                return s;
            }
        }
        // Every pooled buffer is in use: a new pooled one while there are fewer than SLOTS,
        // else one sized to this call alone.
        for (int n = POOLED.get(); n < SLOTS; n = POOLED.get()) {
            if (POOLED.compareAndSet(n, n + 1)) {
                return new Scratch(CHUNK, true);
            }
        }
        return new Scratch(Math.max(1, Math.min(len, CHUNK)), false);
    }

    /** Back to the pool; a buffer of its own, or one the full pool has no slot for, is freed now. */
    void release() {
        if (pooled) {
            int start = start();
            for (int i = 0; i < SLOTS; i++) {
                if (POOL.compareAndSet((start + i) % SLOTS, null, this)) {
                    return;
                }
            }
            // Only if racing calls moved every free slot behind this scan (there is always one).
            POOLED.decrementAndGet();
        }
        memory.close();
    }

    /** Spreads threads over the slots, so that concurrent calls rarely compete for one slot. */
    private static int start() {
        return (int) (Thread.currentThread().getId() % SLOTS);
    }
}
