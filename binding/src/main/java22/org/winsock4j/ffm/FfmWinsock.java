package org.winsock4j.ffm;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import org.winsock4j.internal.DirectBases;
import org.winsock4j.internal.NativeMemory;
import org.winsock4j.internal.NativeWinsock;
import org.winsock4j.port.Sdk;
import org.winsock4j.port.SdkStructs;

/**
 * ws2_32 through {@link Ws2_32}'s downcall handles, as the buffer layer calls it
 * (docs/ARCHITECTURE.md#buffer-layer). Adds nothing to a call but the memory Java needs to pass:
 * <ul>
 *   <li>the functions that cannot block take the caller's arrays in place (critical handles);
 *   <li>the others take native memory: data by the address the buffer layer passes, small
 *       arguments (a sockaddr, an int, WSADATA, a short WSAPOLLFD array) in this thread's
 *       {@link CallState}.
 * </ul>
 *
 * <p>Native memory that a function may write (a sockaddr, WSADATA, a WSAIoctl output) starts each
 * call as the caller's array (or zeros), never as what an earlier call left in this thread's
 * memory: a function that leaves an out-parameter alone (recvfrom's {@code from} on a
 * connection-oriented socket, recvfrom remarks) leaves the caller's bytes as they were.
 *
 * <p>Nothing is allocated per call on the Java heap or natively, but for WSAPoll over more than
 * {@value #POLL_IN_PLACE} sockets, WSAIoctl buffers over {@value #REGION} bytes, and select (its
 * three fd_sets, 1560 bytes, are more than a thread's small memory; it is not on the data path).
 */
final class FfmWinsock implements NativeWinsock<FfmWinsock.CallState> {
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
    static final class CallState {
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

    FfmWinsock(Ws2_32.Handles handles) {
        this.h = handles;
    }

    private static CallState state() {
        return STATE.get();
    }

    @Override
    public CallState callState() {
        return STATE.get();
    }

    @Override
    public DirectBases directBases(CallState state) {
        return state.direct;
    }

    /** 16-byte aligned memory of an automatic arena: the GC frees it with the returned object. */
    @Override
    public NativeMemory allocate(int size) {
        MemorySegment segment = Arena.ofAuto().allocate(size, 16);
        return new NativeMemory(segment.address(), segment.asByteBuffer(), () -> {
            throw new UnsupportedOperationException("scratch memory is freed by the GC");
        });
    }

    /** Memory of a confined arena, which {@link NativeMemory#free} closes on the calling thread. */
    @Override
    public NativeMemory allocateForCall(int size) {
        Arena arena = Arena.ofConfined();
        MemorySegment segment = arena.allocate(size);
        return new NativeMemory(segment.address(), segment.asByteBuffer(), arena);
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
        CallState st = state();
        MemorySegment n = st.small.asSlice(0, sockaddrLength(namelen));
        MemorySegment.copy(name, 0, n, JAVA_BYTE, 0, namelen);
        try {
            return (int) h.connect.invokeExact(st.capture, s, n, namelen);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    @Override
    public int send(CallState st, long s, long buf, int len, int flags) {
        try {
            return (int) h.send.invokeExact(st.capture, s, buf, len, flags);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    @Override
    public int recv(CallState st, long s, long buf, int len, int flags) {
        try {
            return (int) h.recv.invokeExact(st.capture, s, buf, len, flags);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    @Override
    public int setsockopt(long s, int level, int optname, byte[] optval, int optlen) {
        MemorySegment v = MemorySegment.ofArray(optval);
        try {
            return (int) h.setsockopt.invokeExact(state().capture, s, level, optname, v, optlen);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    @Override
    public int getsockopt(long s, int level, int optname, byte[] optval, int[] optlen) {
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
        try {
            return (int) h.getsockname.invokeExact(state().capture, s, MemorySegment.ofArray(name), MemorySegment.ofArray(namelen));
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    @Override
    public int getpeername(long s, byte[] name, int[] namelen) {
        try {
            return (int) h.getpeername.invokeExact(state().capture, s, MemorySegment.ofArray(name), MemorySegment.ofArray(namelen));
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    @Override
    public int wsaIoctl(long s, int code, byte[] in, byte[] out, int[] bytesReturned) {
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
        int n = fds.length;
        CallState st = state();
        if (n > POLL_IN_PLACE) {
            try (Arena own = Arena.ofConfined()) {
                return poll(st, fds, events, revents, timeout, own.allocate(Ws2_32.WSAPOLLFD, n));
            }
        }
        // The first region of the thread's small memory, passed whole: WSAPoll reads nfds entries
        // of it. A slice of it was a new MemorySegment per call (40 B, SocketApiBench).
        return poll(st, fds, events, revents, timeout, st.small);
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

    /** sendto with the destination copied into this thread's small memory. */
    @Override
    public int sendto(CallState st, long s, long buf, int len, int flags, byte[] to, int tolen) {
        MemorySegment.copy(to, 0, st.small, JAVA_BYTE, SECOND, sockaddrLength(tolen));
        try {
            return (int) h.sendto.invokeExact(st.capture, s, buf, len, flags, st.smallAddress + SECOND, tolen);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /**
     * recvfrom with the source address in this thread's small memory: the caller's {@code from}
     * copied in and copied out afterwards, so a call that leaves it alone (a connection-oriented
     * socket: recvfrom remarks) leaves the caller's bytes, not an earlier call's.
     */
    @Override
    public int recvfrom(CallState st, long s, long buf, int len, int flags, byte[] from, int[] fromlen) {
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
            n = (int) h.recvfrom.invokeExact(st.capture, s, buf, len, flags, f, fl);
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

    @Override
    public String describe() {
        return "FfmWinsockPort[ws2_32 by java.lang.foreign downcall handles]";
    }
}
