package org.winsock4j.jna;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.nio.ByteBuffer;
import org.winsock4j.internal.DirectBases;

/**
 * The address of a direct buffer's position, as a {@link Pointer} for one native call, without
 * allocating: {@code Native.getDirectBufferPointer(b).share(position)} makes two Pointer objects
 * per call (24-50 bytes a call measured). Each thread reuses one Pointer whose address is set
 * before each call ({@link Pointer#nativeValue(Pointer, long)}), from the base addresses its
 * {@link DirectBases} remembers.
 *
 * <p>The Pointer is only valid until the thread's next call here: the port passes it straight to
 * the native call and keeps it nowhere.
 */
final class DirectAddress {
    private static final ThreadLocal<DirectAddress> OF_THREAD = ThreadLocal.withInitial(DirectAddress::new);

    private final Pointer at = new Pointer(0);
    private final DirectBases bases = new DirectBases(b -> Pointer.nativeValue(Native.getDirectBufferPointer(b)));

    private DirectAddress() {
    }

    /**
     * The address of {@code direct}'s position, in this thread's reusable Pointer.
     *
     * @param direct a direct buffer
     * @return this thread's Pointer, now at the buffer's position
     */
    static Pointer at(ByteBuffer direct) {
        DirectAddress d = OF_THREAD.get();
        Pointer.nativeValue(d.at, d.bases.positionAddress(direct));
        return d.at;
    }
}
