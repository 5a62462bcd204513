package org.winsock4j.jna;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.lang.ref.WeakReference;
import java.nio.ByteBuffer;

/**
 * The address of a direct buffer's position, as a {@link Pointer} for one native call, without
 * allocating: {@code Native.getDirectBufferPointer(b).share(position)} makes two Pointer objects
 * per call (24-50 bytes a call measured). Each thread reuses one Pointer whose address is set
 * before each call ({@link Pointer#nativeValue(Pointer, long)}), and remembers the base addresses
 * of the last {@value #REMEMBERED} direct buffers it saw (weakly, so a remembered buffer can still
 * be collected; several, because a thread often alternates between a send and a receive buffer):
 * a buffer's memory never moves, and a slice or duplicate is another object with its own base.
 *
 * <p>The Pointer is only valid until the thread's next call here: the port passes it straight to
 * the native call and keeps it nowhere.
 */
final class DirectAddress {
    /** How many buffers a thread remembers; the oldest is forgotten first. */
    static final int REMEMBERED = 4;

    private static final ThreadLocal<DirectAddress> OF_THREAD = ThreadLocal.withInitial(DirectAddress::new);

    private final Pointer at = new Pointer(0);
    @SuppressWarnings("unchecked")
    private final WeakReference<ByteBuffer>[] buffers = new WeakReference[REMEMBERED];
    private final long[] bases = new long[REMEMBERED];
    private int next;

    private DirectAddress() {
    }

    /**
     * The address of {@code direct}'s position, in this thread's reusable Pointer.
     *
     * @param direct a direct buffer
     * @return this thread's Pointer, now at the buffer's position
     */
    static Pointer at(ByteBuffer direct) {
        return OF_THREAD.get().point(direct);
    }

    private Pointer point(ByteBuffer direct) {
        Pointer.nativeValue(at, base(direct) + direct.position());
        return at;
    }

    private long base(ByteBuffer direct) {
        for (int i = 0; i < REMEMBERED; i++) {
            WeakReference<ByteBuffer> b = buffers[i];
            if (b != null && b.get() == direct) {
                return bases[i];
            }
        }
        long base = Pointer.nativeValue(Native.getDirectBufferPointer(direct));
        buffers[next] = new WeakReference<>(direct);
        bases[next] = base;
        next = (next + 1) % REMEMBERED;
        return base;
    }
}
