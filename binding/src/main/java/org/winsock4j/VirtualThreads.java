package org.winsock4j;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

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

    private static boolean isVirtual(Thread t) {
        try {
            return (boolean) IS_VIRTUAL.invokeExact(t);
        } catch (Throwable e) {
            throw new IllegalStateException("Thread.isVirtual failed", e);
        }
    }
}
