package org.winsock4j;

import java.util.HashMap;
import java.util.Map;

/**
 * Every Windows Sockets error of winerror.h: the WSA range 10004 to 11031 (WSA_QOS_* included)
 * and the six WSA_* aliases of Win32 errors that overlapped Winsock calls report. The numbers are
 * checked against mingw-w64's winerror.h by native-headers.
 *
 * <p>Each constant's comment is its number and its {@link #meaning()}. Microsoft's list of the
 * codes: https://learn.microsoft.com/en-us/windows/win32/winsock/windows-sockets-error-codes-2
 */
public enum WsaError {
    /** 6: The specified event object handle is invalid. */
    WSA_INVALID_HANDLE(6, "The specified event object handle is invalid."),
    /** 8: Insufficient memory available. */
    WSA_NOT_ENOUGH_MEMORY(8, "Insufficient memory available."),
    /** 87: One or more parameters are invalid. */
    WSA_INVALID_PARAMETER(87, "One or more parameters are invalid."),
    /**
     * 995: The overlapped operation was canceled, by the closing of the socket or a cancel call.
     */
    WSA_OPERATION_ABORTED(995, "The overlapped operation was canceled, by the closing of the socket or a cancel call."),
    /** 996: The overlapped I/O event object is not in a signaled state. */
    WSA_IO_INCOMPLETE(996, "The overlapped I/O event object is not in a signaled state."),
    /** 997: The overlapped operation will complete later. */
    WSA_IO_PENDING(997, "The overlapped operation will complete later."),
    /** 10004: A blocking operation was interrupted by a call to WSACancelBlockingCall. */
    WSAEINTR(10004, "A blocking operation was interrupted by a call to WSACancelBlockingCall."),
    /** 10009: The file handle supplied is not valid. */
    WSAEBADF(10009, "The file handle supplied is not valid."),
    /**
     * 10013: An attempt was made to access a socket in a way forbidden by its access permissions.
     */
    WSAEACCES(10013, "An attempt was made to access a socket in a way forbidden by its access permissions."),
    /**
     * 10014: The system detected an invalid pointer address in attempting to use a pointer
     * argument in a call.
     */
    WSAEFAULT(10014, "The system detected an invalid pointer address in attempting to use a pointer argument in a call."),
    /** 10022: An invalid argument was supplied. */
    WSAEINVAL(10022, "An invalid argument was supplied."),
    /** 10024: Too many open sockets. */
    WSAEMFILE(10024, "Too many open sockets."),
    /** 10035: A non-blocking socket operation could not be completed immediately. */
    WSAEWOULDBLOCK(10035, "A non-blocking socket operation could not be completed immediately."),
    /** 10036: A blocking operation is currently executing. */
    WSAEINPROGRESS(10036, "A blocking operation is currently executing."),
    /**
     * 10037: An operation was attempted on a non-blocking socket that already had an operation in
     * progress.
     */
    WSAEALREADY(10037, "An operation was attempted on a non-blocking socket that already had an operation in progress."),
    /** 10038: An operation was attempted on something that is not a socket. */
    WSAENOTSOCK(10038, "An operation was attempted on something that is not a socket."),
    /** 10039: A required address was omitted from an operation on a socket. */
    WSAEDESTADDRREQ(10039, "A required address was omitted from an operation on a socket."),
    /**
     * 10040: A message sent on a datagram socket was larger than the internal message buffer or
     * some other network limit, or the buffer used to receive a datagram was smaller than the
     * datagram itself.
     */
    WSAEMSGSIZE(10040, "A message sent on a datagram socket was larger than the internal message buffer or some other network limit, or the buffer used to receive a datagram was smaller than the datagram itself."),
    /**
     * 10041: A protocol was specified in the socket function call that does not support the
     * semantics of the socket type requested.
     */
    WSAEPROTOTYPE(10041, "A protocol was specified in the socket function call that does not support the semantics of the socket type requested."),
    /**
     * 10042: An unknown, invalid, or unsupported option or level was specified in a getsockopt or
     * setsockopt call.
     */
    WSAENOPROTOOPT(10042, "An unknown, invalid, or unsupported option or level was specified in a getsockopt or setsockopt call."),
    /**
     * 10043: The requested protocol has not been configured into the system, or no implementation
     * for it exists.
     */
    WSAEPROTONOSUPPORT(10043, "The requested protocol has not been configured into the system, or no implementation for it exists."),
    /** 10044: The support for the specified socket type does not exist in this address family. */
    WSAESOCKTNOSUPPORT(10044, "The support for the specified socket type does not exist in this address family."),
    /** 10045: The attempted operation is not supported for the type of object referenced. */
    WSAEOPNOTSUPP(10045, "The attempted operation is not supported for the type of object referenced."),
    /**
     * 10046: The protocol family has not been configured into the system or no implementation for
     * it exists.
     */
    WSAEPFNOSUPPORT(10046, "The protocol family has not been configured into the system or no implementation for it exists."),
    /** 10047: An address incompatible with the requested protocol was used. */
    WSAEAFNOSUPPORT(10047, "An address incompatible with the requested protocol was used."),
    /**
     * 10048: Only one usage of each socket address (protocol/network address/port) is normally
     * permitted.
     */
    WSAEADDRINUSE(10048, "Only one usage of each socket address (protocol/network address/port) is normally permitted."),
    /** 10049: The requested address is not valid in its context. */
    WSAEADDRNOTAVAIL(10049, "The requested address is not valid in its context."),
    /** 10050: A socket operation encountered a dead network. */
    WSAENETDOWN(10050, "A socket operation encountered a dead network."),
    /** 10051: A socket operation was attempted to an unreachable network. */
    WSAENETUNREACH(10051, "A socket operation was attempted to an unreachable network."),
    /**
     * 10052: The connection has been broken due to keep-alive activity detecting a failure while
     * the operation was in progress.
     */
    WSAENETRESET(10052, "The connection has been broken due to keep-alive activity detecting a failure while the operation was in progress."),
    /** 10053: An established connection was aborted by the software in your host machine. */
    WSAECONNABORTED(10053, "An established connection was aborted by the software in your host machine."),
    /** 10054: An existing connection was forcibly closed by the remote host. */
    WSAECONNRESET(10054, "An existing connection was forcibly closed by the remote host."),
    /**
     * 10055: An operation on a socket could not be performed because the system lacked sufficient
     * buffer space or because a queue was full.
     */
    WSAENOBUFS(10055, "An operation on a socket could not be performed because the system lacked sufficient buffer space or because a queue was full."),
    /** 10056: A connect request was made on an already connected socket. */
    WSAEISCONN(10056, "A connect request was made on an already connected socket."),
    /**
     * 10057: A request to send or receive data was disallowed because the socket is not connected
     * and (when sending on a datagram socket using a sendto call) no address was supplied.
     */
    WSAENOTCONN(10057, "A request to send or receive data was disallowed because the socket is not connected and (when sending on a datagram socket using a sendto call) no address was supplied."),
    /**
     * 10058: A request to send or receive data was disallowed because the socket had already been
     * shut down in that direction with a previous shutdown call.
     */
    WSAESHUTDOWN(10058, "A request to send or receive data was disallowed because the socket had already been shut down in that direction with a previous shutdown call."),
    /** 10059: Too many references to some kernel object. */
    WSAETOOMANYREFS(10059, "Too many references to some kernel object."),
    /**
     * 10060: A connection attempt failed because the connected party did not properly respond
     * after a period of time, or the established connection failed because the connected host has
     * failed to respond.
     */
    WSAETIMEDOUT(10060, "A connection attempt failed because the connected party did not properly respond after a period of time, or the established connection failed because the connected host has failed to respond."),
    /** 10061: No connection could be made because the target machine actively refused it. */
    WSAECONNREFUSED(10061, "No connection could be made because the target machine actively refused it."),
    /** 10062: Cannot translate name. */
    WSAELOOP(10062, "Cannot translate name."),
    /** 10063: Name component or name was too long. */
    WSAENAMETOOLONG(10063, "Name component or name was too long."),
    /** 10064: A socket operation failed because the destination host was down. */
    WSAEHOSTDOWN(10064, "A socket operation failed because the destination host was down."),
    /** 10065: A socket operation was attempted to an unreachable host. */
    WSAEHOSTUNREACH(10065, "A socket operation was attempted to an unreachable host."),
    /** 10066: Cannot remove a directory that is not empty. */
    WSAENOTEMPTY(10066, "Cannot remove a directory that is not empty."),
    /**
     * 10067: A Windows Sockets implementation may have a limit on the number of applications that
     * may use it simultaneously.
     */
    WSAEPROCLIM(10067, "A Windows Sockets implementation may have a limit on the number of applications that may use it simultaneously."),
    /** 10068: Ran out of quota. */
    WSAEUSERS(10068, "Ran out of quota."),
    /** 10069: Ran out of disk quota. */
    WSAEDQUOT(10069, "Ran out of disk quota."),
    /** 10070: File handle reference is no longer available. */
    WSAESTALE(10070, "File handle reference is no longer available."),
    /** 10071: Item is not available locally. */
    WSAEREMOTE(10071, "Item is not available locally."),
    /**
     * 10091: WSAStartup cannot function at this time because the underlying system it uses to
     * provide network services is currently unavailable.
     */
    WSASYSNOTREADY(10091, "WSAStartup cannot function at this time because the underlying system it uses to provide network services is currently unavailable."),
    /** 10092: The Windows Sockets version requested is not supported. */
    WSAVERNOTSUPPORTED(10092, "The Windows Sockets version requested is not supported."),
    /** 10093: Either the application has not called WSAStartup, or WSAStartup failed. */
    WSANOTINITIALISED(10093, "Either the application has not called WSAStartup, or WSAStartup failed."),
    /**
     * 10101: Returned by WSARecv or WSARecvFrom to indicate the remote party has initiated a
     * graceful shutdown sequence.
     */
    WSAEDISCON(10101, "Returned by WSARecv or WSARecvFrom to indicate the remote party has initiated a graceful shutdown sequence."),
    /** 10102: No more results can be returned by WSALookupServiceNext. */
    WSAENOMORE(10102, "No more results can be returned by WSALookupServiceNext."),
    /**
     * 10103: A call to WSALookupServiceEnd was made while this call was still processing. The call
     * has been canceled.
     */
    WSAECANCELLED(10103, "A call to WSALookupServiceEnd was made while this call was still processing. The call has been canceled."),
    /** 10104: The procedure call table is invalid. */
    WSAEINVALIDPROCTABLE(10104, "The procedure call table is invalid."),
    /** 10105: The requested service provider is invalid. */
    WSAEINVALIDPROVIDER(10105, "The requested service provider is invalid."),
    /** 10106: The requested service provider could not be loaded or initialized. */
    WSAEPROVIDERFAILEDINIT(10106, "The requested service provider could not be loaded or initialized."),
    /** 10107: A system call that should never fail has failed. */
    WSASYSCALLFAILURE(10107, "A system call that should never fail has failed."),
    /** 10108: No such service is known. The service cannot be found in the specified name space. */
    WSASERVICE_NOT_FOUND(10108, "No such service is known. The service cannot be found in the specified name space."),
    /** 10109: The specified class was not found. */
    WSATYPE_NOT_FOUND(10109, "The specified class was not found."),
    /** 10110: No more results can be returned by WSALookupServiceNext. */
    WSA_E_NO_MORE(10110, "No more results can be returned by WSALookupServiceNext."),
    /**
     * 10111: A call to WSALookupServiceEnd was made while this call was still processing. The call
     * has been canceled.
     */
    WSA_E_CANCELLED(10111, "A call to WSALookupServiceEnd was made while this call was still processing. The call has been canceled."),
    /** 10112: A database query failed because it was actively refused. */
    WSAEREFUSED(10112, "A database query failed because it was actively refused."),
    /** 11001: No such host is known. */
    WSAHOST_NOT_FOUND(11001, "No such host is known."),
    /**
     * 11002: This is usually a temporary error during hostname resolution and means that the local
     * server did not receive a response from an authoritative server.
     */
    WSATRY_AGAIN(11002, "This is usually a temporary error during hostname resolution and means that the local server did not receive a response from an authoritative server."),
    /** 11003: A non-recoverable error occurred during a database lookup. */
    WSANO_RECOVERY(11003, "A non-recoverable error occurred during a database lookup."),
    /** 11004: The requested name is valid, but no data of the requested type was found. */
    WSANO_DATA(11004, "The requested name is valid, but no data of the requested type was found."),
    /** 11005: At least one reserve has arrived. */
    WSA_QOS_RECEIVERS(11005, "At least one reserve has arrived."),
    /** 11006: At least one path has arrived. */
    WSA_QOS_SENDERS(11006, "At least one path has arrived."),
    /** 11007: There are no senders. */
    WSA_QOS_NO_SENDERS(11007, "There are no senders."),
    /** 11008: There are no receivers. */
    WSA_QOS_NO_RECEIVERS(11008, "There are no receivers."),
    /** 11009: Reserve has been confirmed. */
    WSA_QOS_REQUEST_CONFIRMED(11009, "Reserve has been confirmed."),
    /** 11010: Error due to lack of resources. */
    WSA_QOS_ADMISSION_FAILURE(11010, "Error due to lack of resources."),
    /** 11011: Rejected for administrative reasons - bad credentials. */
    WSA_QOS_POLICY_FAILURE(11011, "Rejected for administrative reasons - bad credentials."),
    /** 11012: Unknown or conflicting style. */
    WSA_QOS_BAD_STYLE(11012, "Unknown or conflicting style."),
    /** 11013: Problem with some part of the filterspec or providerspecific buffer in general. */
    WSA_QOS_BAD_OBJECT(11013, "Problem with some part of the filterspec or providerspecific buffer in general."),
    /** 11014: Problem with some part of the flowspec. */
    WSA_QOS_TRAFFIC_CTRL_ERROR(11014, "Problem with some part of the flowspec."),
    /** 11015: General QOS error. */
    WSA_QOS_GENERIC_ERROR(11015, "General QOS error."),
    /** 11016: An invalid or unrecognized service type was found in the flowspec. */
    WSA_QOS_ESERVICETYPE(11016, "An invalid or unrecognized service type was found in the flowspec."),
    /** 11017: An invalid or inconsistent flowspec was found in the QOS structure. */
    WSA_QOS_EFLOWSPEC(11017, "An invalid or inconsistent flowspec was found in the QOS structure."),
    /** 11018: Invalid QOS provider-specific buffer. */
    WSA_QOS_EPROVSPECBUF(11018, "Invalid QOS provider-specific buffer."),
    /** 11019: An invalid QOS filter style was used. */
    WSA_QOS_EFILTERSTYLE(11019, "An invalid QOS filter style was used."),
    /** 11020: An invalid QOS filter type was used. */
    WSA_QOS_EFILTERTYPE(11020, "An invalid QOS filter type was used."),
    /** 11021: An incorrect number of QOS FILTERSPECs were specified in the FLOWDESCRIPTOR. */
    WSA_QOS_EFILTERCOUNT(11021, "An incorrect number of QOS FILTERSPECs were specified in the FLOWDESCRIPTOR."),
    /**
     * 11022: An object with an invalid ObjectLength field was specified in the QOS provider-
     * specific buffer.
     */
    WSA_QOS_EOBJLENGTH(11022, "An object with an invalid ObjectLength field was specified in the QOS provider-specific buffer."),
    /** 11023: An incorrect number of flow descriptors was specified in the QOS structure. */
    WSA_QOS_EFLOWCOUNT(11023, "An incorrect number of flow descriptors was specified in the QOS structure."),
    /**
     * 11024: An unrecognized object was found in the QOS provider-specific buffer. Spelled as in
     * the SDK.
     */
    WSA_QOS_EUNKOWNPSOBJ(11024, "An unrecognized object was found in the QOS provider-specific buffer."),
    /** 11025: An invalid policy object was found in the QOS provider-specific buffer. */
    WSA_QOS_EPOLICYOBJ(11025, "An invalid policy object was found in the QOS provider-specific buffer."),
    /** 11026: An invalid QOS flow descriptor was found in the flow descriptor list. */
    WSA_QOS_EFLOWDESC(11026, "An invalid QOS flow descriptor was found in the flow descriptor list."),
    /** 11027: An invalid or inconsistent flowspec was found in the QOS provider-specific buffer. */
    WSA_QOS_EPSFLOWSPEC(11027, "An invalid or inconsistent flowspec was found in the QOS provider-specific buffer."),
    /** 11028: An invalid FILTERSPEC was found in the QOS provider-specific buffer. */
    WSA_QOS_EPSFILTERSPEC(11028, "An invalid FILTERSPEC was found in the QOS provider-specific buffer."),
    /**
     * 11029: An invalid shape discard mode object was found in the QOS provider-specific buffer.
     */
    WSA_QOS_ESDMODEOBJ(11029, "An invalid shape discard mode object was found in the QOS provider-specific buffer."),
    /** 11030: An invalid shaping rate object was found in the QOS provider-specific buffer. */
    WSA_QOS_ESHAPERATEOBJ(11030, "An invalid shaping rate object was found in the QOS provider-specific buffer."),
    /** 11031: A reserved policy element was found in the QOS provider-specific buffer. */
    WSA_QOS_RESERVED_PETYPE(11031, "A reserved policy element was found in the QOS provider-specific buffer.");

