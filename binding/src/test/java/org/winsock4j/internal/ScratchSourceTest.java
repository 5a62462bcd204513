package org.winsock4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Whose scratch buffer a call gets (issue 22 item 8): a platform thread reuses its own, however
 * many other threads hold theirs (a thread blocked in recv); virtual threads share a pool that
 * grows to the calls in progress at once. Buffers are counted as the backends make them.
 */
class ScratchSourceTest {
    static final int CHUNK = 256 * 1024;

    /** A scratch buffer of {@code size} bytes. */
    record Buffer(int size) {}

    private final AtomicInteger made = new AtomicInteger();
    private final ScratchSource<Buffer> source = new ScratchSource<>(CHUNK, size -> {
        made.incrementAndGet();
        return new Buffer(size);
    }, Buffer::size);

    /** Runs {@code call} on a new platform thread (its own buffer starts empty) and returns its result. */
    private static <V> V onNewPlatformThread(Callable<V> call) throws Exception {
        ExecutorService one = Executors.newSingleThreadExecutor();
        try {
            return one.submit(call).get(30, TimeUnit.SECONDS);
        } finally {
            one.shutdownNow();
        }
    }

    @Test
    void aPlatformThreadReusesItsOwnBufferSizedToItsLargestCall() throws Exception {
        onNewPlatformThread(() -> {
            Buffer first = source.take(10);
            assertEquals(ScratchSource.SMALLEST, first.size(), "at least SMALLEST bytes");
            source.give(first);
            Buffer again = source.take(100);
            assertSame(first, again, "the same buffer, nothing made");
            source.give(again);
            Buffer bigger = source.take(5000);
            assertEquals(8192, bigger.size(), "grown to the next power of two");
            source.give(bigger);
            Buffer huge = source.take(10 * CHUNK);
            assertEquals(CHUNK, huge.size(), "never more than a chunk");
            source.give(huge);
            assertSame(huge, source.take(10), "kept at its largest");
            return null;
        });
        assertEquals(3, made.get(), "made once, then grown twice");
    }

    /**
     * Issue 22 item 8: threads blocked in heap recv each hold a buffer for their whole wait; a
     * thread making heap calls meanwhile takes and gives back its own, making nothing. Before,
     * with SlotPool.SLOTS holders, every further call made a buffer of its own.
     */
    @Test
    void callsMakeNothingWhileOtherThreadsHoldBuffers() throws Exception {
        int blocked = 4 * SlotPool.SLOTS;
        CountDownLatch holding = new CountDownLatch(blocked);
        CountDownLatch release = new CountDownLatch(1);
        List<Thread> holders = new ArrayList<>();
        for (int i = 0; i < blocked; i++) {
            Thread t = new Thread(() -> {
                Buffer b = source.take(8192);
                holding.countDown();
                try {
                    release.await(); // as in a blocked recv
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                source.give(b);
            });
            t.setDaemon(true);
            t.start();
            holders.add(t);
        }
        assertTrue(holding.await(30, TimeUnit.SECONDS));
        int before = onNewPlatformThread(() -> {
            source.give(source.take(1024)); // warm: this thread's own buffer
            int warm = made.get();
            for (int i = 0; i < 10_000; i++) {
                Buffer b = source.take(i % 2 == 0 ? 1024 : 65536);
                source.give(b);
            }
            return warm;
        });
        // The 64 KiB calls grew the measuring thread's buffer once; nothing else was made.
        assertEquals(before + 1, made.get(), "buffers made while " + blocked + " threads held theirs");
        release.countDown();
        for (Thread t : holders) {
            t.join(10_000);
        }
    }

    @Test
    void aSecondCallOfOneThreadWhileItsFirstHoldsTheBufferGetsAnother() throws Exception {
        onNewPlatformThread(() -> {
            Buffer outer = source.take(10);
            Buffer inner = source.take(10);
            assertNotSame(outer, inner, "never one buffer in two calls at once");
            source.give(inner);
            source.give(outer);
            assertSame(outer, source.take(10), "the thread's own again");
            return null;
        });
    }

    /** Executors.newVirtualThreadPerTaskExecutor(), through reflection: the sources are Java 17. */
    private static ExecutorService virtualThreads() {
        try {
            return (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("this test needs Java 21+ (virtual threads); it runs on " + Runtime.version(), e);
        }
    }

    /**
     * Virtual threads take full chunks from the shared pool, which grows to the calls that held
     * one at once and then makes nothing: 1000 virtual threads, 10 calls each, make at most as
     * many buffers as there were calls in progress together, never one per virtual thread.
     */
    @Test
    void virtualThreadsShareAPoolThatGrowsToTheCallsInProgress() throws Exception {
        AtomicInteger inProgress = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        ExecutorService virtual = virtualThreads();
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 1000; t++) {
                done.add(virtual.submit(() -> {
                    for (int i = 0; i < 10; i++) {
                        // Counted in before the take and out after the give: the peak is at
                        // least the buffers held at once.
                        most.accumulateAndGet(inProgress.incrementAndGet(), Math::max);
                        Buffer b = source.take(100);
                        assertEquals(CHUNK, b.size(), "a pooled chunk");
                        source.give(b);
                        inProgress.decrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
            assertTrue(made.get() <= most.get(), made.get() + " buffers made for at most " + most.get() + " calls at once");
            int afterwards = made.get();
            virtual.submit(() -> source.give(source.take(100))).get(30, TimeUnit.SECONDS);
            assertEquals(afterwards, made.get(), "a later virtual thread reuses a pooled buffer");
        } finally {
            virtual.shutdownNow();
        }
    }
}
