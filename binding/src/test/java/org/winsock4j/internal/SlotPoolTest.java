package org.winsock4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The virtual threads' scratch-buffer pool: reused, none in two calls at once, grown to the calls
 * that held one at once and never more (issue 22 item 8: it used to stop at SLOTS and leave the
 * rest to allocate).
 */
class SlotPoolTest {
    @Test
    void growsToTheObjectsInUseAtOnceAndThenReusesThem() {
        AtomicInteger made = new AtomicInteger();
        SlotPool<Object> pool = new SlotPool<>(() -> {
            made.incrementAndGet();
            return new Object();
        });
        int held = 3 * SlotPool.SLOTS + 1;
        List<Object> taken = new ArrayList<>();
        for (int i = 0; i < held; i++) {
            taken.add(pool.take());
        }
        assertEquals(held, new HashSet<>(taken).size(), "every call in progress has its own");
        Object back = taken.remove(0);
        pool.give(back);
        assertSame(back, pool.take(), "the free one, nothing made");
        taken.add(back);
        taken.forEach(pool::give);
        Set<Object> again = new HashSet<>();
        for (int i = 0; i < held; i++) {
            again.add(pool.take());
        }
        assertEquals(new HashSet<>(taken), again, "the same objects, all pooled");
        assertEquals(held, made.get(), "made only while more were in use than ever before");
    }

    @Test
    void concurrentCallsNeverShareAnObjectAndMakeNoMoreThanWereInUse() throws Exception {
        AtomicInteger made = new AtomicInteger();
        SlotPool<Object> pool = new SlotPool<>(() -> {
            made.incrementAndGet();
            return new Object();
        });
        Set<Object> inUse = ConcurrentHashMap.newKeySet();
        AtomicInteger shared = new AtomicInteger();
        AtomicInteger inProgress = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        // Many more callers than slots, each yielding while it holds its object: long scans over
        // many segments, with gives landing behind them (the race a slot scan alone lost).
        int threads = 32 * SlotPool.SLOTS;
        CountDownLatch done = new CountDownLatch(threads);
        for (int t = 0; t < threads; t++) {
            Thread th = new Thread(() -> {
                for (int i = 0; i < 5_000; i++) {
                    most.accumulateAndGet(inProgress.incrementAndGet(), Math::max);
                    Object o = pool.take();
                    assertNotNull(o);
                    if (!inUse.add(o)) {
                        shared.incrementAndGet();
                    }
                    Thread.yield();
                    inUse.remove(o);
                    pool.give(o);
                    inProgress.decrementAndGet();
                }
                done.countDown();
            });
            th.setDaemon(true);
            th.start();
        }
        assertTrue(done.await(60, TimeUnit.SECONDS), "the pool's callers finished");
        assertEquals(0, shared.get(), "an object was handed to two calls at once");
        assertTrue(made.get() <= most.get(), made.get() + " objects made for at most " + most.get() + " in use at once");
    }
}
