/**
 * java.net sockets backed by {@link org.winsock4j.WinSocket}: {@link org.winsock4j.net.WinsockSocket}
 * and {@link org.winsock4j.net.WinsockServerSocket}, and the factories libraries take
 * ({@link org.winsock4j.net.WinsockSocketFactory}, {@link org.winsock4j.net.WinsockServerSocketFactory},
 * {@link org.winsock4j.net.WinsockSslSocketFactory} for TLS), so that code written against
 * {@code java.net.Socket} (JDBC drivers, HTTP clients, TLS) runs on Winsock with its exact close
 * semantics and typed errors. Nothing is switched globally: only sockets made here are WinSockets.
 *
 * <h2>Where the rules differ from the JDK's Socket</h2>
 * The compatibility suite runs the same tests against the JDK's Socket and these (README,
 * "java.net sockets"); what differs is Winsock's rule or winsock4j's, on purpose:
 * <ul>
 *   <li><b>close()</b> honours the linger exactly as closesocket does and does nothing first
 *       (but see the next item). The
 *       JDK's Socket calls shutdown(SD_SEND) before closesocket unless the linger is 0, after which
 *       Windows ignores a linger timeout; here {@code setSoLinger(true, n)} makes close wait up to
 *       n seconds for the queued data (then Windows resets), as the JDK documents SO_LINGER.
 *       {@code setSoLinger(true, 0)} resets the connection in both; off (the default), both end
 *       gracefully with a FIN.
 *   <li><b>A close while another thread reads or writes.</b> A platform thread blocked in recv or
 *       send (the socket is still blocking, see {@link org.winsock4j.net.WinsockSocket}) has its
 *       call cancelled by the close, and Windows resets a connection whose receive a close
 *       cancels ({@link org.winsock4j.WinSocket#close()}): so close shuts the output down first
 *       then (as the JDK's Socket does before every close, and its SocketChannel since
 *       JDK-8358764), unless SO_LINGER is on with 0 (the reset asked for). A thread waiting in
 *       WSAPoll (after a timed read, or on a virtual thread) has nothing cancelled, and the
 *       linger alone decides. Either way that thread gets "Socket closed".
 *   <li><b>shutdownInput() while another thread reads.</b> Nothing wakes a platform thread
 *       already blocked in recv: whether shutdown(SD_RECEIVE) ends that receive is up to ws2_32
 *       (the JDK's Socket on Windows sends no wake-up either); the reads after it return -1.
 *   <li><b>A leaked socket</b> (never closed, unreachable) is closed abortively by the WinSocket's
 *       Cleaner (a reset); the JDK's Cleaner closes gracefully.
 *   <li><b>Messages</b> name the WSA error ("recv failed: WSAECONNRESET (10054): ..."); the types
 *       are the JDK's, and the exception is the {@link org.winsock4j.WinsockError} itself.
 *   <li><b>A failed closesocket</b> marks the Socket closed and leaves its WinSocket open
 *       ({@link org.winsock4j.net.WinsockSocket#winSocket()}), where the JDK forgets the descriptor.
 *   <li><b>IP_TOS</b> is kept and read back, not set: the option is obsolete on Windows, and the
 *       JDK's Socket ignores it there too. SO_REUSEADDR is a flag only, every bind exclusive
 *       (SO_EXCLUSIVEADDRUSE), as the JDK on Windows.
 * </ul>
 */
package org.winsock4j.net;
