package org.winsock4j;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Readiness of many sockets at once: one WSAPoll over the registered sockets, each with its
 * interest ({@link Readiness#READABLE} and/or {@link Readiness#WRITABLE}).
 *
 * <p>The wait runs as WSAPoll calls of at most a few milliseconds (as {@link WinSocket#poll}
 * does), each counted in and out of every registered socket's state word, so that WSAPoll
 * never sees a closed handle and a close of one of the sockets from another thread ends the wait
 * within one slice. A registered socket that is closed (before or during the poll) is reported
 * at once, with {@link Readiness#INVALID}, and is not passed to WSAPoll. An interrupt ends the
 * wait as for {@link WinSocket#poll}: the poll returns what is ready, possibly nothing, with the
 * interrupt status set. On a virtual thread, WSAPoll is only ever asked without waiting: the
 * thread parks, its carrier free, until winsock4j's pollers report one of the sockets.
 *
 * <p>Thread-safe: sockets may be registered and unregistered while another thread polls. A poll
 * waits on the sockets registered when it began, with their interest then; a registration or an
 * interest change made during the poll applies from the next poll. A socket unregistered during
 * the poll is left out at once: the poll does not report it, ready or not (as a
 * {@link java.nio.channels.Selector} does not report a key cancelled during a select), and its
 * later slices do not pass it to WSAPoll; a socket unregistered and registered again meanwhile
 * is a new registration, for the next poll. All sockets of a set must belong to the same
 * {@link Winsock}.
 *
 * @see <a href="https://learn.microsoft.com/en-us/windows/win32/api/winsock2/nf-winsock2-wsapoll">WSAPoll function (winsock2.h)</a>
 */
public final class PollSet {
    private final Map<WinSocket, Registration> registrations = new LinkedHashMap<>();

    /**
     * A socket's registration, from register to unregister; its identity tells a poll in
     * progress whether the socket was unregistered meanwhile. Guarded by the set's monitor.
     */
    private static final class Registration {
        short events;

        Registration(short events) {
            this.events = events;
        }
    }

    /** An empty set. */
    public PollSet() {}

    /**
     * Registers a socket, or replaces its interest.
     *
     * @param socket the socket to watch
     * @param interest {@link Readiness#READABLE} and/or {@link Readiness#WRITABLE}
     * @throws NullPointerException if {@code socket}, {@code interest} or an element of it is null
     * @throws IllegalArgumentException if {@code interest} is empty or names other values than
     *     READABLE and WRITABLE, or if {@code socket} belongs to another {@link Winsock} than the
     *     sockets already registered
     */
    public synchronized void register(WinSocket socket, Set<Readiness> interest) {
        Objects.requireNonNull(socket, "socket");
        short events = Readiness.events(interest);
        for (WinSocket other : registrations.keySet()) {
            if (other.winsock() != socket.winsock()) {
                throw new IllegalArgumentException("socket " + socket + " belongs to another Winsock than " + other);
            }
            break;
        }
        Registration r = registrations.get(socket);
        if (r == null) {
            registrations.put(socket, new Registration(events));
        } else {
            r.events = events;
        }
    }

    /**
     * Removes a socket from the set. A poll in progress does not report it any more (see the
     * class comment).
     *
     * @param socket the socket
     * @return true if it was registered
     * @throws NullPointerException if {@code socket} is null
     */
    public synchronized boolean unregister(WinSocket socket) {
        Objects.requireNonNull(socket, "socket");
        return registrations.remove(socket) != null;
    }

    /**
     * The registered sockets.
     *
     * @return a snapshot, in registration order
     */
    public synchronized Set<WinSocket> sockets() {
        return Collections.unmodifiableSet(new java.util.LinkedHashSet<>(registrations.keySet()));
    }

    /**
     * WSAPoll over the registered sockets: waits until at least one is ready, or until
     * {@code timeout} has passed.
     *
     * @param timeout how long to wait: zero polls once without waiting
     * @return the ready sockets, in registration order, each with what WSAPoll reported (as
     *     {@link WinSocket#poll}); a closed socket with {@link Readiness#INVALID}; never a
     *     socket unregistered during the poll; empty when the timeout passed (or the thread was
     *     interrupted, or every socket of the poll was unregistered) with nothing ready
     * @throws IOException a {@link WinsockException} when WSAPoll fails
     * @throws NullPointerException if {@code timeout} is null
     * @throws IllegalArgumentException if {@code timeout} is negative
     * @throws IllegalStateException if no socket is registered
     */
    public Map<WinSocket, Set<Readiness>> poll(Duration timeout) throws IOException {
        long nanos = Await.pollTimeoutNanos(timeout);
        Map<WinSocket, Registration> began;
        short[] eventsBegan;
        synchronized (this) {
            if (registrations.isEmpty()) {
                throw new IllegalStateException("no socket registered");
            }
            began = new LinkedHashMap<>(registrations);
            eventsBegan = new short[began.size()];
            int i = 0;
            for (Registration r : began.values()) {
                eventsBegan[i++] = r.events;
            }
        }
        long start = System.nanoTime();
        // On a virtual thread WSAPoll never waits: the thread parks until a poller reports one of
        // the sockets (or the time is up), then polls again at once (Await, as for WinSocket#poll).
        boolean parks = VirtualThreads.current();
        for (;;) {
            // Each slice polls the sockets of the poll's start that are still registered: one
            // unregistered meanwhile is neither polled nor reported (issue 22 item 12).
            List<WinSocket> sockets = new ArrayList<>(began.size());
            short[] events = new short[began.size()];
            synchronized (this) {
                int i = 0;
                for (Map.Entry<WinSocket, Registration> e : began.entrySet()) {
                    if (registrations.get(e.getKey()) == e.getValue()) {
                        events[sockets.size()] = eventsBegan[i];
                        sockets.add(e.getKey());
                    }
                    i++;
                }
            }
            if (sockets.isEmpty()) {
                return new LinkedHashMap<>();
            }
            Map<WinSocket, Set<Readiness>> ready = Await.poll(sockets, Arrays.copyOf(events, sockets.size()), parks, nanos,
                    start);
            synchronized (this) {
                ready.keySet().removeIf(s -> registrations.get(s) != began.get(s));
            }
            if (!ready.isEmpty() || System.nanoTime() - start >= nanos || Thread.currentThread().isInterrupted()) {
                return ready;
            }
        }
    }
}
