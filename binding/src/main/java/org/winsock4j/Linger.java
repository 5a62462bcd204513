package org.winsock4j;

import java.time.Duration;
import java.util.Objects;

/**
 * The LINGER setting of a socket, which decides what closesocket does (closesocket remarks):
 *
 * <ul>
 *   <li>{@link #off()} (SO_DONTLINGER, the default): closesocket returns at once, queued data is
 *       sent and the connection closed gracefully in the background; the closer ends in TIME_WAIT.
 *   <li>{@link #abortive()} (on, 0 s): closesocket resets the connection (RST) at once; unsent
 *       data is lost and the peer's recv fails with WSAECONNRESET.
 *   <li>{@link #timeout(int)} (on, 1..65535 s): a blocking closesocket waits until the queued data
 *       is sent or the timeout expires (then resets); a non-blocking one fails with
 *       WSAEWOULDBLOCK if it cannot finish at once.
 * </ul>
 *
 * <p>A linger read back from a socket may be off with a non-zero {@code seconds}: turning
 * SO_DONTLINGER on keeps the timeout, so that turning it off again reinstates it.
 *
 * @param enabled the LINGER {@code l_onoff}
 * @param seconds the LINGER {@code l_linger}, 0..65535 (a u_short: never truncated, rejected)
 */
public record Linger(boolean enabled, int seconds) {
    /** The largest {@code l_linger}, 65535: the field is a u_short. */
    public static final int MAX_SECONDS = 0xffff;

    private static final Linger OFF = new Linger(false, 0);
    private static final Linger ABORTIVE = new Linger(true, 0);

    /**
     * A LINGER as given, either on or off, with any seconds in range.
     *
     * @param enabled the LINGER {@code l_onoff}
     * @param seconds the LINGER {@code l_linger}, 0..65535
     * @throws IllegalArgumentException if {@code seconds} is outside 0..65535
     */
    public Linger {
        if (seconds < 0 || seconds > MAX_SECONDS) {
            throw new IllegalArgumentException("linger seconds must be 0.." + MAX_SECONDS + " (a u_short), got " + seconds);
        }
    }

    /**
     * SO_DONTLINGER: graceful close in the background, the default.
     *
     * @return the linger that is off with zero seconds
     */
    public static Linger off() {
        return OFF;
    }

    /**
     * On with a zero timeout: hard, abortive close (RST).
     *
     * @return the linger that is on with zero seconds
     */
    public static Linger abortive() {
        return ABORTIVE;
    }

    /**
     * On with a timeout of 1..65535 seconds; 0 is {@link #abortive()}, say so explicitly.
     *
     * @param seconds how long a blocking close waits for the queued data to be sent, 1..65535
     * @return the linger that is on with {@code seconds}
     * @throws IllegalArgumentException if {@code seconds} is outside 1..65535
     */
    public static Linger timeout(int seconds) {
        if (seconds < 1 || seconds > MAX_SECONDS) {
            throw new IllegalArgumentException("linger timeout must be 1.." + MAX_SECONDS + " seconds, got " + seconds
                    + (seconds == 0 ? " (use Linger.abortive() for a zero timeout)" : ""));
        }
        return new Linger(true, seconds);
    }

    /**
     * As {@link #timeout(int)}, for a whole number of seconds.
     *
     * @param timeout how long a blocking close waits, a whole number of seconds in 1..65535
     * @return the linger that is on with the timeout's seconds
     * @throws IllegalArgumentException if {@code timeout} has a fraction of a second or is outside
     *     1..65535 seconds
     * @throws NullPointerException if {@code timeout} is null
     */
    public static Linger timeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.getNano() != 0 || timeout.getSeconds() < 1 || timeout.getSeconds() > MAX_SECONDS) {
            throw new IllegalArgumentException("linger timeout must be a whole number of seconds in 1.." + MAX_SECONDS
                    + ", got " + timeout);
        }
        return new Linger(true, (int) timeout.getSeconds());
    }

    /**
     * Lingering is off (SO_DONTLINGER): close is graceful in the background.
     *
     * @return true if {@code l_onoff} is 0, whatever the seconds
     */
    public boolean isOff() {
        return !enabled;
    }

    /**
     * On with zero seconds: close resets the connection.
     *
     * @return true if {@code l_onoff} is non-zero and {@code l_linger} is 0
     */
    public boolean isAbortive() {
        return enabled && seconds == 0;
    }

    /**
     * On with a timeout: close waits (blocking) or may fail with WSAEWOULDBLOCK (non-blocking).
     *
     * @return true if {@code l_onoff} is non-zero and {@code l_linger} is 1..65535
     */
    public boolean isTimed() {
        return enabled && seconds > 0;
    }

    @Override
    public String toString() {
        return isOff() ? "Linger[off" + (seconds != 0 ? ", kept " + seconds + " s" : "") + "]"
                : isAbortive() ? "Linger[abortive]" : "Linger[" + seconds + " s]";
    }
}
