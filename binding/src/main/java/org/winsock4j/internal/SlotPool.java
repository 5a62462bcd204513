package org.winsock4j.internal;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Supplier;

/**
 * A small lock-free pool of objects made on demand: the native scratch buffers that virtual
 * threads' heap data passes through ({@link ScratchSource}). A call takes one, uses it for the
 * duration of the native call and gives it back. The pool grows to the most calls that were ever
 * in progress at once and never shrinks, so once it has grown no call allocates, however many
 * hold one: a virtual thread holds one only inside its native call, which pins its carrier, so
 * the calls in progress at once are at most the carriers, unless raw port calls block in them.
 * Not per thread: a ThreadLocal would keep a native buffer alive for each of what may be a
 * million virtual threads.
 *
 * @param <T> what is pooled
 */
public final class SlotPool<T> {
    /**
     * Slots per segment of the pool: as many as processors (at least two), as many calls as can
     * run at once without waiting for a CPU; a pool with more objects than that has more segments.
     */
    public static final int SLOTS = Math.max(2, Runtime.getRuntime().availableProcessors());

    /** Free objects, in segments of {@link #SLOTS} slots; replaced by a longer array when full. */
    private volatile AtomicReferenceArray<T>[] segments = segments(1);
    /**
     * How many objects are in the slots and not yet claimed: a take claims one here before it
     * looks for it, a give counts its object once it is in a slot. Never more than the objects in
     * the slots, so a claim always finds one.
     */
    private final AtomicInteger free = new AtomicInteger();
    private final Supplier<? extends T> factory;

    /**
     * An empty pool.
     *
     * @param factory makes a pooled object; pooled objects live as long as the pool
     */
    public SlotPool(Supplier<? extends T> factory) {
        this.factory = factory;
    }

    @SuppressWarnings({"unchecked", "rawtypes"}) // no generic array creation in Java
    private static <T> AtomicReferenceArray<T>[] segments(int n) {
        AtomicReferenceArray<T>[] s = new AtomicReferenceArray[n];
        for (int i = 0; i < n; i++) {
            s[i] = new AtomicReferenceArray<>(SLOTS);
        }
        return s;
    }

    /**
     * A pooled object: a free one, else a new one (the pool grows by it when it is given back).
     * Give it back with {@link #give}. A new one is made only when no object is free, counted by
     * {@link #free}: scanning the slots alone missed an object given back into a slot the scan
     * had passed, and the pool then made more objects than were ever in use at once.
     *
     * @return the object, never null
     */
    public T take() {
        for (;;) {
            int f = free.get();
            if (f == 0) {
                return factory.get();
            }
            if (free.compareAndSet(f, f - 1)) {
                break; // one of the objects in the slots is this call's: find it
            }
        }
        int start = start();
        for (;;) {
            for (AtomicReferenceArray<T> segment : segments) {
                for (int i = 0; i < SLOTS; i++) {
                    int slot = (start + i) % SLOTS;
                    T t = segment.get(slot);
                    if (t != null && segment.compareAndSet(slot, t, null)) {
                        return t;
                    }
                }
            }
            // Another call took the object ahead of this scan and a give put one behind it.
            Thread.onSpinWait();
        }
    }

    /**
     * Back to the pool: into a free slot, or into a segment added for it when every slot is
     * full (the pool then holds one more object than it ever did).
     *
     * @param pooled an object {@link #take} returned
     */
    public void give(T pooled) {
        int start = start();
        for (;;) {
            AtomicReferenceArray<T>[] seen = segments;
            for (AtomicReferenceArray<T> segment : seen) {
                for (int i = 0; i < SLOTS; i++) {
                    if (segment.compareAndSet((start + i) % SLOTS, null, pooled)) {
                        free.incrementAndGet(); // counted once it is in its slot
                        return;
                    }
                }
            }
            grow(seen);
        }
    }

    /** One segment more, unless another give has already replaced {@code seen}. */
    private synchronized void grow(AtomicReferenceArray<T>[] seen) {
        if (segments != seen) {
            return;
        }
        AtomicReferenceArray<T>[] longer = java.util.Arrays.copyOf(seen, seen.length + 1);
        longer[seen.length] = new AtomicReferenceArray<>(SLOTS);
        segments = longer;
    }

    /** Spreads threads over the slots, so that concurrent calls rarely compete for one slot. */
    @SuppressWarnings("deprecation") // Thread.threadId() is Java 19+; the library is Java 17
    private static int start() {
        return (int) (Thread.currentThread().getId() % SLOTS);
    }
}
