/**
 * winsock4j: Windows Sockets (ws2_32) for Java, with the close semantics java.net hides.
 *
 * <p>The API is {@code org.winsock4j} (sockets, Winsock sessions, linger, typed errors),
 * {@code org.winsock4j.tcp} (the TCP and UDP tables, ending connections) and
 * {@code org.winsock4j.net} (java.net sockets and the socket factories libraries take, backed by
 * WinSockets). Every call on a socket goes through a {@code WinSocket}'s lifetime guard.
 *
 * <p>Not exported: {@code org.winsock4j.port} (the seam a backend implements: one method per
 * native function on a bare SOCKET, no lifetime guard), {@code org.winsock4j.unguarded}
 * ({@code UnguardedPorts}, the unsupported door to those ports for the project's own tests, CLI
 * and benchmarks, which run on the class path), the backends {@code org.winsock4j.jna} and
 * {@code org.winsock4j.ffm} (whose real classes are the jar's Java 22 part) and
 * {@code org.winsock4j.internal}: their calls bypass the lifetime guard. No module of the project
 * needs them exported; a test that does can use {@code --add-exports}.
 */
module org.winsock4j {
    requires com.sun.jna;
    requires com.sun.jna.platform;

    exports org.winsock4j;
    exports org.winsock4j.tcp;
    exports org.winsock4j.net;

    // JNA reads and writes Structure fields (WSADATA, LINGER, MIB rows) by reflection.
    opens org.winsock4j.jna to com.sun.jna;
}
