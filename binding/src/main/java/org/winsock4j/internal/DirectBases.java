package org.winsock4j.internal;

import java.lang.ref.WeakReference;
import java.nio.ByteBuffer;
import java.util.function.ToLongFunction;

/**
 * The native base addresses of the last {@value #REMEMBERED} direct buffers one thread passed to
 * a backend, so that passing a direct buffer by address costs no allocation: asking JNA or
 * the FFM API for a buffer's address makes an object per call (JNA: two Pointers, 24-50 bytes;
 * FFM: a MemorySegment, 72 bytes, measured under Wine). A buffer's memory never moves, and a
 * slice or duplicate is another object with its own base. Buffers are remembered weakly, so a
 * remembered buffer can still be collected; several, because a thread often alternates between a
 * send and a receive buffer.
 *
 * <p>One instance per thread (the backend keeps it in its per-thread state, {@link NativeWinsock#directBases});
 * not thread-safe.
 */
public final class DirectBases {
    /** How many buffers are remembered; the oldest is forgotten first. */
    public static final int REMEMBERED = 4;

    private final ToLongFunction<ByteBuffer> lookup;
    @SuppressWarnings("unchecked")
    private final WeakReference<ByteBuffer>[] buffers = new WeakReference[REMEMBERED];
    private final long[] bases = new long[REMEMBERED];
    private int next;

    /**
     * A cache for one thread.
     *
     * @param lookup the backend's own way to find a direct buffer's base address (its address
     *     at index 0), used once per buffer
     */
    public DirectBases(ToLongFunction<ByteBuffer> lookup) {
        this.lookup = lookup;
    }

    /**
     * The native address of the byte at {@code index} of {@code direct}.
     *
     * @param direct a direct buffer
     * @param index an index in it (the caller checked it against the buffer's limit)
     * @return its base address plus {@code index}
     */
    public long address(ByteBuffer direct, int index) {
        return base(direct) + index;
    }

    private long base(ByteBuffer direct) {
        for (int i = 0; i < REMEMBERED; i++) {
            WeakReference<ByteBuffer> b = buffers[i];
            if (b != null && b.get() == direct) {
                return bases[i];
            }
        }
        long base = lookup.applyAsLong(direct);
        buffers[next] = new WeakReference<>(direct);
        bases[next] = base;
        next = (next + 1) % REMEMBERED;
        return base;
    }
}
