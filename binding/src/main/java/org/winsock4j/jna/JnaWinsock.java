package org.winsock4j.jna;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import org.winsock4j.internal.CurrentThread;
import org.winsock4j.internal.DirectBases;
import org.winsock4j.internal.NativeMemory;
import org.winsock4j.internal.NativeWinsock;
import org.winsock4j.port.Sdk;
import org.winsock4j.port.SdkStructs;

/**
 * ws2_32 through the direct mappings {@link Ws2_32} and {@link Kernel32Io}, as the buffer layer
 * calls it (docs/ARCHITECTURE.md#buffer-layer): data by address, everything else with the
 * caller's arrays, which JNA passes in place of C's pointers. Adds nothing to a call but turning
 * WSAPOLLFD, fd_set and timeval images into the structures ws2_32 reads. A call keeps no state
 * per thread: JNA saves the last error itself. Not final: the unit test of the buffer layer's
 * copy loops (JnaWinsockPortDataFakeTest) scripts its data functions over its real memory.
 */
class JnaWinsock implements NativeWinsock<Void> {
    /** Each thread's cache of direct buffers' base addresses. */
    private static final ThreadLocal<DirectBases> DIRECT_BASES = ThreadLocal.withInitial(
            () -> new DirectBases(b -> Pointer.nativeValue(Native.getDirectBufferPointer(b))));

    @Override
    public Void callState() {
        return null;
    }

    @Override
    public DirectBases directBases(Void state) {
        return DIRECT_BASES.get();
    }

    /** Memory JNA frees once the Memory (kept by the returned object) is unreachable, or at free(). */
    @Override
    public NativeMemory allocate(int size) {
        Memory m = new Memory(size);
        return new NativeMemory(Pointer.nativeValue(m), m.getByteBuffer(0, size), m);
    }

    @Override
    public NativeMemory allocateForCall(int size) {
        return allocate(size);
    }

    @Override
    public int send(Void state, long s, long buf, int len, int flags) {
        return Ws2_32.send(s, buf, len, flags);
    }

    @Override
    public int recv(Void state, long s, long buf, int len, int flags) {
        return Ws2_32.recv(s, buf, len, flags);
    }

    @Override
    public int sendto(Void state, long s, long buf, int len, int flags, byte[] to, int tolen) {
        return Ws2_32.sendto(s, buf, len, flags, to, tolen);
    }

    @Override
    public int recvfrom(Void state, long s, long buf, int len, int flags, byte[] from, int[] fromlen) {
        return Ws2_32.recvfrom(s, buf, len, flags, from, fromlen);
    }

    @Override
    public int wsaStartup(int wVersionRequested, int[] wVersionOut) {
        WSADATA data = new WSADATA();
        int rc = Ws2_32.WSAStartup((short) wVersionRequested, data);
        if (rc == 0 && wVersionOut != null) {
            wVersionOut[0] = data.wVersion & 0xffff;
            if (wVersionOut.length > 1) {
                wVersionOut[1] = data.wHighVersion & 0xffff;
            }
        }
        return rc;
    }

    @Override
    public int wsaCleanup() {
        return Ws2_32.WSACleanup();
    }

    @Override
    public long socket(int af, int type, int protocol) {
        return Ws2_32.socket(af, type, protocol);
    }

    @Override
    public int bind(long s, byte[] name, int namelen) {
        return Ws2_32.bind(s, name, namelen);
    }

    @Override
    public int listen(long s, int backlog) {
        return Ws2_32.listen(s, backlog);
    }

    @Override
    public long accept(long s, byte[] addr, int[] addrlen) {
        return Ws2_32.accept(s, addr, addrlen);
    }

    @Override
    public int connect(long s, byte[] name, int namelen) {
        return Ws2_32.connect(s, name, namelen);
    }

    @Override
    public int setsockopt(long s, int level, int optname, byte[] optval, int optlen) {
        return Ws2_32.setsockopt(s, level, optname, optval, optlen);
    }

    @Override
    public int getsockopt(long s, int level, int optname, byte[] optval, int[] optlen) {
        return Ws2_32.getsockopt(s, level, optname, optval, optlen);
    }

    @Override
    public int ioctlsocket(long s, int cmd, int[] argp) {
        return Ws2_32.ioctlsocket(s, cmd, argp);
    }

    @Override
    public int shutdown(long s, int how) {
        return Ws2_32.shutdown(s, how);
    }

    @Override
    public int closesocket(long s) {
        return Ws2_32.closesocket(s);
    }

