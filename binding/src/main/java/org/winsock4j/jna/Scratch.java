package org.winsock4j.jna;

import com.sun.jna.Memory;
import java.nio.ByteBuffer;
import org.winsock4j.internal.SlotPool;

/**
 * Native memory that heap data (a {@code byte[]} slice, a heap {@link ByteBuffer}) passes
 * through on its way to send or from recv: only the bytes of the call are copied, never the
 * whole array (JNA's direct mapping of a {@code byte[]} copies the whole array in and out on
 * every call: 50-60 ms for a 64 MiB array).
 *
 * <p>Buffers of {@link #CHUNK} bytes are kept in a {@link SlotPool} (shared with the FFM backend's
 * policy; its javadoc says why not per thread). When every pooled buffer is in use, a call
 * allocates a buffer of its own, sized to its length, and frees it when it returns.
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

    private static final SlotPool<Scratch> POOL = new SlotPool<>(() -> new Scratch(CHUNK, true));

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
     * pool, or of its own when every pooled one is in use. Give it back with {@link #release}.
     */
    static Scratch take(int len) {
        Scratch s = POOL.take();
        return s != null ? s : new Scratch(Math.max(1, Math.min(len, CHUNK)), false);
    }

    /** Back to the pool; a buffer of its own is freed now. */
    void release() {
        if (pooled) {
            POOL.give(this);
        } else {
            memory.close();
        }
    }
}
