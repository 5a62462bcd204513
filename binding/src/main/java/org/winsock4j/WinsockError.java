package org.winsock4j;

import java.util.Optional;

/**
 * What every exception winsock4j throws for a failed Winsock call has in common: the WSA error
 * number, its SDK name and the SDK function that failed. One type to test for, whatever the
 * exception's JDK shape:
 *
 * <pre>{@code
 * } catch (IOException e) {
 *     if (e instanceof WinsockError w) {
 *         log(w.operation() + " " + w.sdkName() + " " + w.code());
 *     }
 * }</pre>
 *
 * <p>The exceptions keep the JDK's shapes so that existing catch blocks work (Netty's
 * {@code Errors.NativeConnectException} is the same idea):
 *
 * <table>
 *   <caption>The exceptions for a WSA error</caption>
 *   <tr><th>WSA error</th><th>winsock4j class</th><th>is a (JDK)</th></tr>
 *   <tr><td>WSAECONNREFUSED (10061)</td><td>{@link WinsockException.ConnectionRefused}</td>
 *       <td>{@link java.net.ConnectException}</td></tr>
 *   <tr><td>WSAEADDRINUSE (10048)</td><td>{@link WinsockException.AddressInUse}</td>
 *       <td>{@link java.net.BindException}</td></tr>
 *   <tr><td>WSAETIMEDOUT (10060)</td><td>{@link WinsockException.TimedOut}</td>
 *       <td>{@link java.net.SocketTimeoutException} (an {@link java.io.InterruptedIOException},
 *       not a {@link java.net.SocketException})</td></tr>
 *   <tr><td>WSAEHOSTUNREACH (10065)</td><td>{@link WinsockException.HostUnreachable}</td>
 *       <td>{@link java.net.NoRouteToHostException}</td></tr>
 *   <tr><td>WSAENETUNREACH (10051)</td><td>{@link WinsockException.NetworkUnreachable}</td>
 *       <td>{@link java.net.NoRouteToHostException}</td></tr>
 *   <tr><td>any other number</td><td>{@link WinsockException} or one of its typed subclasses
 *       ({@link WinsockException.WouldBlock}, {@link WinsockException.ConnectionReset}, ...)</td>
 *       <td>{@link java.net.SocketException}</td></tr>
 * </table>
 *
 * <p>The five JDK-shaped classes are nested in {@link WinsockException} (so that
 * {@code catch (WinsockException.ConnectionRefused e)} reads as before) but do not extend it: a
 * {@code catch (WinsockException e)} does not catch them; {@code catch (WinsockError e)} is not
 * possible in Java (an interface is not a {@link Throwable} type), so catch the JDK type, or
 * {@link java.io.IOException} and test with {@code instanceof WinsockError}.
 *
 * @see <a href="https://learn.microsoft.com/en-us/windows/win32/winsock/windows-sockets-error-codes-2">Windows Sockets Error Codes</a>
 */
public sealed interface WinsockError permits WinsockException, WinsockException.ConnectionRefused,
        WinsockException.AddressInUse, WinsockException.TimedOut, WinsockException.HostUnreachable,
        WinsockException.NetworkUnreachable {

    /**
     * The error number, exactly as WSAGetLastError reported it.
     *
     * @return the code, such as 10061 for WSAECONNREFUSED
     */
    int code();

    /**
     * The failed SDK function, e.g. {@code connect}.
     *
     * @return the function's name
     */
    String operation();

    /**
     * The SDK's name for the number, if it names it.
     *
     * @return the constant for {@link #code()}, or empty
     */
    default Optional<WsaError> error() {
        return Optional.ofNullable(WsaError.forCode(code()));
    }

    /**
     * The SDK name, or {@code "error N"} for a number the SDK does not name.
     *
     * @return the name, such as {@code "WSAECONNREFUSED"}
     */
    default String sdkName() {
        return WsaError.nameOf(code());
    }
}
