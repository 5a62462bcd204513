package org.winsock4j.internal;

import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import org.winsock4j.port.Sdk;
import org.winsock4j.port.SdkStructs;
import org.winsock4j.port.WinsockPort;

/**
 * The {@link WinsockPort} of both real backends: the buffer layer, written once above their
 * address-level {@link NativeWinsock} (docs/ARCHITECTURE.md#buffer-layer), as OpenJDK's IOUtil
 * handles buffers once above its NativeDispatcher. What it adds to a call:
 * <ul>
 *   <li>the argument checks, before any native call ({@link PortArguments}): a slice of an array
 *       or a buffer, a length passed with a structure;
 *   <li>a direct buffer goes by address (its base, remembered per thread by {@link DirectBases},
 *       plus the call's offset), kept reachable until the call has returned (a fence after the
 *       call: should the call throw instead, ws2_32 is no longer using the memory);
 *   <li>heap data (an array slice, a heap or read-only buffer) passes through native scratch
 *       memory ({@link ScratchSource}), copying only the bytes of the call: a send of more than
 *       {@link #CHUNK} bytes goes out chunk by chunk, a recv reads at most one chunk, a datagram
 *       goes whole (through memory of its own when it is longer than a chunk);
 *   <li>memory a function may write starts as the caller's bytes: a recvfrom that writes less
 *       than it reports (WSAEMSGSIZE) leaves the caller's bytes, not an earlier call's.
 * </ul>
 * Nothing is allocated per call on the Java heap, but a datagram longer than {@link #CHUNK}
 * bytes (memory of its own) and scratch memory that grows ({@link ScratchSource}). Buffers are
 * addressed by explicit offsets: a position or a limit is never read or moved.
 *
 * @param <T> the backend's per-thread call state ({@link NativeWinsock#callState()})
 */
public final class NativeWinsockPort<T> implements WinsockPort {
    /**
     * Bytes per native call for heap data: a recv reads at most one chunk (recv may return fewer
     * bytes than asked anyway), a larger send goes out chunk by chunk. 256 KiB, from a
     * measurement under Wine (benchmarks/results/DATA-PATH.md, SendChunkBench), where every
     * send is a wineserver round trip: a 1 MiB send took 2.84 ms in 16 KiB chunks, 1.33 ms in
     * 64 KiB chunks (the size the JDK's old Windows socket streams used), 0.80 ms in 256 KiB
     * chunks (0.73 ms through the JNA backend) and 0.77 ms in 1 MiB chunks, against 0.63 ms for
     * one send from a direct buffer; a 64 KiB send cost the same with any chunk of at least
     * 64 KiB. 256 KiB takes most of the gain for a quarter of the native memory per buffer that
     * 1 MiB would hold.
     */
    public static final int CHUNK = 256 * 1024;

    /** WSAEMSGSIZE: the datagram was longer than the buffer, which holds its first bytes. */
    private static final int WSAEMSGSIZE = 10040;

    private final NativeWinsock<T> nat;
    private final ScratchSource<NativeMemory> scratch;

    /**
     * The port over a backend.
     *
     * @param nat the backend's ws2_32, data by address
     */
    public NativeWinsockPort(NativeWinsock<T> nat) {
        this.nat = nat;
        this.scratch = new ScratchSource<>(CHUNK, nat::allocate, NativeMemory::size);
    }

    // ------------------------------------------------------------ data

    /**
     * send of an array slice through native scratch memory: copied and sent in chunks of up to
     * {@link #CHUNK} bytes, one send each, stopping at the first send that takes less than its
     * chunk. When a chunk after the first fails, the call returns the bytes already sent, as a
     * short send; the failure itself (a reset, a cancellation by close) is reported by the next
     * call on the socket. So the call fails ({@link Sdk#SOCKET_ERROR}, with
     * {@link #lastError()}) only when nothing was sent.
     */
    @Override
    public int send(long s, byte[] buf, int offset, int len, int flags) {
        PortArguments.slice("send", buf, offset, len);
        return sendHeap(s, buf, null, offset, len, flags);
    }

    /** send from any buffer: a direct one by address, a heap one (also read-only) as an array slice. */
    @Override
    public int send(long s, ByteBuffer buffer, int offset, int len, int flags) {
        PortArguments.slice("send", buffer, offset, len);
        return buffer.isDirect() ? direct(false, s, buffer, offset, len, flags)
                : sendHeap(s, null, buffer, offset, len, flags);
    }

