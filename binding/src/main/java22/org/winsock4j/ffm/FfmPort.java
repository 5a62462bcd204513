package org.winsock4j.ffm;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.lang.ref.Reference;
import org.winsock4j.internal.DirectBases;
import org.winsock4j.internal.PortArguments;
import org.winsock4j.port.Sdk;
import org.winsock4j.port.SdkStructs;
import org.winsock4j.port.WinsockPort;

/**
 * The {@link WinsockPort} over {@link Ws2_32}'s downcall handles. Adds nothing to a call but the
 * memory Java needs to pass:
 * <ul>
 *   <li>the functions that cannot block take the caller's arrays in place (critical handles);
 *   <li>the others take native memory: small arguments (a sockaddr, an int, WSADATA, a short
 *       WSAPOLLFD array) in this thread's {@link CallState}; data of a direct buffer by address
 *       at its position; heap data through {@link Scratch}, copying only the bytes of the call.
 * </ul>
 * Every method checks its arrays, buffers and lengths first ({@link PortArguments}), as the JNA
 * backend does: ws2_32 gets only memory inside what the caller passed.
 *
 * <p>Native memory that a function may write (a sockaddr, WSADATA, a WSAIoctl output) starts each
 * call as the caller's array (or zeros), never as what an earlier call left in this thread's
 * memory: a function that leaves an out-parameter alone (recvfrom's {@code from} on a
 * connection-oriented socket, recvfrom remarks) leaves the caller's bytes as they were.
 *
 * <p>Nothing is allocated per call on the Java heap or natively, but for WSAPoll over more than
 * {@value #POLL_IN_PLACE} sockets, WSAIoctl buffers over {@value #REGION} bytes, a datagram over
 * {@link Scratch#CHUNK} bytes, scratch memory that grows ({@link Scratch}: a thread's first
 * heap call, or its first larger one), and select (its three fd_sets, 1560 bytes, are more than
 * a thread's small memory; it is not on the data path).
 */
final class FfmPort implements WinsockPort {
    /** Bytes of each of the two regions of a thread's small native memory. */
    static final int REGION = 512;
    /** The most WSAPOLLFDs that fit one region. */
    static final int POLL_IN_PLACE = REGION / Sdk.SIZEOF_WSAPOLLFD;
    private static final int SECOND = REGION;
    private static final int INT_A = 2 * REGION;
    private static final int INT_B = 2 * REGION + 8;
    private static final int SMALL_SIZE = 2 * REGION + 16;

    /**
     * A thread's native memory for calls: the capture segment the handles write the last error
     * into, and small argument memory. Freed by the GC with the thread's state (automatic arena).
     */
    private static final class CallState {
        final MemorySegment capture;
        final MemorySegment small;
        /** {@link #small}'s address, for the data handles' address arguments. */
        final long smallAddress;
        final DirectBases direct = new DirectBases(b -> MemorySegment.ofBuffer(b).address() - b.position());

        CallState() {
            Arena arena = Arena.ofAuto();
            capture = arena.allocate(Ws2_32.CAPTURE_LAYOUT);
            small = arena.allocate(SMALL_SIZE, 16);
            smallAddress = small.address();
        }
    }

    private static final ThreadLocal<CallState> STATE = ThreadLocal.withInitial(CallState::new);

    private final Ws2_32.Handles h;

    FfmPort(Ws2_32.Handles handles) {
        this.h = handles;
    }

    private static CallState state() {
        return STATE.get();
    }

    /** A sockaddr length that fits a region (the longest sockaddr, SOCKADDR_STORAGE, has 128 bytes). */
    private static int sockaddrLength(int namelen) {
        if (namelen > REGION) {
            throw new IllegalArgumentException("sockaddr length " + namelen + " exceeds " + REGION + " bytes");
        }
        return namelen;
    }

    /** Turns what a handle throws (nothing, for these descriptors) into an error, never swallowed. */
    private static AssertionError unexpected(Throwable t) {
        return new AssertionError("a ws2_32 downcall threw " + t, t);
    }

