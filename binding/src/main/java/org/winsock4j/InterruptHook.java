package org.winsock4j;

import java.lang.invoke.MethodHandles;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.spi.AbstractInterruptibleChannel;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The JDK's hook into {@link Thread#interrupt()} for I/O blocked outside Java, for the calls of
 * one socket that may block (docs/ARCHITECTURE.md#interrupts): while a thread is inside
 * {@link #beginCall()}...{@link #endCall()}, interrupting it calls {@link #implCloseChannel()}
 * (once per hook), in the interrupting thread (or, on newer JDKs, in the interrupted thread's
 * {@code end()} if that comes first). The interrupted thread then closes the socket itself
 * ({@link SocketCloser#closeAfterInterrupt()}), once its call has counted itself out.
 */
final class InterruptHook extends AbstractInterruptibleChannel {
    static {
        // implCloseChannel runs inside Thread.interrupt(), which for a virtual thread holds that
        // thread's interrupt lock. A class loaded there for the first time can deadlock: if the
        // interrupted virtual thread is loading the same class (SocketIo uses InterruptCancels
        // once a close woke it), its class loader checks Thread.interrupted(), which waits for
        // that lock, while Thread.interrupt() waits for the class. Seen on Java 21 under Wine
        // (VirtualThreadsWineTest.aBurstOfInterruptsOfParkedReceivesClosesEverySocket hung). So
        // what implCloseChannel uses is loaded and initialized with this class, before any hook
        // exists (InterruptHookLoadingWineTest); the port's CancelIoEx is bound with the port
        // (JnaWinsockPort.link, FfmWinsock's handles).
        try {
            MethodHandles.lookup().ensureInitialized(InterruptCancels.class);
        } catch (IllegalAccessException samePackage) {
            throw new AssertionError(samePackage);
        }
    }
    private final SocketHandle handle;
    private final SocketCloser closer;
    /**
     * The interrupt marked the socket closing (no other close was under way): the interrupted
     * thread runs the close. Written in implCloseChannel, read after {@link #close()}.
     */
    private volatile boolean closeIsTheInterruptedThreads;

    InterruptHook(SocketHandle handle, SocketCloser closer) {
        this.handle = handle;
        this.closer = closer;
    }

    /**
     * The hook for a call that acquired the socket. A hook is spent by the first interrupt it
     * sees; if the close that interrupt asked for failed (or another thread's close was already
     * running and failed), the socket is open again, and the call that finds the spent hook puts
     * a fresh one in its place. Replacing it here, not in the failed close, leaves no moment
     * when the socket is open again but its hook still spent.
     *
     * @param hooks the socket's current hook
     */
    static InterruptHook open(AtomicReference<InterruptHook> hooks) {
        InterruptHook hook = hooks.get();
        if (hook.isOpen()) {
            return hook;
        }
        InterruptHook fresh = new InterruptHook(hook.handle, hook.closer);
        return hooks.compareAndSet(hook, fresh) ? fresh : hooks.get();
    }

    void beginCall() {
        begin();
    }

    /** Ends the blocking section; true when this thread's interrupt closed the socket. */
    boolean endCall() {
        try {
            end(true);
            return false;
        } catch (ClosedByInterruptException byThisThread) {
            return true;
        } catch (AsynchronousCloseException notThrownWhenCompleted) {
            return false;
        }
    }

    /**
     * For the thread whose interrupt closed this hook ({@link #endCall()} returned true), once
     * its call has counted itself out: runs the close the interrupt asked for, unless another
     * close was under way. The hook's {@code close()} returns only once implCloseChannel has
     * run, whichever thread ran it, so the decision is known.
     */
    void closeForTheInterrupt() {
        try {
            close();
        } catch (java.io.IOException notThrown) {
            throw new AssertionError("implCloseChannel throws nothing", notThrown);
        }
        if (closeIsTheInterruptedThreads) {
            closer.closeAfterInterrupt();
        }
    }

    /**
     * Runs inside Thread.interrupt(), which must not block, while the interrupted call is
     * still counted in (so the number cannot be closed yet): marks the socket closing (no new
     * call starts, and the interrupted call knows a close is coming), wakes the calls in
     * progress once (CancelIoEx, unpark) and leaves the retries to {@link InterruptCancels}
     * (a blocked call may not have reached ws2_32 yet). The interrupted thread itself then
     * closes the socket, as soon as its call has ended: a burst of interrupts starts no
     * thread per socket (issue 22).
     */
    @Override
    protected void implCloseChannel() {
        if (handle.markClosing()) {
            closeIsTheInterruptedThreads = true;
            handle.port.cancelIoEx(handle.raw);
            handle.unparkWaiters();
            InterruptCancels.watch(handle);
        }
    }
}