    /**
     * send or recv of a direct buffer's slice, by the address of its byte at {@code offset}; the
     * buffer stays reachable until the call has returned.
     */
    private int direct(boolean recv, long s, ByteBuffer buffer, int offset, int len, int flags) {
        T st = nat.callState();
        long address = nat.directBases(st).address(buffer, offset);
        int n = recv ? nat.recv(st, s, address, len, flags) : nat.send(st, s, address, len, flags);
        Reference.reachabilityFence(buffer);
        return n;
    }

    /** The chunk loop of both heap sends: exactly one of {@code array} and {@code heap} is given. */
    private int sendHeap(long s, byte[] array, ByteBuffer heap, int from, int len, int flags) {
        NativeMemory memory = scratch.take(len);
        try {
            T st = nat.callState();
            int chunk = memory.size();
            int sent = 0;
            do {
                int n = Math.min(len - sent, chunk);
                copyIn(memory, array, heap, from + sent, n);
                int r = nat.send(st, s, memory.address, n, flags);
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
            scratch.give(memory);
        }
    }

    /**
     * recv into an array slice through native scratch memory: at most {@link #CHUNK} bytes per
     * call (recv may return fewer than asked anyway; with MSG_WAITALL it waits for at most that
     * many), and only the bytes received are copied into the array.
     */
    @Override
    public int recv(long s, byte[] buf, int offset, int len, int flags) {
        PortArguments.slice("recv", buf, offset, len);
        return recvHeap(s, buf, null, offset, len, flags);
    }

    /**
     * recv into any writable buffer: a direct one by address, a heap one as an array slice.
     *
     * @throws ReadOnlyBufferException for a read-only buffer, before anything is received
     */
    @Override
    public int recv(long s, ByteBuffer buffer, int offset, int len, int flags) {
        PortArguments.slice("recv", buffer, offset, len);
        refuseReadOnly(buffer);
        return buffer.isDirect() ? direct(true, s, buffer, offset, len, flags)
                : recvHeap(s, null, buffer, offset, len, flags);
    }

    /** The one recv of both heap paths; exactly one of {@code array} and {@code heap} is given. */
    private int recvHeap(long s, byte[] array, ByteBuffer heap, int at, int len, int flags) {
        NativeMemory memory = scratch.take(len);
        try {
            int n = nat.recv(nat.callState(), s, memory.address, Math.min(len, memory.size()), flags);
            if (n > 0) {
                if (array != null) {
                    memory.view.get(0, array, at, n);
                } else {
                    heap.put(at, memory.view, 0, n);
                }
            }
            return n;
        } finally {
            scratch.give(memory);
        }
    }

    /**
     * sendto of one datagram, never split: a direct buffer by address, a heap one copied whole
     * into native memory (scratch, or memory of its own beyond {@link #CHUNK}).
     */
    @Override
    public int sendto(long s, ByteBuffer buffer, int offset, int len, int flags, byte[] to, int tolen) {
        PortArguments.slice("sendto", buffer, offset, len);
        PortArguments.in("sendto", "to", "tolen", to, tolen);
        T st = nat.callState();
        if (buffer.isDirect()) {
            int n = nat.sendto(st, s, nat.directBases(st).address(buffer, offset), len, flags, to, tolen);
            Reference.reachabilityFence(buffer);
            return n;
        }
        NativeMemory memory = datagramMemory(len);
        try {
            memory.view.put(0, buffer, offset, len);
            return nat.sendto(st, s, memory.address, len, flags, to, tolen);
        } finally {
            release(memory, len);
        }
    }

    /**
     * recvfrom of one datagram: a direct buffer by address, a heap one through native memory
     * that starts as the caller's bytes; the bytes received are copied out, and so are the
     * {@code len} bytes a WSAEMSGSIZE failure filled (recvfrom remarks), whatever ws2_32 did not
     * write there being the caller's own, never an earlier call's data.
     *
     * @throws ReadOnlyBufferException for a read-only buffer, before anything is received
     */
    @Override
    public int recvfrom(long s, ByteBuffer buffer, int offset, int len, int flags, byte[] from, int[] fromlen) {
        PortArguments.slice("recvfrom", buffer, offset, len);
        PortArguments.out("recvfrom", "from", "fromlen", from, fromlen, true);
        refuseReadOnly(buffer);
        T st = nat.callState();
        if (buffer.isDirect()) {
            int n = nat.recvfrom(st, s, nat.directBases(st).address(buffer, offset), len, flags, from, fromlen);
            Reference.reachabilityFence(buffer);
            return n;
        }
        NativeMemory memory = datagramMemory(len);
        try {
            memory.view.put(0, buffer, offset, len);
            int n = nat.recvfrom(st, s, memory.address, len, flags, from, fromlen);
            int filled = n != Sdk.SOCKET_ERROR ? n : nat.lastError() == WSAEMSGSIZE ? len : 0;
            if (filled > 0) {
                buffer.put(offset, memory.view, 0, filled);
            }
            return n;
        } finally {
            release(memory, len);
        }
    }

    private static void refuseReadOnly(ByteBuffer buffer) {
        if (buffer.isReadOnly()) {
            throw new ReadOnlyBufferException();
        }
    }

    private static void copyIn(NativeMemory memory, byte[] array, ByteBuffer heap, int from, int n) {
        if (array != null) {
            memory.view.put(0, array, from, n);
        } else {
            memory.view.put(0, heap, from, n);
        }
    }

    /** Memory for a whole datagram of {@code len} bytes: scratch, or memory of its own beyond a chunk. */
    private NativeMemory datagramMemory(int len) {
        return len > CHUNK ? nat.allocateForCall(len) : scratch.take(len);
    }

    private void release(NativeMemory datagramMemory, int len) {
        if (len > CHUNK) {
            datagramMemory.free();
        } else {
            scratch.give(datagramMemory);
        }
    }

    // ------------------------------------------------------------ the rest: checked, then passed on

    @Override
    public int wsaStartup(int wVersionRequested, int[] wVersionOut) {
        PortArguments.one("WSAStartup", "wVersionOut", wVersionOut, true);
        return nat.wsaStartup(wVersionRequested, wVersionOut);
    }

    @Override
    public int wsaCleanup() {
        return nat.wsaCleanup();
    }

    @Override
    public long socket(int af, int type, int protocol) {
        return nat.socket(af, type, protocol);
    }

    @Override
    public int bind(long s, byte[] name, int namelen) {
        PortArguments.in("bind", "name", "namelen", name, namelen);
        return nat.bind(s, name, namelen);
    }

    @Override
    public int listen(long s, int backlog) {
        return nat.listen(s, backlog);
    }

    @Override
    public long accept(long s, byte[] addr, int[] addrlen) {
        PortArguments.out("accept", "addr", "addrlen", addr, addrlen, true);
        return nat.accept(s, addr, addrlen);
    }

    @Override
    public int connect(long s, byte[] name, int namelen) {
        PortArguments.in("connect", "name", "namelen", name, namelen);
        return nat.connect(s, name, namelen);
    }

    @Override
    public int setsockopt(long s, int level, int optname, byte[] optval, int optlen) {
        PortArguments.in("setsockopt", "optval", "optlen", optval, optlen);
        return nat.setsockopt(s, level, optname, optval, optlen);
    }

    @Override
    public int getsockopt(long s, int level, int optname, byte[] optval, int[] optlen) {
        PortArguments.out("getsockopt", "optval", "optlen", optval, optlen, false);
        return nat.getsockopt(s, level, optname, optval, optlen);
    }

    @Override
    public int ioctlsocket(long s, int cmd, int[] argp) {
        PortArguments.one("ioctlsocket", "argp", argp, false);
        return nat.ioctlsocket(s, cmd, argp);
    }

    @Override
    public int shutdown(long s, int how) {
        return nat.shutdown(s, how);
    }

    @Override
    public int closesocket(long s) {
        return nat.closesocket(s);
    }

    @Override
    public int getsockname(long s, byte[] name, int[] namelen) {
        PortArguments.out("getsockname", "name", "namelen", name, namelen, false);
        return nat.getsockname(s, name, namelen);
    }

    @Override
    public int getpeername(long s, byte[] name, int[] namelen) {
        PortArguments.out("getpeername", "name", "namelen", name, namelen, false);
        return nat.getpeername(s, name, namelen);
    }

    @Override
    public int wsaIoctl(long s, int code, byte[] in, byte[] out, int[] bytesReturned) {
        PortArguments.one("WSAIoctl", "lpcbBytesReturned", bytesReturned, false);
        return nat.wsaIoctl(s, code, in, out, bytesReturned);
    }

    @Override
    public int wsaPoll(long[] fds, short[] events, short[] revents, int timeout) {
        PortArguments.poll(fds, events, revents);
        return nat.wsaPoll(fds, events, revents, timeout);
    }

    @Override
    public int select(byte[] readfds, byte[] writefds, byte[] exceptfds, byte[] timeout) {
        SdkStructs.checkSelectArguments(readfds, writefds, exceptfds, timeout);
        return nat.select(readfds, writefds, exceptfds, timeout);
    }

    @Override
    public boolean cancelIoEx(long handle) {
        return nat.cancelIoEx(handle);
    }

    @Override
    public int lastError() {
        return nat.lastError();
    }

    @Override
    public String toString() {
        return nat.describe();
    }
}
