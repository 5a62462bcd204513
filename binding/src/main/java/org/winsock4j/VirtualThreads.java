package org.winsock4j;

import org.winsock4j.internal.CurrentThread;

/**
 * Whether the calling thread is a virtual thread, which the safe layer parks instead of blocking
 * ({@link CurrentThread}, on the Java 17 bytecode the library is built for; the parking is
 * {@link Await}'s).
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
}
