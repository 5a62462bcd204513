package org.winsock4j.jna;

import com.sun.jna.Memory;
import java.nio.ByteBuffer;
import org.winsock4j.internal.ScratchSource;

/**
 * Native memory that heap data (a {@code byte[]} slice, a heap {@link ByteBuffer}) passes
 * through on its way to send or from recv: only the bytes of the call are copied, never the
 * whole array (JNA's direct mapping of a {@code byte[]} copies the whole array in and out on
 * every call: 50-60 ms for a 64 MiB array).
 *
 * <p>Buffers come from a {@link ScratchSource} (shared with the FFM backend's policy; its javadoc
 * says whose buffer a call gets): a platform thread reuses its own, a virtual thread a pooled
 * one, so a warm call allocates nothing however many threads are blocked in heap calls.
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
     * 256 KiB takes most of the gain for a quarter of the native memory per buffer that 1 MiB
     * would hold.
     */
    static final int CHUNK = 256 * 1024;

    private static final ScratchSource<Scratch> SOURCE = new ScratchSource<>(CHUNK, Scratch::new, s -> s.size);

    /** The native memory; kept reachable by this object while a call uses it, freed by JNA's cleaner. */
    final Memory memory;
    /** A direct view of {@link #memory}, for copies in Java (no JNI call, no allocation). */
    final ByteBuffer view;
    private final int size;

    private Scratch(int size) {
        this.memory = new Memory(size);
        this.view = memory.getByteBuffer(0, size);
        this.size = size;
    }

    /**
     * A buffer for a call of {@code len} bytes: at least {@code min(len, CHUNK)} bytes. Give it
     * back with {@link #release} when the native call has returned.
     */
    static Scratch take(int len) {
        return SOURCE.take(len);
    }

    /** Back to this thread, or to the pool. */
    void release() {
        SOURCE.give(this);
    }
}
