/**
 * winsock4j: Windows Sockets (ws2_32) for Java, with the close semantics java.net hides.
 *
 * <p>The API is {@code org.winsock4j} (sockets, Winsock sessions, linger, typed errors) and
 * {@code org.winsock4j.tcp} (the TCP and UDP tables, ending connections) and {@code org.winsock4j.net}
 * (java.net sockets and the socket factories libraries take, backed by WinSockets). {@code org.winsock4j.port}
 * is exported on purpose as a service-provider interface: the seam a backend implements (the
 * JNA and FFM ones inside this module, a test fake) and that
 * {@code Winsock.over(WinsockPort)} and {@code IpHelper.over(IpHelperPort)} accept. The raw JNA
 * mappings, {@code org.winsock4j.jna} and {@code org.winsock4j.ffm} (whose real classes are the
 * jar's Java 22 part), are internal: their natives bypass the lifetime guard.
 */
module org.winsock4j {
    requires com.sun.jna;
    requires com.sun.jna.platform;

    exports org.winsock4j;
    exports org.winsock4j.tcp;
    exports org.winsock4j.net;
    exports org.winsock4j.port;

    // JNA reads and writes Structure fields (WSADATA, LINGER, MIB rows) by reflection.
    opens org.winsock4j.jna to com.sun.jna;
}
