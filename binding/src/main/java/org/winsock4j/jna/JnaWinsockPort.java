package org.winsock4j.jna;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import org.winsock4j.internal.PortArguments;
import org.winsock4j.port.Sdk;
import org.winsock4j.port.SdkStructs;
import org.winsock4j.port.WinsockPort;
import org.winsock4j.WinsockUnavailableException;

/**
 * The port over the real ws2_32, through the direct mappings {@link Ws2_32} and
 * {@link Kernel32Io}. Adds nothing to a call but the buffer plumbing Java needs: a direct buffer
 * is passed by address at its position; heap data (an array slice, a heap buffer) passes
 * through native {@link Scratch} memory, copying only the bytes of the call, so that a call
 * costs what its length costs whatever the size of the array around the slice. Every method
 * checks its arrays, buffers and lengths first ({@link PortArguments}): ws2_32 gets only memory
 * inside what the caller passed.
 */
public final class JnaWinsockPort implements WinsockPort {
    private static final JnaWinsockPort INSTANCE = new JnaWinsockPort(DataIo.WS2_32);
    private static volatile boolean linked;

    /** ws2_32's send and recv on native memory; a script in the unit tests of the copy loops. */
    interface DataIo {
        int send(long s, Pointer buf, int len, int flags);

        int recv(long s, Pointer buf, int len, int flags);

        DataIo WS2_32 = new DataIo() {
            @Override
            public int send(long s, Pointer buf, int len, int flags) {
                return Ws2_32.send(s, buf, len, flags);
            }

            @Override
            public int recv(long s, Pointer buf, int len, int flags) {
                return Ws2_32.recv(s, buf, len, flags);
            }
        };
    }

    private final DataIo io;

    /** For the unit tests of the copy loops only: {@link #instance()} is the backend. */
    JnaWinsockPort(DataIo io) {
        this.io = io;
    }

    /**
     * The backend, after checking this JVM can reach ws2_32 and registering the mappings.
     *
     * @return the one JNA backend of this JVM
     * @throws WinsockUnavailableException on a JVM that is not on 64-bit Windows (or Wine), or
     *     when ws2_32/kernel32 fail to load; the message names the OS
     */
    public static JnaWinsockPort instance() {
        if (!linked) {
            link();
        }
        return INSTANCE;
    }

