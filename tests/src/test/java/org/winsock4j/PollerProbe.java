package org.winsock4j;

import java.time.Duration;
import java.util.List;

/**
 * The Wine tier's view of a Winsock's readiness pollers, which are package-private in the
 * library: this class shares their package on the class path. Not a test itself.
 */
public final class PollerProbe {
    private PollerProbe() {}

    /** Pollers of {@code winsock} started from now on end after {@code idle} without waiters. */
    public static void stopIdlePollersAfter(Winsock winsock, Duration idle) {
        winsock.pollers().stopIdlePollersAfter(idle);
    }

    /** The doorbell (wake-up socket) handles of {@code winsock}'s running pollers. */
    public static List<Long> doorbells(Winsock winsock) {
        return winsock.pollers().doorbells();
    }
}