    private static final Map<Integer, WsaError> BY_CODE = new HashMap<>();

    static {
        for (WsaError e : values()) {
            if (BY_CODE.put(e.code, e) != null) {
                throw new ExceptionInInitializerError("duplicate WSA code " + e.code);
            }
        }
    }

    private final int code;
    private final String meaning;

    WsaError(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    /**
     * The number, as WSAGetLastError returns it.
     *
     * @return the Windows error number, 10004 to 11031 or one of the six Win32 aliases
     */
    public int code() {
        return code;
    }

    /**
     * One line of English: what the SDK documentation says this error means.
     *
     * @return the meaning, one sentence or two ending in a full stop
     */
    public String meaning() {
        return meaning;
    }

    /**
     * The error with this number, or {@code null} when the SDK names none.
     *
     * @param code a Windows error number, as WSAGetLastError or GetLastError returns it
     * @return the constant for {@code code}, or {@code null}
     */
    public static WsaError forCode(int code) {
        return BY_CODE.get(code);
    }

    /**
     * The SDK name of a number, or {@code "error N"} for a number the SDK does not name.
     *
     * @param code a Windows error number, as WSAGetLastError or GetLastError returns it
     * @return the constant's name, such as {@code "WSAECONNRESET"}, or {@code "error " + code}
     */
    public static String nameOf(int code) {
        WsaError e = forCode(code);
        return e != null ? e.name() : "error " + code;
    }
}