    @Override
    public int getsockname(long s, byte[] name, int[] namelen) {
        return Ws2_32.getsockname(s, name, namelen);
    }

    @Override
    public int getpeername(long s, byte[] name, int[] namelen) {
        return Ws2_32.getpeername(s, name, namelen);
    }

    @Override
    public int wsaIoctl(long s, int code, byte[] in, byte[] out, int[] bytesReturned) {
        return Ws2_32.WSAIoctl(s, code, in, in == null ? 0 : in.length, out, out == null ? 0 : out.length,
                bytesReturned, null, null);
    }

    /**
     * The most WSAPOLLFDs a platform thread's own poll memory takes: WinSocket.poll and the
     * java.net Socket's wait before each read are one.
     */
    static final int POLL_IN_PLACE = 32;
    /**
     * A platform thread's WSAPOLLFD memory, so that its polls of a few sockets allocate nothing
     * (SocketApiBench). Not for virtual threads: a million of them would each keep one.
     */
    private static final ThreadLocal<Memory> POLL_MEMORY = ThreadLocal.withInitial(
            () -> new Memory((long) POLL_IN_PLACE * Sdk.SIZEOF_WSAPOLLFD));

    /**
     * WSAPoll with the WSAPOLLFD array in native memory: a platform thread's own for a few
     * sockets, else the call's own.
     */
    @Override
    public int wsaPoll(long[] fds, short[] events, short[] revents, int timeout) {
        int n = fds.length;
        if (n <= POLL_IN_PLACE && !CurrentThread.isVirtual()) {
            return poll(POLL_MEMORY.get(), fds, events, revents, timeout);
        }
        try (Memory array = new Memory((long) n * Sdk.SIZEOF_WSAPOLLFD)) {
            return poll(array, fds, events, revents, timeout);
        }
    }

    private static int poll(Memory array, long[] fds, short[] events, short[] revents, int timeout) {
        int n = fds.length;
        array.clear((long) n * Sdk.SIZEOF_WSAPOLLFD);
        for (int i = 0; i < n; i++) {
            long base = (long) i * Sdk.SIZEOF_WSAPOLLFD;
            array.setLong(base + SdkStructs.WSAPOLLFD_FD, fds[i]);
            array.setShort(base + SdkStructs.WSAPOLLFD_EVENTS, events[i]);
        }
        int rc = Ws2_32.WSAPoll(array, n, timeout);
        for (int i = 0; i < n; i++) {
            revents[i] = rc == Sdk.SOCKET_ERROR ? 0
                    : array.getShort((long) i * Sdk.SIZEOF_WSAPOLLFD + SdkStructs.WSAPOLLFD_REVENTS);
        }
        return rc;
    }

    /**
     * select, with the three fd_set images and the timeval copied into native memory of the
     * call's own (select is not on the data path) and the sets copied back after.
     */
    @Override
    public int select(byte[] readfds, byte[] writefds, byte[] exceptfds, byte[] timeout) {
        byte[][] sets = {readfds, writefds, exceptfds};
        try (Memory memory = new Memory(3L * Sdk.SIZEOF_FD_SET + Sdk.SIZEOF_TIMEVAL)) {
            Pointer[] at = new Pointer[3];
            for (int i = 0; i < 3; i++) {
                if (sets[i] != null) {
                    at[i] = memory.share((long) i * Sdk.SIZEOF_FD_SET, Sdk.SIZEOF_FD_SET);
                    at[i].write(0, sets[i], 0, Sdk.SIZEOF_FD_SET);
                }
            }
            Pointer t = null;
            if (timeout != null) {
                t = memory.share(3L * Sdk.SIZEOF_FD_SET, Sdk.SIZEOF_TIMEVAL);
                t.write(0, timeout, 0, Sdk.SIZEOF_TIMEVAL);
            }
            int rc = Ws2_32.select(0, at[0], at[1], at[2], t);
            if (rc != Sdk.SOCKET_ERROR) {
                for (int i = 0; i < 3; i++) {
                    if (sets[i] != null) {
                        at[i].read(0, sets[i], 0, Sdk.SIZEOF_FD_SET);
                    }
                }
            }
            return rc;
        }
    }

    @Override
    public boolean cancelIoEx(long handle) {
        return Kernel32Io.CancelIoEx(handle, null) != 0;
    }

    /** The error JNA saved for this thread right after the last native call (no downcall). */
    @Override
    public int lastError() {
        return Native.getLastError();
    }

    @Override
    public String describe() {
        return "JnaWinsockPort[ws2_32 by JNA direct mapping]";
    }
}
