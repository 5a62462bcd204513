package org.winsock4j.bench;

import java.nio.ByteBuffer;
import org.winsock4j.port.WinsockPort;

/**
 * A backend that does nothing and always succeeds: what is left of a WinSocket call over it is
 * the safe layer itself (argument checks, the lifetime guard, the port dispatch). Any JVM.
 */
class NoopPort implements WinsockPort {
    /** The one "socket" this port hands out. */
    static final long SOCKET = 0x1c4L;

    @Override public int wsaStartup(int wVersionRequested, int[] wVersionOut) {
        if (wVersionOut != null && wVersionOut.length > 0) {
            wVersionOut[0] = wVersionRequested;
        }
        return 0;
    }
    @Override public int wsaCleanup() { return 0; }
    @Override public long socket(int af, int type, int protocol) { return SOCKET; }
    @Override public int bind(long s, byte[] name, int namelen) { return 0; }
    @Override public int listen(long s, int backlog) { return 0; }
    @Override public long accept(long s, byte[] addr, int[] addrlen) { return SOCKET; }
    @Override public int connect(long s, byte[] name, int namelen) { return 0; }
    @Override public int send(long s, byte[] buf, int offset, int len, int flags) { return len; }
    @Override public int send(long s, ByteBuffer buffer, int offset, int len, int flags) { return len; }
    @Override public int recv(long s, byte[] buf, int offset, int len, int flags) { return len; }
    @Override public int recv(long s, ByteBuffer buffer, int offset, int len, int flags) { return len; }
    @Override public int setsockopt(long s, int level, int optname, byte[] optval, int optlen) { return 0; }
    @Override public int getsockopt(long s, int level, int optname, byte[] optval, int[] optlen) { return 0; }
    @Override public int ioctlsocket(long s, int cmd, int[] argp) { return 0; }
    @Override public int shutdown(long s, int how) { return 0; }
    @Override public int closesocket(long s) { return 0; }
    @Override public int getsockname(long s, byte[] name, int[] namelen) { return 0; }
    @Override public int getpeername(long s, byte[] name, int[] namelen) { return 0; }
    @Override public int wsaIoctl(long s, int code, byte[] in, byte[] out, int[] bytesReturned) { return 0; }
    @Override public int wsaPoll(long[] fds, short[] events, short[] revents, int timeout) { return 0; }
    @Override public int select(byte[] readfds, byte[] writefds, byte[] exceptfds, byte[] timeout) { return 0; }
    @Override public boolean cancelIoEx(long handle) { return true; }
    @Override public int lastError() { return 0; }
    @Override public int sendto(long s, ByteBuffer buffer, int offset, int len, int flags, byte[] to, int tolen) {
        return len;
    }
    @Override public int recvfrom(long s, ByteBuffer buffer, int offset, int len, int flags, byte[] from,
            int[] fromlen) {
        return len;
    }
}
