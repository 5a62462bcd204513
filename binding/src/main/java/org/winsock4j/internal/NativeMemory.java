package org.winsock4j.internal;

import java.nio.ByteBuffer;

/**
 * Native memory a backend allocated for the buffer layer ({@link NativeWinsock#allocate},
 * {@link NativeWinsock#allocateForCall}): its address, which a data call passes to ws2_32, and a
 * direct view of it, through which Java copies heap data in and out (absolute bulk puts and gets
 * on a view made once allocate nothing). The object keeps the memory allocated: scratch memory
 * lives as long as it, memory of one call is freed by {@link #free}.
 */
public final class NativeMemory {
    /** The address of the first byte. */
    public final long address;
    /** A direct view of the memory, index 0 at {@link #address}. */
    public final ByteBuffer view;
    /** What holds the memory: a JNA Memory, an FFM arena; its close() frees it now. */
    private final AutoCloseable owner;

    /**
     * Memory a backend allocated.
     *
     * @param address the address of its first byte
     * @param view a direct view of it, index 0 at {@code address}
     * @param owner what keeps it allocated, and frees it when closed
     */
    public NativeMemory(long address, ByteBuffer view, AutoCloseable owner) {
        this.address = address;
        this.view = view;
        this.owner = owner;
    }

    /**
     * How many bytes the memory has.
     *
     * @return the view's capacity
     */
    public int size() {
        return view.capacity();
    }

    /** Frees memory of one call ({@link NativeWinsock#allocateForCall}) now; the object is not used again. */
    public void free() {
        try {
            owner.close();
        } catch (Exception e) {
            throw new IllegalStateException("freeing native memory failed", e);
        }
    }
}
