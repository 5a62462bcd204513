package org.winsock4j.testing;

import java.util.concurrent.CompletableFuture;

/** Runs a call that may block on a daemon thread of its own and records how it ended. */
public final class OnOwnThread {
    private OnOwnThread() {}

    /** The call's result or what it threw, and whether its thread was still interrupted. */
    public record Ending(Object result, boolean interruptStatus) {}

    /** A call that may throw anything. */
    public interface Call {
        Object run() throws Exception;
    }

    /** Starts {@code call}; {@code ending} completes when it returns or throws. */
    public static Thread start(String name, Call call, CompletableFuture<Ending> ending) {
        Thread t = new Thread(() -> {
            Object result;
            try {
                result = call.run();
            } catch (Throwable e) {
                result = e;
            }
            ending.complete(new Ending(result, Thread.currentThread().isInterrupted()));
        }, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Starts {@code call}; returns how it will end. */
    public static CompletableFuture<Ending> start(String name, Call call) {
        CompletableFuture<Ending> ending = new CompletableFuture<>();
        start(name, call, ending);
        return ending;
    }
}
