package org.winsock4j.internal;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Supplier;

/**
 * A small lock-free pool of at most {@link #SLOTS} objects, made on demand: the backends' native
 * scratch buffers, which heap data passes through on its way to send or from recv. A call takes
 * one, uses it for the duration of the native call and gives it back, so a call allocates nothing
 * once the pool has filled. Not per thread: with blocking calls on virtual threads a ThreadLocal
 * would hold one native buffer per virtual thread, alive as long as the thread; here the objects
 * in use are bounded by the calls in progress. When every pooled object is in use (a thread
 * blocked in recv holds its buffer until recv returns), {@link #take} returns null and the call
 * uses memory of its own.
 *
 * @param <T> what is pooled
 */
public final class SlotPool<T> {
    /**
     * Pooled objects: as many as processors (at least two), as many calls as can run at once
     * without waiting for a CPU.
     */
    public static final int SLOTS = Math.max(2, Runtime.getRuntime().availableProcessors());

    private final AtomicReferenceArray<T> slots = new AtomicReferenceArray<>(SLOTS);
    /** Pooled objects in existence, in the pool or in use: never more than {@link #SLOTS}. */
    private final AtomicInteger made = new AtomicInteger();
    private final Supplier<? extends T> factory;

    /**
     * An empty pool.
     *
     * @param factory makes a pooled object; pooled objects live as long as the pool
     */
    public SlotPool(Supplier<? extends T> factory) {
        this.factory = factory;
    }

    /**
     * A pooled object: a free one, a new one while fewer than {@link #SLOTS} exist, or null when
     * every pooled object is in use. Give it back with {@link #give}.
     *
     * @return the object, or null
     */
    public T take() {
        int start = start();
        for (int i = 0; i < SLOTS; i++) {
            int slot = (start + i) % SLOTS;
            T t = slots.get(slot);
            if (t != null && slots.compareAndSet(slot, t, null)) {
                return t;
            }
        }
        for (int n = made.get(); n < SLOTS; n = made.get()) {
            if (made.compareAndSet(n, n + 1)) {
                return factory.get();
            }
        }
        return null;
    }

    /**
     * Back to the pool. There is always a free slot for an object of this pool (at most
     * {@link #SLOTS} exist and this one is out), though racing calls may move it behind a scan;
     * so this scans until it finds one.
     *
     * @param pooled an object {@link #take} returned
     */
    public void give(T pooled) {
        int start = start();
        for (;;) {
            for (int i = 0; i < SLOTS; i++) {
                if (slots.compareAndSet((start + i) % SLOTS, null, pooled)) {
                    return;
                }
            }
        }
    }

    /** Spreads threads over the slots, so that concurrent calls rarely compete for one slot. */
    @SuppressWarnings("deprecation") // Thread.threadId() is Java 19+; the library is Java 17
    private static int start() {
        return (int) (Thread.currentThread().getId() % SLOTS);
    }
}
