package org.winsock4j;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.winsock4j.port.Sdk;

/**
 * What WSAPoll reports for a socket. {@link #READABLE} and {@link #WRITABLE} are asked for;
 * {@link #HANG_UP}, {@link #ERROR} and {@link #INVALID} are reported whether asked or not, as
 * WSAPoll reports POLLHUP, POLLERR and POLLNVAL.
 *
 * @see <a href="https://learn.microsoft.com/en-us/windows/win32/api/winsock2/ns-winsock2-wsapollfd">WSAPOLLFD structure (winsock2.h)</a>
 */
public enum Readiness {
    /** POLLRDNORM: a recv would not block (data, the peer's FIN), or a listener has a connection to accept. */
    READABLE(Sdk.POLLRDNORM),
    /** POLLWRNORM: a send would not block, or a non-blocking connect has completed. */
    WRITABLE(Sdk.POLLWRNORM),
    /** POLLHUP: the connection was closed (the peer's FIN) or aborted (a reset). */
    HANG_UP(Sdk.POLLHUP),
    /** POLLERR: an error is pending on the socket (a reset, a failed connect). */
    ERROR(Sdk.POLLERR),
    /** POLLNVAL: the handle is not a socket; also a socket of a {@link PollSet} closed meanwhile. */
    INVALID(Sdk.POLLNVAL);

    private final int bit;

    Readiness(int bit) {
        this.bit = bit;
    }

    /**
     * The WSAPOLLFD bit this value stands for.
     *
     * @return one POLL* value of {@link Sdk}
     */
    public int bit() {
        return bit;
    }

    /** The events bits for an interest set; only READABLE and WRITABLE may be asked for. */
    static short events(Set<Readiness> interest) {
        Objects.requireNonNull(interest, "interest");
        if (interest.isEmpty()) {
            throw new IllegalArgumentException("interest must name READABLE and/or WRITABLE, got " + interest);
        }
        // The common case without an iterator (a poll allocates nothing): only READABLE and/or
        // WRITABLE in the set. Anything else takes the loop below, which says what is wrong.
        int asked = (interest.contains(READABLE) ? READABLE.bit : 0) | (interest.contains(WRITABLE) ? WRITABLE.bit : 0);
        if (asked != 0 && Integer.bitCount(asked) == interest.size()) {
            return (short) asked;
        }
        int events = 0;
        for (Readiness r : interest) {
            Objects.requireNonNull(r, "interest element");
            if (r != READABLE && r != WRITABLE) {
                throw new IllegalArgumentException("interest may only be READABLE or WRITABLE (" + r
                        + " is reported without asking), got " + interest);
            }
            events |= r.bit;
        }
        return (short) events;
    }

    /** values() without its copy per call. */
    private static final Readiness[] VALUES = values();

    /**
     * Every set of values, indexed by the values' ordinals as bits: what {@link #of} returns, so
     * that a poll allocates no set (a non-blocking java.net Socket polls before each read).
     */
    private static final List<Set<Readiness>> SETS = allSets();

    private static List<Set<Readiness>> allSets() {
        List<Set<Readiness>> sets = new ArrayList<>(1 << VALUES.length);
        for (int mask = 0; mask < 1 << VALUES.length; mask++) {
            EnumSet<Readiness> set = EnumSet.noneOf(Readiness.class);
            for (Readiness r : VALUES) {
                if ((mask & 1 << r.ordinal()) != 0) {
                    set.add(r);
                }
            }
            sets.add(Collections.unmodifiableSet(set));
        }
        return List.copyOf(sets);
    }

    /** The values of the bits set in {@code revents}: an unmodifiable set, shared. */
    static Set<Readiness> of(int revents) {
        int mask = 0;
        for (Readiness r : VALUES) {
            if ((revents & r.bit) != 0) {
                mask |= 1 << r.ordinal();
            }
        }
        return SETS.get(mask);
    }
}
