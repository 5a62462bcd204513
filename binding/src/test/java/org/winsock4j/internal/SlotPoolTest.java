package org.winsock4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
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

/** The backends' scratch-buffer pool: at most SLOTS objects, reused, none in two calls at once. */
class SlotPoolTest {
    @Test
    void makesAtMostSlotsObjectsThenNullAndReusesWhatIsGivenBack() {
        AtomicInteger made = new AtomicInteger();
        SlotPool<Object> pool = new SlotPool<>(() -> {
            made.incrementAndGet();
            return new Object();
        });
        List<Object> taken = new ArrayList<>();
        for (int i = 0; i < SlotPool.SLOTS; i++) {
            taken.add(pool.take());
        }
        assertEquals(SlotPool.SLOTS, new HashSet<>(taken).size());
        assertNull(pool.take(), "every pooled object is in use");
        Object back = taken.remove(0);
        pool.give(back);
        assertSame(back, pool.take(), "the free one, nothing made");
        taken.forEach(pool::give);
        for (int i = 0; i < SlotPool.SLOTS - 1; i++) {
            assertNotNull(pool.take());
        }
        assertEquals(SlotPool.SLOTS, made.get());
    }

    @Test
    void concurrentCallsNeverShareAnObjectAndNeverMakeMoreThanSlots() throws Exception {
        AtomicInteger made = new AtomicInteger();
        SlotPool<Object> pool = new SlotPool<>(() -> {
            made.incrementAndGet();
            return new Object();
        });
        Set<Object> inUse = ConcurrentHashMap.newKeySet();
        AtomicInteger shared = new AtomicInteger();
        AtomicInteger ownUse = new AtomicInteger();
        int threads = 4 * SlotPool.SLOTS;
        CountDownLatch done = new CountDownLatch(threads);
        for (int t = 0; t < threads; t++) {
            Thread th = new Thread(() -> {
                for (int i = 0; i < 20_000; i++) {
                    Object o = pool.take();
                    if (o == null) {
                        ownUse.incrementAndGet();
                        continue;
                    }
                    if (!inUse.add(o)) {
                        shared.incrementAndGet();
                    }
                    inUse.remove(o);
                    pool.give(o);
                }
                done.countDown();
            });
            th.setDaemon(true);
            th.start();
        }
        assertTrue(done.await(60, TimeUnit.SECONDS), "the pool's callers finished");
        assertEquals(0, shared.get(), "an object was handed to two calls at once");
        assertTrue(made.get() <= SlotPool.SLOTS, made.get() + " objects made");
    }
}
