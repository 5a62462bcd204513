package org.winsock4j.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Whether the calling thread is virtual, on the Java 17 bytecode the library is built for:
 * through a method handle to {@code Thread.isVirtual()} where the JVM has it (Java 21 and later),
 * else never (there are no virtual threads before 21). The safe layer parks virtual threads
 * instead of blocking them; the buffer layer gives them pooled scratch memory instead of memory of
 * their own ({@link ScratchSource}).
 */
public final class CurrentThread {
    private CurrentThread() {}

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
    public static boolean isVirtual() {
        if (IS_VIRTUAL == null) {
            return false;
        }
        try {
            return (boolean) IS_VIRTUAL.invokeExact(Thread.currentThread());
        } catch (Throwable e) {
            throw new IllegalStateException("Thread.isVirtual failed", e);
        }
    }
}
