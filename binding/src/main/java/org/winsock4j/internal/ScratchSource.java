package org.winsock4j.internal;

import java.util.function.IntFunction;
import java.util.function.ToIntFunction;

/**
 * Where the buffer layer's native scratch memory comes from ({@link NativeWinsockPort}, for both
 * backends), the memory heap data passes through on its way to send or from recv (a Java array
 * cannot go to a native call that may block). A call
 * takes a buffer, holds it for its native call and gives it back; once warm, no call allocates,
 * however many other threads are blocked in heap calls meanwhile (issue 22 item 8: a thread
 * blocked in recv used to hold one of a few pooled buffers for its whole wait, and with two such
 * threads every further heap call allocated a buffer of its own):
 * <ul>
 *   <li>a platform thread uses memory of its own, kept by the thread and reused by its every
 *       call: a thread blocked in recv holds only its own. It is sized to the thread's largest
 *       call so far (a power of two, at least {@value #SMALLEST} bytes, at most the buffer
 *       layer's chunk), so it grows a few times at most, and it is freed with the thread. The JDK keeps
 *       per-thread temporary direct buffers for heap I/O the same way (sun.nio.ch.Util; its
 *       size limit, {@code jdk.nio.maxCachedBufferSize}:
 *       <a href="https://bugs.openjdk.org/browse/JDK-8147468">JDK-8147468</a>).
 *   <li>a virtual thread takes a buffer of the full chunk from a {@link SlotPool} shared by all
 *       of them and gives it back after its native call: a blocking call on a virtual thread runs
 *       non-blocking underneath and parks without holding one (docs/ARCHITECTURE.md#virtual-threads),
 *       and memory per virtual thread would be kept alive for each of them.
 * </ul>
 *
 * @param <T> a scratch buffer
 */
public final class ScratchSource<T> {
    /** The least memory a platform thread's buffer has, in bytes. */
    public static final int SMALLEST = 4096;

    /** A platform thread's own buffer and whether a call of that thread is using it. */
    private static final class Own<T> {
        T buffer;
        boolean inUse;
    }

    private final int largest;
    private final IntFunction<? extends T> make;
    private final ToIntFunction<? super T> capacity;
    private final SlotPool<T> shared;
    private final ThreadLocal<Own<T>> own = ThreadLocal.withInitial(Own::new);

    /**
     * A source of a backend's buffers.
     *
     * @param largest the chunk: the most bytes a call passes through its buffer, and
     *     the size of the pooled buffers
     * @param make makes a buffer of exactly the given number of bytes
     * @param capacity the size of a buffer in bytes
     */
    public ScratchSource(int largest, IntFunction<? extends T> make, ToIntFunction<? super T> capacity) {
        this.largest = largest;
        this.make = make;
        this.capacity = capacity;
        this.shared = new SlotPool<>(() -> make.apply(largest));
    }

    /**
     * A buffer for one call of {@code len} bytes: at least {@code min(len, largest)} bytes, which
     * a call of more bytes passes through in chunks. Give it back with {@link #give} when the
     * native call has returned.
     *
     * @param len the call's length in bytes
     * @return the buffer, never null
     */
    public T take(int len) {
        if (CurrentThread.isVirtual()) {
            return shared.take();
        }
        Own<T> o = own.get();
        if (o.inUse) { // a second call of this thread while its first holds the buffer
            return shared.take();
        }
        int need = Math.max(1, Math.min(len, largest));
        if (o.buffer == null || capacity.applyAsInt(o.buffer) < need) {
            o.buffer = make.apply(sizeFor(need));
        }
        o.inUse = true;
        return o.buffer;
    }

    /**
     * Back where it came from: the calling thread's own, or the pool.
     *
     * @param buffer a buffer {@link #take} returned to this thread
     */
    public void give(T buffer) {
        if (!CurrentThread.isVirtual()) {
            Own<T> o = own.get();
            if (o.buffer == buffer && o.inUse) {
                o.inUse = false;
                return;
            }
        }
        shared.give(buffer);
    }

    /** A platform thread's buffer size for a call of {@code need} bytes. */
    private int sizeFor(int need) {
        int size = Math.max(SMALLEST, Integer.highestOneBit(need - 1) << 1);
        return Math.min(size, largest);
    }
}
