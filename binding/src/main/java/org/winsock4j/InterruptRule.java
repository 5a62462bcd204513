package org.winsock4j;

/**
 * What {@link Thread#interrupt()} does to a thread blocked in a call on a blocking
 * {@link WinSocket} (recv, send, recvFrom, sendTo, accept, and connect without a time limit): the
 * rule of {@link java.nio.channels.InterruptibleChannel}, or the rule of {@link java.net.Socket}.
 * {@link WinSocket#setInterruptRule} chooses it per socket; a new socket follows {@link #CHANNEL}.
 * Waits that an interrupt ends without closing anything are the same under both rules:
 * {@link WinSocket#connect(java.net.InetSocketAddress, java.time.Duration)} ends with
 * {@link java.io.InterruptedIOException}, {@link WinSocket#poll} and {@link PollSet} return early.
 */
public enum InterruptRule {
    /**
     * {@link java.nio.channels.InterruptibleChannel}'s rule: any thread's interrupt closes the
     * socket and its call ends with {@link java.nio.channels.ClosedByInterruptException}
     * (the class comment of {@link WinSocket}, "Interrupts").
     */
    CHANNEL,
    /**
     * {@link java.net.Socket}'s rule: a virtual thread's interrupt closes the socket as
     * {@link #CHANNEL} does; a platform thread's ends none of the calls above: it goes on until it
     * completes, fails, or a close from another thread ends it, and its interrupt status stays
     * set. This lets a platform thread make one blocking native call where the JDK's socket makes
     * one, with no wait for readiness before it.
     */
    SOCKET
}
