package org.winsock4j;

import java.util.concurrent.ConcurrentHashMap;
import org.winsock4j.port.Sdk;
import org.winsock4j.port.WinsockPort;

/**
 * What one {@link Winsock} knows of each SOCKET number (docs/ARCHITECTURE.md#ownership):
 * one owner per number, and no call on a number that changed hands. Each entry is the
 * {@link SocketHandle} of the WinSocket that owns the number (open, or closed by this Winsock:
 * the record that the number is stale until socket() or accept() returns it again), or the entry
 * of a number borrowed while nobody here owns it. Adopt refuses a second owner and a stale number,
 * borrowed views follow their entry, and a number socket() or accept() returns cuts off whatever
 * still held it. Touched when a socket is opened, accepted, adopted, borrowed or closed, never on
 * the data path; one entry per number, so it holds at most as many entries as the process has had
 * handle values.
 */
final class SocketNumbers {
    private final ConcurrentHashMap<Long, SocketHandle> numbers = new ConcurrentHashMap<>();

    /**
     * The handle of a WinSocket owning a number ws2_32 has just returned (socket, accept). The
     * number is new: an entry left for it is the record that this Winsock closed it, or belongs to
     * a WinSocket (or a borrowed number's views) whose socket was closed behind its back; that one
     * is cut off before the new handle is returned.
     */
    SocketHandle fresh(WinsockPort port, long raw, String origin) {
        SocketHandle handle = new SocketHandle(port, raw, origin, numbers);
        SocketHandle previous = numbers.put(raw, handle);
        if (previous != null) {
            previous.cutOff(handle.describeAsSuccessor());
        }
        return handle;
    }

    /**
     * A number this Winsock's accept() returned for a socket no WinSocket will own (one closed at
     * once, see {@link SocketIo}): whatever held it is cut off, as {@link #fresh} does.
     */
    void reissued(long raw, String what) {
        SocketHandle previous = numbers.remove(raw);
        if (previous != null) {
            previous.cutOff(what + " on thread \"" + Thread.currentThread().getName() + "\"");
        }
    }

    /**
     * The handle an adopting WinSocket owns (see {@link Winsock#adopt} for the rules): a new
     * entry, or the entry of a number borrowed before, which then takes its views along.
     *
     * @throws IllegalArgumentException when an open WinSocket of this Winsock owns the number
     * @throws WinsockException {@link WinsockException.NotSocket} for a number this Winsock closed
     *     that is not a socket now
     */
    SocketHandle adopt(WinsockPort port, long raw) throws WinsockException {
        for (;;) {
            SocketHandle current = numbers.get(raw);
            if (current != null && !current.isClosed()) {
                if (current.owns()) {
                    throw new IllegalArgumentException("cannot adopt SOCKET 0x" + Long.toHexString(raw)
                            + ": it is owned by an open WinSocket (created by " + current.origin + " on thread \""
                            + current.creatorThread + "\"); two owners would close it twice. Use borrow(0x"
                            + Long.toHexString(raw) + ") to operate on it without owning it.");
                }
                if (current.takeOwnership()) {
                    return current;
                }
                continue; // adopted or closed meanwhile: look again
            }
            SocketHandle handle = new SocketHandle(port, raw, "adopt()", numbers);
            if (replaceStale(port, raw, current, handle, "adopt")) {
                return handle;
            }
        }
    }

    /**
     * The handle of a borrowed view (see {@link Winsock#borrow}): a view of the entry holding the
     * number, or of a new entry for a number nobody here owns.
     *
     * @throws WinsockException {@link WinsockException.NotSocket} for a number this Winsock closed
     *     that is not a socket now
     */
    SocketHandle borrow(WinsockPort port, long raw) throws WinsockException {
        for (;;) {
            SocketHandle current = numbers.get(raw);
            if (current != null && !current.isClosed()) {
                return SocketHandle.view(current);
            }
            SocketHandle entry = SocketHandle.borrowedNumber(port, raw, numbers);
            if (replaceStale(port, raw, current, entry, "borrow")) {
                return SocketHandle.view(entry);
            }
        }
    }

    /**
     * Puts {@code entry} in place of {@code current}: no entry, or the record of a number this
     * Winsock closed, which must be a socket now. False when the table changed meanwhile.
     */
    private boolean replaceStale(WinsockPort port, long raw, SocketHandle current, SocketHandle entry,
            String operation) throws WinsockException {
        if (current == null) {
            return numbers.putIfAbsent(raw, entry) == null;
        }
        requireSocketNow(port, current, operation);
        return numbers.replace(raw, current, entry);
    }

    /**
     * For adopt or borrow of a number this Winsock closed ({@code closed}, its record): whether
     * it is a socket now, made by something outside this Winsock. getsockopt(SO_TYPE) only reads,
     * whatever the number names.
     */
    private static void requireSocketNow(WinsockPort port, SocketHandle closed, String operation)
            throws WinsockException {
        byte[] type = new byte[4];
        int[] typeLength = {type.length};
        if (port.getsockopt(closed.raw, Sdk.SOL_SOCKET, Sdk.SO_TYPE, type, typeLength) == Sdk.SOCKET_ERROR) {
            int code = port.lastError();
            throw WinsockException.unshaped("getsockopt", code, code != WsaError.WSAENOTSOCK.code() ? null
                    : "(" + operation + " refused: this Winsock closed SOCKET 0x" + Long.toHexString(closed.raw)
                    + ", owned by a WinSocket created by " + closed.origin + " on thread \"" + closed.creatorThread
                    + "\", and it is not a socket now; the system may give the number to the next new socket,"
                    + " which a WinSocket holding it would then reach.)");
        }
    }
}