    private static synchronized void link() {
        if (linked) {
            return;
        }
        String os = System.getProperty("os.name") + " " + System.getProperty("os.version")
                + " (" + System.getProperty("os.arch") + ")";
        if (!Platform.isWindows()) {
            throw new WinsockUnavailableException("winsock4j needs ws2_32.dll from Windows or Wine; this JVM runs on "
                    + os + ". Run it with a Windows JVM (natively, or under Wine: see the README).", null);
        }
        if (Native.POINTER_SIZE != 8) {
            throw new WinsockUnavailableException("winsock4j maps the Win64 ABI (SOCKET is 64 bits); this JVM on "
                    + os + " has " + (8 * Native.POINTER_SIZE) + "-bit pointers", null);
        }
        try {
            Class.forName(Ws2_32.class.getName(), true, JnaWinsockPort.class.getClassLoader());
            Class.forName(Kernel32Io.class.getName(), true, JnaWinsockPort.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new WinsockUnavailableException("cannot load ws2_32.dll/kernel32.dll on " + os + ": " + e, e);
        }
        linked = true;
    }

    @Override
    public int wsaStartup(int wVersionRequested, int[] wVersionOut) {
        PortArguments.one("WSAStartup", "wVersionOut", wVersionOut, true);
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
        PortArguments.in("bind", "name", "namelen", name, namelen);
        return Ws2_32.bind(s, name, namelen);
    }

    @Override
    public int listen(long s, int backlog) {
        return Ws2_32.listen(s, backlog);
    }

    @Override
    public long accept(long s, byte[] addr, int[] addrlen) {
        PortArguments.out("accept", "addr", "addrlen", addr, addrlen, true);
        return Ws2_32.accept(s, addr, addrlen);
    }

    @Override
    public int connect(long s, byte[] name, int namelen) {
        PortArguments.in("connect", "name", "namelen", name, namelen);
        return Ws2_32.connect(s, name, namelen);
    }

    /**
     * send of an array slice, through native scratch memory: the slice is copied and sent in
     * chunks of up to 256 KiB ({@code Scratch.CHUNK}, which says why that size), one send each,
     * stopping at the first send that takes less than its chunk. When a chunk after the first
     * fails, the call returns the bytes already sent, as a short send; the failure itself (a
     * reset, a cancellation by close) is reported by the next call on the socket. So the call
     * fails ({@link Sdk#SOCKET_ERROR}, with {@link #lastError()}) only when nothing was sent.
     */
    @Override
    public int send(long s, byte[] buf, int offset, int len, int flags) {
        PortArguments.slice("send", buf, offset, len);
        return sendThroughScratch(s, buf, null, offset, len, flags);
    }

    /**
     * send from any buffer: a direct one by address at its position, a heap one (also read-only,
     * which has no accessible array) by copy, in chunks, as {@link #send(long, byte[], int, int, int)}.
     * The buffer's position is not moved.
     */
    @Override
    public int send(long s, ByteBuffer buffer, int len, int flags) {
        PortArguments.remaining("send", buffer, len);
        if (buffer.isDirect()) {
            return io.send(s, at(buffer), len, flags);
        }
        return sendThroughScratch(s, null, buffer, buffer.position(), len, flags);
    }

    /** The chunk loop of both sends: exactly one of {@code array} and {@code heap} is given. */
    private int sendThroughScratch(long s, byte[] array, ByteBuffer heap, int from, int len, int flags) {
        Scratch scratch = Scratch.take(len);
        try {
            ByteBuffer view = scratch.view;
            int chunk = view.capacity();
            int sent = 0;
            do {
                int n = Math.min(len - sent, chunk);
                if (array != null) {
                    view.put(0, array, from + sent, n);
                } else {
                    view.put(0, heap, from + sent, n);
                }
                int r = io.send(s, scratch.memory, n, flags);
                if (r == Sdk.SOCKET_ERROR) {
                    return sent == 0 ? Sdk.SOCKET_ERROR : sent;
                }
                sent += r;
                if (r < n) {
                    break;
                }
            } while (sent < len);
            return sent;
        } finally {
            scratch.release();
        }
    }

    /**
     * recv into an array slice, through native scratch memory: at most 256 KiB
     * per call (recv may return fewer than asked anyway; with MSG_WAITALL it waits for at
     * most that many), and only the bytes received are copied into the array.
     */
    @Override
    public int recv(long s, byte[] buf, int offset, int len, int flags) {
        PortArguments.slice("recv", buf, offset, len);
        return recvThroughScratch(s, buf, null, offset, len, flags);
    }

    /**
     * recv into any writable buffer: a direct one by address at its position, a heap one by copy
     * as {@link #recv(long, byte[], int, int, int)}. The buffer's position is not moved.
     *
     * @throws ReadOnlyBufferException for a read-only buffer, before anything is received
     */
    @Override
    public int recv(long s, ByteBuffer buffer, int len, int flags) {
        PortArguments.remaining("recv", buffer, len);
        if (buffer.isReadOnly()) {
            throw new ReadOnlyBufferException();
        }
        if (buffer.isDirect()) {
            return io.recv(s, at(buffer), len, flags);
        }
        return recvThroughScratch(s, null, buffer, buffer.position(), len, flags);
    }

    /**
     * The one recv of both heap paths: at most one chunk, and only the bytes received are
     * copied out; exactly one of {@code array} and {@code heap} is given.
     */
    private int recvThroughScratch(long s, byte[] array, ByteBuffer heap, int at, int len, int flags) {
        Scratch scratch = Scratch.take(len);
        try {
            int n = io.recv(s, scratch.memory, Math.min(len, scratch.view.capacity()), flags);
            if (n > 0) {
                if (array != null) {
                    scratch.view.get(0, array, at, n);
                } else {
                    heap.put(at, scratch.view, 0, n);
                }
            }
            return n;
        } finally {
            scratch.release();
        }
    }

    private static Pointer at(ByteBuffer direct) {
        return DirectAddress.at(direct);
    }

    @Override
    public int setsockopt(long s, int level, int optname, byte[] optval, int optlen) {
        PortArguments.in("setsockopt", "optval", "optlen", optval, optlen);
        return Ws2_32.setsockopt(s, level, optname, optval, optlen);
    }

    @Override
    public int getsockopt(long s, int level, int optname, byte[] optval, int[] optlen) {
        PortArguments.out("getsockopt", "optval", "optlen", optval, optlen, false);
        return Ws2_32.getsockopt(s, level, optname, optval, optlen);
    }

    @Override
    public int ioctlsocket(long s, int cmd, int[] argp) {
        PortArguments.one("ioctlsocket", "argp", argp, false);
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
        PortArguments.out("getsockname", "name", "namelen", name, namelen, false);
        return Ws2_32.getsockname(s, name, namelen);
    }

    @Override
    public int getpeername(long s, byte[] name, int[] namelen) {
        PortArguments.out("getpeername", "name", "namelen", name, namelen, false);
        return Ws2_32.getpeername(s, name, namelen);
    }

    @Override
    public int wsaIoctl(long s, int code, byte[] in, byte[] out, int[] bytesReturned) {
        PortArguments.one("WSAIoctl", "lpcbBytesReturned", bytesReturned, false);
        return Ws2_32.WSAIoctl(s, code, in, in == null ? 0 : in.length, out, out == null ? 0 : out.length,
                bytesReturned, null, null);
    }

    @Override
    public int wsaPoll(long[] fds, short[] events, short[] revents, int timeout) {
        PortArguments.poll(fds, events, revents);
        int n = fds.length;
        try (Memory array = new Memory((long) n * Sdk.SIZEOF_WSAPOLLFD)) {
            array.clear();
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
    }

    /**
     * select, with the three fd_set images and the timeval copied into native memory of the
     * call's own (select is not on the data path) and the sets copied back after.
     */
    @Override
    public int select(byte[] readfds, byte[] writefds, byte[] exceptfds, byte[] timeout) {
        SdkStructs.checkSelectArguments(readfds, writefds, exceptfds, timeout);
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

    /**
     * sendto of one datagram: a direct buffer by address, a heap one copied whole into native
     * memory (scratch, or memory of its own beyond {@code Scratch.CHUNK}), never split.
     */
    @Override
    public int sendto(long s, ByteBuffer buffer, int len, int flags, byte[] to, int tolen) {
        PortArguments.remaining("sendto", buffer, len);
        PortArguments.in("sendto", "to", "tolen", to, tolen);
        if (buffer.isDirect()) {
            return Ws2_32.sendto(s, at(buffer), len, flags, to, tolen);
        }
        if (len > Scratch.CHUNK) {
            try (Memory memory = new Memory(len)) {
                memory.getByteBuffer(0, len).put(0, buffer, buffer.position(), len);
                return Ws2_32.sendto(s, memory, len, flags, to, tolen);
            }
        }
        Scratch scratch = Scratch.take(len);
        try {
            scratch.view.put(0, buffer, buffer.position(), len);
            return Ws2_32.sendto(s, scratch.memory, len, flags, to, tolen);
        } finally {
            scratch.release();
        }
    }

    /**
     * recvfrom of one datagram: a direct buffer by address, a heap one through native memory;
     * the bytes received are copied out, and so are the {@code len} bytes a WSAEMSGSIZE failure
     * filled (recvfrom remarks).
     *
     * @throws ReadOnlyBufferException for a read-only buffer, before anything is received
     */
    @Override
    public int recvfrom(long s, ByteBuffer buffer, int len, int flags, byte[] from, int[] fromlen) {
        PortArguments.remaining("recvfrom", buffer, len);
        PortArguments.out("recvfrom", "from", "fromlen", from, fromlen, true);
        if (buffer.isReadOnly()) {
            throw new ReadOnlyBufferException();
        }
        if (buffer.isDirect()) {
            return Ws2_32.recvfrom(s, at(buffer), len, flags, from, fromlen);
        }
        if (len > Scratch.CHUNK) {
            try (Memory memory = new Memory(len)) {
                return recvfromCopy(s, memory, memory.getByteBuffer(0, len), buffer, len, flags, from, fromlen);
            }
        }
        Scratch scratch = Scratch.take(len);
        try {
            return recvfromCopy(s, scratch.memory, scratch.view, buffer, len, flags, from, fromlen);
        } finally {
            scratch.release();
        }
    }

    /**
     * recvfrom through native memory that starts as the caller's bytes: a WSAEMSGSIZE failure
     * says the {@code len} bytes were filled, but whatever ws2_32 did not write stays the
     * caller's own, never an earlier call's data.
     */
    private static int recvfromCopy(long s, Pointer memory, ByteBuffer view, ByteBuffer heap, int len, int flags,
            byte[] from, int[] fromlen) {
        view.put(0, heap, heap.position(), len);
        int n = Ws2_32.recvfrom(s, memory, len, flags, from, fromlen);
        int filled = n != Sdk.SOCKET_ERROR ? n : Native.getLastError() == WSAEMSGSIZE ? len : 0;
        if (filled > 0) {
            heap.put(heap.position(), view, 0, filled);
        }
        return n;
    }

    /** WSAEMSGSIZE: the datagram was longer than the buffer, which holds its first bytes. */
    private static final int WSAEMSGSIZE = 10040;

    @Override
    public String toString() {
        return "JnaWinsockPort[ws2_32 by JNA direct mapping]";
    }
}
