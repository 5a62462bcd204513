package org.winsock4j;

import java.util.concurrent.locks.LockSupport;
import org.winsock4j.internal.CurrentThread;

/**
 * What the safe layer does differently on a virtual thread: whether the calling thread is one
 * ({@link CurrentThread}, on the Java 17 bytecode the library is built for), and parking it.
 */
final class VirtualThreads {
    private VirtualThreads() {}

    /**
     * Whether the calling thread is a virtual thread.
     *
     * @return true on a virtual thread (Java 21 and later)
     */
    static boolean current() {
        return CurrentThread.isVirtual();
    }

    /**
     * Parks the calling thread until it is unparked or {@code deadline} (System.nanoTime) passes;
     * {@code Long.MAX_VALUE} is no limit, parked without a timer. Returns at once when the
     * deadline has passed. Like LockSupport's, may return spuriously: callers re-check.
     *
     * @param blocker the object the thread waits for, for thread dumps
     * @param deadline when to stop waiting, or Long.MAX_VALUE
     */
    static void parkUntil(Object blocker, long deadline) {
        if (deadline == Long.MAX_VALUE) {
            LockSupport.park(blocker);
            return;
        }
        long left = deadline - System.nanoTime();
        if (left > 0) {
            LockSupport.parkNanos(blocker, left);
        }
    }
}
