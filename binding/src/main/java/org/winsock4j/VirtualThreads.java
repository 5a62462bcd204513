package org.winsock4j;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.locks.LockSupport;

/**
 * Whether a thread is virtual, on the Java 17 bytecode the library is built for: through a
 * method handle to {@code Thread.isVirtual()} where the JVM has it (Java 21 and later), else
 * never (there are no virtual threads before 21).
 */
final class VirtualThreads {
    private VirtualThreads() {}

    /** {@code Thread.isVirtual()} bound to nothing, or null before Java 21. */
    private static final MethodHandle IS_VIRTUAL = find();

    private static MethodHandle find() {
        try {
            return MethodHandles.publicLookup().findVirtual(Thread.class, "isVirtual", MethodType.methodType(boolean.class));
        } catch (NoSuchMethodException | IllegalAccessException beforeJava21) {
            return null;
        }
    }

    /**
     * Whether the calling thread is a virtual thread.
     *
     * @return true on a virtual thread (Java 21 and later)
     */
    static boolean current() {
        return IS_VIRTUAL != null && isVirtual(Thread.currentThread());
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

    private static boolean isVirtual(Thread t) {
        try {
            return (boolean) IS_VIRTUAL.invokeExact(t);
        } catch (Throwable e) {
            throw new IllegalStateException("Thread.isVirtual failed", e);
        }
    }
}