    @Override
    public int wsaStartup(int wVersionRequested, int[] wVersionOut) {
        PortArguments.one("WSAStartup", "wVersionOut", wVersionOut, true);
        CallState st = state();
        MemorySegment data = st.small.asSlice(0, Sdk.SIZEOF_WSADATA).fill((byte) 0);
        int rc;
        try {
            rc = (int) h.WSAStartup.invokeExact(st.capture, (short) wVersionRequested, data);
        } catch (Throwable t) {
            throw unexpected(t);
        }
        if (rc == 0 && wVersionOut != null) {
            wVersionOut[0] = data.get(JAVA_SHORT, 0) & 0xffff;
            if (wVersionOut.length > 1) {
                wVersionOut[1] = data.get(JAVA_SHORT, 2) & 0xffff;
            }
        }
        return rc;
    }

    @Override
    public int wsaCleanup() {
        try {
            return (int) h.WSACleanup.invokeExact(state().capture);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    @Override
    public long socket(int af, int type, int protocol) {
        try {
            return (long) h.socket.invokeExact(state().capture, af, type, protocol);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    @Override
    public int bind(long s, byte[] name, int namelen) {
        PortArguments.in("bind", "name", "namelen", name, namelen);
        try {
            return (int) h.bind.invokeExact(state().capture, s, MemorySegment.ofArray(name), namelen);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    @Override
    public int listen(long s, int backlog) {
        try {
            return (int) h.listen.invokeExact(state().capture, s, backlog);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    @Override
    public long accept(long s, byte[] addr, int[] addrlen) {
        PortArguments.out("accept", "addr", "addrlen", addr, addrlen, true);
        CallState st = state();
        MemorySegment a = addr == null ? MemorySegment.NULL : st.small.asSlice(0, Math.min(addr.length, REGION));
        if (addr != null) {
            MemorySegment.copy(addr, 0, a, JAVA_BYTE, 0, (int) a.byteSize());
        }
        MemorySegment len = MemorySegment.NULL;
        int asked = 0;
        if (addrlen != null) {
            len = st.small.asSlice(INT_A, 4);
            asked = Math.min(addrlen[0], (int) a.byteSize());
            len.set(JAVA_INT, 0, asked);
        }
        long r;
        try {
            r = (long) h.accept.invokeExact(st.capture, s, a, len);
        } catch (Throwable t) {
            throw unexpected(t);
        }
        if (r != Sdk.INVALID_SOCKET && addrlen != null) {
            int n = len.get(JAVA_INT, 0);
            if (n != asked) { // the caller's own length stays when accept wrote none
                addrlen[0] = n;
            }
            if (addr != null) {
                MemorySegment.copy(a, JAVA_BYTE, 0, addr, 0, Math.min(Math.max(n, 0), (int) a.byteSize()));
            }
        }
        return r;
    }

    @Override
    public int connect(long s, byte[] name, int namelen) {
        PortArguments.in("connect", "name", "namelen", name, namelen);
        CallState st = state();
        MemorySegment n = st.small.asSlice(0, sockaddrLength(namelen));
        MemorySegment.copy(name, 0, n, JAVA_BYTE, 0, namelen);
        try {
            return (int) h.connect.invokeExact(st.capture, s, n, namelen);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /**
     * send of an array slice through native scratch memory, chunk by chunk, as the JNA backend
     * (the same contract: a short or failing later chunk returns the bytes already sent).
     */
    @Override
    public int send(long s, byte[] buf, int offset, int len, int flags) {
        PortArguments.slice("send", buf, offset, len);
        return sendHeap(s, buf, null, offset, len, flags);
    }

    @Override
    public int send(long s, ByteBuffer buffer, int len, int flags) {
        PortArguments.remaining("send", buffer, len);
        if (buffer.isDirect()) {
            CallState st = state();
            try {
                return sendNative(st, s, st.direct.positionAddress(buffer), len, flags);
            } finally {
                Reference.reachabilityFence(buffer);
            }
        }
        return sendHeap(s, null, buffer, buffer.position(), len, flags);
    }

    private int sendNative(CallState st, long s, long data, int len, int flags) {
        try {
            return (int) h.send.invokeExact(st.capture, s, data, len, flags);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** The chunk loop of the heap sends: from {@code array} at {@code from}, or from {@code heap} at {@code from}. */
    private int sendHeap(long s, byte[] array, ByteBuffer heap, int from, int len, int flags) {
        Scratch scratch = Scratch.take(len);
        try {
            return sendChunks(s, array, heap, from, len, flags, scratch);
        } finally {
            Scratch.give(scratch);
        }
    }

    private int sendChunks(long s, byte[] array, ByteBuffer heap, int from, int len, int flags, Scratch scratch) {
        CallState st = state();
        int chunk = scratch.view.capacity();
        int sent = 0;
        do {
            int n = Math.min(len - sent, chunk);
            if (array != null) {
                scratch.view.put(0, array, from + sent, n);
            } else {
                scratch.view.put(0, heap, from + sent, n);
            }
            int r = sendNative(st, s, scratch.address, n, flags);
            if (r == Sdk.SOCKET_ERROR) {
                return sent == 0 ? Sdk.SOCKET_ERROR : sent;
            }
            sent += r;
            if (r < n) {
                break;
            }
        } while (sent < len);
        return sent;
    }

    @Override
    public int recv(long s, byte[] buf, int offset, int len, int flags) {
        PortArguments.slice("recv", buf, offset, len);
        return recvHeap(s, buf, null, offset, len, flags);
    }

    @Override
    public int recv(long s, ByteBuffer buffer, int len, int flags) {
        PortArguments.remaining("recv", buffer, len);
        if (buffer.isReadOnly()) {
            throw new ReadOnlyBufferException();
        }
        if (buffer.isDirect()) {
            CallState st = state();
            try {
                return recvNative(st, s, st.direct.positionAddress(buffer), len, flags);
            } finally {
                Reference.reachabilityFence(buffer);
            }
        }
        return recvHeap(s, null, buffer, buffer.position(), len, flags);
    }

    private int recvNative(CallState st, long s, long data, int len, int flags) {
        try {
            return (int) h.recv.invokeExact(st.capture, s, data, len, flags);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** One recv of at most one chunk through scratch memory; only the bytes received are copied out. */
    private int recvHeap(long s, byte[] array, ByteBuffer heap, int at, int len, int flags) {
        Scratch scratch = Scratch.take(len);
        try {
            return recvInto(s, array, heap, at, len, flags, scratch);
        } finally {
            Scratch.give(scratch);
        }
    }

    private int recvInto(long s, byte[] array, ByteBuffer heap, int at, int len, int flags, Scratch scratch) {
        int n = recvNative(state(), s, scratch.address, Math.min(len, scratch.view.capacity()), flags);
        if (n > 0) {
            if (array != null) {
                scratch.view.get(0, array, at, n);
            } else {
                heap.put(at, scratch.view, 0, n);
            }
        }
        return n;
    }

    @Override
    public int setsockopt(long s, int level, int optname, byte[] optval, int optlen) {
        PortArguments.in("setsockopt", "optval", "optlen", optval, optlen);
        MemorySegment v = MemorySegment.ofArray(optval);
        try {
            return (int) h.setsockopt.invokeExact(state().capture, s, level, optname, v, optlen);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    @Override
    public int getsockopt(long s, int level, int optname, byte[] optval, int[] optlen) {
        PortArguments.out("getsockopt", "optval", "optlen", optval, optlen, false);
        MemorySegment v = MemorySegment.ofArray(optval);
        MemorySegment n = MemorySegment.ofArray(optlen);
        try {
            return (int) h.getsockopt.invokeExact(state().capture, s, level, optname, v, n);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    @Override
    public int ioctlsocket(long s, int cmd, int[] argp) {
        PortArguments.one("ioctlsocket", "argp", argp, false);
        MemorySegment a = MemorySegment.ofArray(argp);
        try {
            return (int) h.ioctlsocket.invokeExact(state().capture, s, cmd, a);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    @Override
    public int shutdown(long s, int how) {
        try {
            return (int) h.shutdown.invokeExact(state().capture, s, how);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    @Override
    public int closesocket(long s) {
        try {
            return (int) h.closesocket.invokeExact(state().capture, s);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    @Override
    public int getsockname(long s, byte[] name, int[] namelen) {
        PortArguments.out("getsockname", "name", "namelen", name, namelen, false);
        try {
            return (int) h.getsockname.invokeExact(state().capture, s, MemorySegment.ofArray(name), MemorySegment.ofArray(namelen));
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    @Override
    public int getpeername(long s, byte[] name, int[] namelen) {
        PortArguments.out("getpeername", "name", "namelen", name, namelen, false);
        try {
            return (int) h.getpeername.invokeExact(state().capture, s, MemorySegment.ofArray(name), MemorySegment.ofArray(namelen));
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    @Override
    public int wsaIoctl(long s, int code, byte[] in, byte[] out, int[] bytesReturned) {
        PortArguments.one("WSAIoctl", "lpcbBytesReturned", bytesReturned, false);
        int inLen = in == null ? 0 : in.length;
        int outLen = out == null ? 0 : out.length;
        CallState st = state();
        if (inLen > REGION || outLen > REGION) {
            try (Arena own = Arena.ofConfined()) {
                return wsaIoctl(st, s, code, in, out, bytesReturned, own.allocate(Math.max(1, inLen)),
                        own.allocate(Math.max(1, outLen)), own.allocate(JAVA_INT));
            }
        }
        return wsaIoctl(st, s, code, in, out, bytesReturned, st.small.asSlice(0, REGION),
                st.small.asSlice(SECOND, REGION), st.small.asSlice(INT_A, 4));
    }

    private int wsaIoctl(CallState st, long s, int code, byte[] in, byte[] out, int[] bytesReturned,
            MemorySegment inMem, MemorySegment outMem, MemorySegment returned) {
        int inLen = in == null ? 0 : in.length;
        int outLen = out == null ? 0 : out.length;
        if (in != null) {
            MemorySegment.copy(in, 0, inMem, JAVA_BYTE, 0, inLen);
        }
        if (out != null) {
            MemorySegment.copy(out, 0, outMem, JAVA_BYTE, 0, outLen);
        }
        returned.set(JAVA_INT, 0, 0);
        // invokeExact needs the exact static types: locals, not conditional expressions.
        MemorySegment inArg = in == null ? MemorySegment.NULL : inMem;
        MemorySegment outArg = out == null ? MemorySegment.NULL : outMem;
        int rc;
        try {
            rc = (int) h.WSAIoctl.invokeExact(st.capture, s, code, inArg, inLen, outArg, outLen, returned,
                    MemorySegment.NULL, MemorySegment.NULL);
        } catch (Throwable t) {
            throw unexpected(t);
        }
        int n = returned.get(JAVA_INT, 0);
        bytesReturned[0] = n;
        if (rc != Sdk.SOCKET_ERROR && out != null) {
            MemorySegment.copy(outMem, JAVA_BYTE, 0, out, 0, Math.min(Math.max(n, 0), outLen));
        }
        return rc;
    }

    /**
     * select, with the fd_set images and the timeval in native memory of the call's own: select
     * is not on the data path (a connect with a time limit waits with it), so it allocates.
     */
    @Override
    public int select(byte[] readfds, byte[] writefds, byte[] exceptfds, byte[] timeout) {
        SdkStructs.checkSelectArguments(readfds, writefds, exceptfds, timeout);
        CallState st = state();
        try (Arena own = Arena.ofConfined()) {
            MemorySegment r = fdSet(own, readfds);
            MemorySegment w = fdSet(own, writefds);
            MemorySegment e = fdSet(own, exceptfds);
            MemorySegment t = timeout == null ? MemorySegment.NULL : own.allocate(Ws2_32.TIMEVAL);
            if (timeout != null) {
                MemorySegment.copy(timeout, 0, t, JAVA_BYTE, 0, Sdk.SIZEOF_TIMEVAL);
            }
            int rc;
            try {
                rc = (int) h.select.invokeExact(st.capture, 0, r, w, e, t);
            } catch (Throwable x) {
                throw unexpected(x);
            }
            if (rc != Sdk.SOCKET_ERROR) {
                copyBack(r, readfds);
                copyBack(w, writefds);
                copyBack(e, exceptfds);
            }
            return rc;
        }
    }

    private static MemorySegment fdSet(Arena arena, byte[] image) {
        if (image == null) {
            return MemorySegment.NULL;
        }
        MemorySegment set = arena.allocate(Ws2_32.FD_SET);
        MemorySegment.copy(image, 0, set, JAVA_BYTE, 0, Sdk.SIZEOF_FD_SET);
        return set;
    }

    private static void copyBack(MemorySegment set, byte[] image) {
        if (image != null) {
            MemorySegment.copy(set, JAVA_BYTE, 0, image, 0, Sdk.SIZEOF_FD_SET);
        }
    }

    @Override
    public int wsaPoll(long[] fds, short[] events, short[] revents, int timeout) {
        PortArguments.poll(fds, events, revents);
        int n = fds.length;
        CallState st = state();
        if (n > POLL_IN_PLACE) {
            try (Arena own = Arena.ofConfined()) {
                return poll(st, fds, events, revents, timeout, own.allocate(Ws2_32.WSAPOLLFD, n));
            }
        }
        return poll(st, fds, events, revents, timeout, st.small.asSlice(0, (long) n * Sdk.SIZEOF_WSAPOLLFD));
    }

    private int poll(CallState st, long[] fds, short[] events, short[] revents, int timeout, MemorySegment array) {
        int n = fds.length;
        for (int i = 0; i < n; i++) {
            long base = (long) i * Sdk.SIZEOF_WSAPOLLFD;
            array.set(JAVA_LONG, base + SdkStructs.WSAPOLLFD_FD, fds[i]);
            array.set(JAVA_SHORT, base + SdkStructs.WSAPOLLFD_EVENTS, events[i]);
            array.set(JAVA_SHORT, base + SdkStructs.WSAPOLLFD_REVENTS, (short) 0);
        }
        int rc;
        try {
            rc = (int) h.WSAPoll.invokeExact(st.capture, array, n, timeout);
        } catch (Throwable t) {
            throw unexpected(t);
        }
        for (int i = 0; i < n; i++) {
            revents[i] = rc == Sdk.SOCKET_ERROR ? 0
                    : array.get(JAVA_SHORT, (long) i * Sdk.SIZEOF_WSAPOLLFD + SdkStructs.WSAPOLLFD_REVENTS);
        }
        return rc;
    }

    @Override
    public boolean cancelIoEx(long handle) {
        try {
            return (int) h.CancelIoEx.invokeExact(state().capture, handle, MemorySegment.NULL) != 0;
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** The error the last downcall on this thread captured (no downcall). */
    @Override
    public int lastError() {
        return (int) Ws2_32.LAST_ERROR.get(state().capture, 0L);
    }

    /** sendto of one datagram, never split: direct by address, heap through native memory. */
    @Override
    public int sendto(long s, ByteBuffer buffer, int len, int flags, byte[] to, int tolen) {
        PortArguments.remaining("sendto", buffer, len);
        PortArguments.in("sendto", "to", "tolen", to, tolen);
        CallState st = state();
        MemorySegment.copy(to, 0, st.small, JAVA_BYTE, SECOND, sockaddrLength(tolen));
        long address = st.smallAddress + SECOND;
        if (buffer.isDirect()) {
            try {
                return sendto(st, s, st.direct.positionAddress(buffer), len, flags, address, tolen);
            } finally {
                Reference.reachabilityFence(buffer);
            }
        }
        if (len > Scratch.CHUNK) {
            try (Arena own = Arena.ofConfined()) {
                MemorySegment data = own.allocate(len);
                data.asByteBuffer().put(0, buffer, buffer.position(), len);
                return sendto(st, s, data.address(), len, flags, address, tolen);
            }
        }
        Scratch scratch = Scratch.take(len);
        try {
            return sendtoThrough(st, scratch, s, buffer, len, flags, address, tolen);
        } finally {
            Scratch.give(scratch);
        }
    }

    private int sendtoThrough(CallState st, Scratch scratch, long s, ByteBuffer heap, int len, int flags, long to,
            int tolen) {
        scratch.view.put(0, heap, heap.position(), len);
        return sendto(st, s, scratch.address, len, flags, to, tolen);
    }

    private int sendto(CallState st, long s, long data, int len, int flags, long to, int tolen) {
        try {
            return (int) h.sendto.invokeExact(st.capture, s, data, len, flags, to, tolen);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /**
     * recvfrom of one datagram: direct by address, heap through native memory; the bytes
     * received are copied out, and so are the {@code len} bytes a WSAEMSGSIZE failure filled.
     */
    @Override
    public int recvfrom(long s, ByteBuffer buffer, int len, int flags, byte[] from, int[] fromlen) {
        PortArguments.remaining("recvfrom", buffer, len);
        PortArguments.out("recvfrom", "from", "fromlen", from, fromlen, true);
        if (buffer.isReadOnly()) {
            throw new ReadOnlyBufferException();
        }
        CallState st = state();
        if (buffer.isDirect()) {
            try {
                return recvfrom(st, s, st.direct.positionAddress(buffer), len, flags, from, fromlen);
            } finally {
                Reference.reachabilityFence(buffer);
            }
        }
        if (len > Scratch.CHUNK) {
            try (Arena own = Arena.ofConfined()) {
                MemorySegment data = own.allocate(len);
                return recvfromCopy(st, s, data.address(), data.asByteBuffer(), buffer, len, flags, from, fromlen);
            }
        }
        Scratch scratch = Scratch.take(len);
        try {
            return recvfromCopy(st, s, scratch.address, scratch.view, buffer, len, flags, from, fromlen);
        } finally {
            Scratch.give(scratch);
        }
    }

    /**
     * recvfrom through native memory: the memory starts as the caller's bytes (a WSAEMSGSIZE
     * failure says the {@code len} bytes were filled, but whatever ws2_32 did not write stays the
     * caller's own, never an earlier call's data).
     */
    private int recvfromCopy(CallState st, long s, long memory, ByteBuffer view, ByteBuffer heap, int len, int flags,
            byte[] from, int[] fromlen) {
        view.put(0, heap, heap.position(), len);
        int n = recvfrom(st, s, memory, len, flags, from, fromlen);
        int filled = n != Sdk.SOCKET_ERROR ? n : lastError() == WSAEMSGSIZE ? len : 0;
        if (filled > 0) {
            heap.put(heap.position(), view, 0, filled);
        }
        return n;
    }

    /**
     * recvfrom with the source address in this thread's small memory: the caller's {@code from}
     * copied in and copied out afterwards, so a call that leaves it alone (a connection-oriented
     * socket: recvfrom remarks) leaves the caller's bytes, not an earlier call's.
     */
    private int recvfrom(CallState st, long s, long data, int len, int flags, byte[] from, int[] fromlen) {
        int fromSize = from == null ? 0 : Math.min(from.length, REGION);
        long f = 0L;
        if (from != null) {
            MemorySegment.copy(from, 0, st.small, JAVA_BYTE, SECOND, fromSize);
            f = st.smallAddress + SECOND;
        }
        long fl = 0L;
        int asked = 0;
        if (fromlen != null) {
            asked = Math.min(fromlen[0], fromSize);
            st.small.set(JAVA_INT, INT_B, asked);
            fl = st.smallAddress + INT_B;
        }
        int n;
        try {
            n = (int) h.recvfrom.invokeExact(st.capture, s, data, len, flags, f, fl);
        } catch (Throwable t) {
            throw unexpected(t);
        }
        if (fromlen != null) {
            int got = st.small.get(JAVA_INT, INT_B);
            if (n != Sdk.SOCKET_ERROR || got > 0) {
                if (got != asked) { // the caller's own length stays when recvfrom wrote none
                    fromlen[0] = got;
                }
                if (from != null) {
                    MemorySegment.copy(st.small, JAVA_BYTE, SECOND, from, 0, Math.min(Math.max(got, 0), fromSize));
                }
            }
        }
        return n;
    }

    /** WSAEMSGSIZE: the datagram was longer than the buffer, which holds its first bytes. */
    private static final int WSAEMSGSIZE = 10040;

    @Override
    public String toString() {
        return "FfmWinsockPort[ws2_32 by java.lang.foreign downcall handles]";
    }
}
