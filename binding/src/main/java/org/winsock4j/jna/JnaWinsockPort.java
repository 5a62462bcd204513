package org.winsock4j.jna;

import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.winsock4j.port.WinsockPort;
import org.winsock4j.port.WinsockUnavailableException;

/**
 * The port over the real ws2_32, through the direct mappings {@link Ws2_32} and
 * {@link Kernel32Io}. Adds nothing to a call but the buffer plumbing Java needs: an array slice at
 * a non-zero offset is copied (direct mapping passes an array from its first element), a direct
 * buffer is passed by address at its position.
 */
public final class JnaWinsockPort implements WinsockPort {
    private static final JnaWinsockPort INSTANCE = new JnaWinsockPort();
    private static volatile boolean linked;

    private JnaWinsockPort() {}

    /**
     * The backend, after checking this JVM can reach ws2_32 and registering the mappings.
     *
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
    public int send(long s, byte[] buf, int offset, int len, int flags) {
        byte[] from = offset == 0 ? buf : Arrays.copyOfRange(buf, offset, offset + len);
        return Ws2_32.send(s, from, len, flags);
    }

    @Override
    public int send(long s, ByteBuffer direct, int len, int flags) {
        return Ws2_32.send(s, at(direct), len, flags);
    }

    @Override
    public int recv(long s, byte[] buf, int offset, int len, int flags) {
        if (offset == 0) {
            return Ws2_32.recv(s, buf, len, flags);
        }
        byte[] into = new byte[len];
        int n = Ws2_32.recv(s, into, len, flags);
        if (n > 0) {
            System.arraycopy(into, 0, buf, offset, n);
        }
        return n;
    }

    @Override
    public int recv(long s, ByteBuffer direct, int len, int flags) {
        return Ws2_32.recv(s, at(direct), len, flags);
    }

    private static Pointer at(ByteBuffer direct) {
        return Native.getDirectBufferPointer(direct).share(direct.position());
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
    public boolean cancelIoEx(long handle) {
        return Kernel32Io.CancelIoEx(handle, null) != 0;
    }

    /** The error JNA saved for this thread right after the last native call (no downcall). */
    @Override
    public int lastError() {
        return Native.getLastError();
    }

    @Override
    public String toString() {
        return "JnaWinsockPort[ws2_32 by JNA direct mapping]";
    }
}
