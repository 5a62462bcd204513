package org.winsock4j.jna;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

/**
 * The one kernel32 call the binding needs, by direct mapping like {@link Ws2_32}:
 * {@code BOOL CancelIoEx(HANDLE hFile, LPOVERLAPPED lpOverlapped)} (ioapiset.h). A SOCKET is a
 * kernel HANDLE, so CancelIoEx(socket, NULL) cancels the socket's pending I/O from every thread;
 * .NET and Go use it the same way to unblock calls before closing.
 */
public final class Kernel32Io {
    private Kernel32Io() {}

    static {
        Native.register(Kernel32Io.class, NativeLibrary.getInstance("kernel32"));
    }

    /**
     * Returns BOOL: non-zero on success; on failure GetLastError (Native.getLastError) says why.
     *
     * @param hFile the handle whose I/O to cancel: here a SOCKET
     * @param lpOverlapped the OVERLAPPED of the one request to cancel, or {@code null} for all of
     *     the handle's requests
     * @return non-zero if cancelling was requested; 0 on failure, ERROR_NOT_FOUND when nothing was
     *     pending
     * @see <a href="https://learn.microsoft.com/en-us/windows/win32/api/ioapiset/nf-ioapiset-cancelioex">CancelIoEx function (ioapiset.h)</a>
     */
    public static native int CancelIoEx(long hFile, Pointer lpOverlapped);
}
