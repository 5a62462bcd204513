/*
 * winsock4j_mapping.h: every function and structure the JNA raw layer binds
 * (binding/src/main/java/org/winsock4j/jna) and the lab instruments' overlapped functions and
 * structures (cli/src/main/java/org/winsock4j/cli/instrument), restated in C.
 *
 * Two proofs hang on this file:
 *  1. It is compiled after <winsock2.h> and <ws2tcpip.h> (native-headers/check.sh): each prototype
 *     below redeclares the SDK's, so a parameter or return type that differs from the SDK is a
 *     compile error ("conflicting types").
 *  2. The parameter and return types are named w4j_<function>_p<i> / _r, and the arity
 *     w4j_<function>_arity. StaticAssertGenerator writes, from the Java declarations, an assert
 *     per name: same size, same kind (integer or pointer), same arity, and for a structure
 *     pointer the size of the structure. So the Java mapping is proven against this file, and
 *     this file against the SDK.
 */
#ifndef WINSOCK4J_MAPPING_H
#define WINSOCK4J_MAPPING_H

#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
#include <iphlpapi.h>
#include <mstcpip.h>

/*
 * IPPROTO_TCP options of the Windows SDK's ws2ipdef.h that the mingw-w64 headers (12) do not
 * define. Their values here come from
 * https://learn.microsoft.com/en-us/windows/win32/winsock/ipproto-tcp-socket-options (TCP_KEEPIDLE
 * is ws2ipdef.h's TCP_KEEPALIVE). Headers that define them win, and the static asserts then check
 * the Java constants against the SDK's values.
 */
#ifndef TCP_MAXRT
#define TCP_MAXRT 5
#endif
#ifndef TCP_KEEPIDLE
#define TCP_KEEPIDLE 3
#endif
#ifndef TCP_KEEPCNT
#define TCP_KEEPCNT 16
#endif
#ifndef TCP_KEEPINTVL
#define TCP_KEEPINTVL 17
#endif

#define W4J_FN(fn, arity, ret) enum { w4j_##fn##_arity = (arity) }; typedef ret w4j_##fn##_r;
#define W4J_P(fn, i, type) typedef type w4j_##fn##_p##i;

/* ws2_32.dll */
W4J_FN(WSAStartup, 2, int) W4J_P(WSAStartup, 0, WORD) W4J_P(WSAStartup, 1, LPWSADATA)
WINSOCK_API_LINKAGE w4j_WSAStartup_r WSAAPI WSAStartup(w4j_WSAStartup_p0 wVersionRequested, w4j_WSAStartup_p1 lpWSAData);

W4J_FN(WSACleanup, 0, int)
WINSOCK_API_LINKAGE w4j_WSACleanup_r WSAAPI WSACleanup(void);

W4J_FN(socket, 3, SOCKET) W4J_P(socket, 0, int) W4J_P(socket, 1, int) W4J_P(socket, 2, int)
WINSOCK_API_LINKAGE w4j_socket_r WSAAPI socket(w4j_socket_p0 af, w4j_socket_p1 type, w4j_socket_p2 protocol);

W4J_FN(bind, 3, int) W4J_P(bind, 0, SOCKET) W4J_P(bind, 1, const struct sockaddr *) W4J_P(bind, 2, int)
WINSOCK_API_LINKAGE w4j_bind_r WSAAPI bind(w4j_bind_p0 s, w4j_bind_p1 name, w4j_bind_p2 namelen);

W4J_FN(listen, 2, int) W4J_P(listen, 0, SOCKET) W4J_P(listen, 1, int)
WINSOCK_API_LINKAGE w4j_listen_r WSAAPI listen(w4j_listen_p0 s, w4j_listen_p1 backlog);

W4J_FN(accept, 3, SOCKET) W4J_P(accept, 0, SOCKET) W4J_P(accept, 1, struct sockaddr *) W4J_P(accept, 2, int *)
WINSOCK_API_LINKAGE w4j_accept_r WSAAPI accept(w4j_accept_p0 s, w4j_accept_p1 addr, w4j_accept_p2 addrlen);

W4J_FN(connect, 3, int) W4J_P(connect, 0, SOCKET) W4J_P(connect, 1, const struct sockaddr *) W4J_P(connect, 2, int)
WINSOCK_API_LINKAGE w4j_connect_r WSAAPI connect(w4j_connect_p0 s, w4j_connect_p1 name, w4j_connect_p2 namelen);

W4J_FN(send, 4, int) W4J_P(send, 0, SOCKET) W4J_P(send, 1, const char *) W4J_P(send, 2, int) W4J_P(send, 3, int)
WINSOCK_API_LINKAGE w4j_send_r WSAAPI send(w4j_send_p0 s, w4j_send_p1 buf, w4j_send_p2 len, w4j_send_p3 flags);

W4J_FN(recv, 4, int) W4J_P(recv, 0, SOCKET) W4J_P(recv, 1, char *) W4J_P(recv, 2, int) W4J_P(recv, 3, int)
WINSOCK_API_LINKAGE w4j_recv_r WSAAPI recv(w4j_recv_p0 s, w4j_recv_p1 buf, w4j_recv_p2 len, w4j_recv_p3 flags);

W4J_FN(setsockopt, 5, int) W4J_P(setsockopt, 0, SOCKET) W4J_P(setsockopt, 1, int) W4J_P(setsockopt, 2, int)
W4J_P(setsockopt, 3, const char *) W4J_P(setsockopt, 4, int)
WINSOCK_API_LINKAGE w4j_setsockopt_r WSAAPI setsockopt(w4j_setsockopt_p0 s, w4j_setsockopt_p1 level,
    w4j_setsockopt_p2 optname, w4j_setsockopt_p3 optval, w4j_setsockopt_p4 optlen);

W4J_FN(getsockopt, 5, int) W4J_P(getsockopt, 0, SOCKET) W4J_P(getsockopt, 1, int) W4J_P(getsockopt, 2, int)
W4J_P(getsockopt, 3, char *) W4J_P(getsockopt, 4, int *)
WINSOCK_API_LINKAGE w4j_getsockopt_r WSAAPI getsockopt(w4j_getsockopt_p0 s, w4j_getsockopt_p1 level,
    w4j_getsockopt_p2 optname, w4j_getsockopt_p3 optval, w4j_getsockopt_p4 optlen);

W4J_FN(ioctlsocket, 3, int) W4J_P(ioctlsocket, 0, SOCKET) W4J_P(ioctlsocket, 1, __LONG32) W4J_P(ioctlsocket, 2, u_long *)
WINSOCK_API_LINKAGE w4j_ioctlsocket_r WSAAPI ioctlsocket(w4j_ioctlsocket_p0 s, w4j_ioctlsocket_p1 cmd, w4j_ioctlsocket_p2 argp);

W4J_FN(shutdown, 2, int) W4J_P(shutdown, 0, SOCKET) W4J_P(shutdown, 1, int)
WINSOCK_API_LINKAGE w4j_shutdown_r WSAAPI shutdown(w4j_shutdown_p0 s, w4j_shutdown_p1 how);

W4J_FN(closesocket, 1, int) W4J_P(closesocket, 0, SOCKET)
WINSOCK_API_LINKAGE w4j_closesocket_r WSAAPI closesocket(w4j_closesocket_p0 s);

W4J_FN(getsockname, 3, int) W4J_P(getsockname, 0, SOCKET) W4J_P(getsockname, 1, struct sockaddr *) W4J_P(getsockname, 2, int *)
WINSOCK_API_LINKAGE w4j_getsockname_r WSAAPI getsockname(w4j_getsockname_p0 s, w4j_getsockname_p1 name, w4j_getsockname_p2 namelen);

W4J_FN(getpeername, 3, int) W4J_P(getpeername, 0, SOCKET) W4J_P(getpeername, 1, struct sockaddr *) W4J_P(getpeername, 2, int *)
WINSOCK_API_LINKAGE w4j_getpeername_r WSAAPI getpeername(w4j_getpeername_p0 s, w4j_getpeername_p1 name, w4j_getpeername_p2 namelen);

W4J_FN(WSAIoctl, 9, int) W4J_P(WSAIoctl, 0, SOCKET) W4J_P(WSAIoctl, 1, DWORD) W4J_P(WSAIoctl, 2, LPVOID)
W4J_P(WSAIoctl, 3, DWORD) W4J_P(WSAIoctl, 4, LPVOID) W4J_P(WSAIoctl, 5, DWORD) W4J_P(WSAIoctl, 6, LPDWORD)
W4J_P(WSAIoctl, 7, LPWSAOVERLAPPED) W4J_P(WSAIoctl, 8, LPWSAOVERLAPPED_COMPLETION_ROUTINE)
WINSOCK_API_LINKAGE w4j_WSAIoctl_r WSAAPI WSAIoctl(w4j_WSAIoctl_p0 s, w4j_WSAIoctl_p1 dwIoControlCode,
    w4j_WSAIoctl_p2 lpvInBuffer, w4j_WSAIoctl_p3 cbInBuffer, w4j_WSAIoctl_p4 lpvOutBuffer, w4j_WSAIoctl_p5 cbOutBuffer,
    w4j_WSAIoctl_p6 lpcbBytesReturned, w4j_WSAIoctl_p7 lpOverlapped, w4j_WSAIoctl_p8 lpCompletionRoutine);

W4J_FN(WSAPoll, 3, int) W4J_P(WSAPoll, 0, LPWSAPOLLFD) W4J_P(WSAPoll, 1, ULONG) W4J_P(WSAPoll, 2, INT)
WINSOCK_API_LINKAGE w4j_WSAPoll_r WSAAPI WSAPoll(w4j_WSAPoll_p0 fdArray, w4j_WSAPoll_p1 fds, w4j_WSAPoll_p2 timeout);

/* The SDK declares the timeout `const struct timeval *`; mingw-w64 declares it `const PTIMEVAL` (a
 * const pointer to a timeval): the header's spelling is restated, as the conflict check needs. */
W4J_FN(select, 5, int) W4J_P(select, 0, int) W4J_P(select, 1, fd_set *) W4J_P(select, 2, fd_set *)
W4J_P(select, 3, fd_set *) W4J_P(select, 4, const PTIMEVAL)
WINSOCK_API_LINKAGE w4j_select_r WSAAPI select(w4j_select_p0 nfds, w4j_select_p1 readfds, w4j_select_p2 writefds,
    w4j_select_p3 exceptfds, w4j_select_p4 timeout);

/* Overlapped receive and event objects: not in the library (the safe layer makes no overlapped
 * calls), but in the lab instruments' mapping (org.winsock4j.cli.instrument.Ws2_32Overlapped,
 * used by OverlappedReceive). */
W4J_FN(WSARecv, 7, int) W4J_P(WSARecv, 0, SOCKET) W4J_P(WSARecv, 1, LPWSABUF) W4J_P(WSARecv, 2, DWORD)
W4J_P(WSARecv, 3, LPDWORD) W4J_P(WSARecv, 4, LPDWORD) W4J_P(WSARecv, 5, LPWSAOVERLAPPED)
W4J_P(WSARecv, 6, LPWSAOVERLAPPED_COMPLETION_ROUTINE)
WINSOCK_API_LINKAGE w4j_WSARecv_r WSAAPI WSARecv(w4j_WSARecv_p0 s, w4j_WSARecv_p1 lpBuffers,
    w4j_WSARecv_p2 dwBufferCount, w4j_WSARecv_p3 lpNumberOfBytesRecvd, w4j_WSARecv_p4 lpFlags,
    w4j_WSARecv_p5 lpOverlapped, w4j_WSARecv_p6 lpCompletionRoutine);

W4J_FN(WSAGetOverlappedResult, 5, WINBOOL) W4J_P(WSAGetOverlappedResult, 0, SOCKET)
W4J_P(WSAGetOverlappedResult, 1, LPWSAOVERLAPPED) W4J_P(WSAGetOverlappedResult, 2, LPDWORD)
W4J_P(WSAGetOverlappedResult, 3, WINBOOL) W4J_P(WSAGetOverlappedResult, 4, LPDWORD)
WINSOCK_API_LINKAGE w4j_WSAGetOverlappedResult_r WSAAPI WSAGetOverlappedResult(w4j_WSAGetOverlappedResult_p0 s,
    w4j_WSAGetOverlappedResult_p1 lpOverlapped, w4j_WSAGetOverlappedResult_p2 lpcbTransfer,
    w4j_WSAGetOverlappedResult_p3 fWait, w4j_WSAGetOverlappedResult_p4 lpdwFlags);

W4J_FN(WSACreateEvent, 0, WSAEVENT)
WINSOCK_API_LINKAGE w4j_WSACreateEvent_r WSAAPI WSACreateEvent(void);

W4J_FN(WSACloseEvent, 1, WINBOOL) W4J_P(WSACloseEvent, 0, WSAEVENT)
WINSOCK_API_LINKAGE w4j_WSACloseEvent_r WSAAPI WSACloseEvent(w4j_WSACloseEvent_p0 hEvent);

W4J_FN(WSAWaitForMultipleEvents, 5, DWORD) W4J_P(WSAWaitForMultipleEvents, 0, DWORD)
W4J_P(WSAWaitForMultipleEvents, 1, const WSAEVENT *) W4J_P(WSAWaitForMultipleEvents, 2, WINBOOL)
W4J_P(WSAWaitForMultipleEvents, 3, DWORD) W4J_P(WSAWaitForMultipleEvents, 4, WINBOOL)
WINSOCK_API_LINKAGE w4j_WSAWaitForMultipleEvents_r WSAAPI WSAWaitForMultipleEvents(w4j_WSAWaitForMultipleEvents_p0 cEvents,
    w4j_WSAWaitForMultipleEvents_p1 lphEvents, w4j_WSAWaitForMultipleEvents_p2 fWaitAll,
    w4j_WSAWaitForMultipleEvents_p3 dwTimeout, w4j_WSAWaitForMultipleEvents_p4 fAlertable);

W4J_FN(sendto, 6, int) W4J_P(sendto, 0, SOCKET) W4J_P(sendto, 1, const char *) W4J_P(sendto, 2, int)
W4J_P(sendto, 3, int) W4J_P(sendto, 4, const struct sockaddr *) W4J_P(sendto, 5, int)
WINSOCK_API_LINKAGE w4j_sendto_r WSAAPI sendto(w4j_sendto_p0 s, w4j_sendto_p1 buf, w4j_sendto_p2 len,
    w4j_sendto_p3 flags, w4j_sendto_p4 to, w4j_sendto_p5 tolen);

W4J_FN(recvfrom, 6, int) W4J_P(recvfrom, 0, SOCKET) W4J_P(recvfrom, 1, char *) W4J_P(recvfrom, 2, int)
W4J_P(recvfrom, 3, int) W4J_P(recvfrom, 4, struct sockaddr *) W4J_P(recvfrom, 5, int *)
WINSOCK_API_LINKAGE w4j_recvfrom_r WSAAPI recvfrom(w4j_recvfrom_p0 s, w4j_recvfrom_p1 buf, w4j_recvfrom_p2 len,
    w4j_recvfrom_p3 flags, w4j_recvfrom_p4 from, w4j_recvfrom_p5 fromlen);

/* kernel32.dll */
W4J_FN(CancelIoEx, 2, WINBOOL) W4J_P(CancelIoEx, 0, HANDLE) W4J_P(CancelIoEx, 1, LPOVERLAPPED)
WINBASEAPI w4j_CancelIoEx_r WINAPI CancelIoEx(w4j_CancelIoEx_p0 hFile, w4j_CancelIoEx_p1 lpOverlapped);

/* iphlpapi.dll. GetExtendedTcpTable and GetExtendedUdpTable as jna-platform's
 * com.sun.jna.platform.win32.IPHlpAPI maps them (org.winsock4j.jna.JnaIpHelperPort calls those);
 * SetTcpEntry as org.winsock4j.jna.Iphlpapi maps it. The SDK declares them without a linkage macro;
 * W4J_IPHLPAPI only marks the lines (native-headers/check.sh counts them). */
#define W4J_IPHLPAPI
W4J_FN(GetExtendedTcpTable, 6, DWORD) W4J_P(GetExtendedTcpTable, 0, PVOID) W4J_P(GetExtendedTcpTable, 1, PDWORD)
W4J_P(GetExtendedTcpTable, 2, WINBOOL) W4J_P(GetExtendedTcpTable, 3, ULONG) W4J_P(GetExtendedTcpTable, 4, TCP_TABLE_CLASS)
W4J_P(GetExtendedTcpTable, 5, ULONG)
W4J_IPHLPAPI w4j_GetExtendedTcpTable_r WINAPI GetExtendedTcpTable(w4j_GetExtendedTcpTable_p0 pTcpTable,
    w4j_GetExtendedTcpTable_p1 pdwSize, w4j_GetExtendedTcpTable_p2 bOrder, w4j_GetExtendedTcpTable_p3 ulAf,
    w4j_GetExtendedTcpTable_p4 TableClass, w4j_GetExtendedTcpTable_p5 Reserved);

W4J_FN(GetExtendedUdpTable, 6, DWORD) W4J_P(GetExtendedUdpTable, 0, PVOID) W4J_P(GetExtendedUdpTable, 1, PDWORD)
W4J_P(GetExtendedUdpTable, 2, WINBOOL) W4J_P(GetExtendedUdpTable, 3, ULONG) W4J_P(GetExtendedUdpTable, 4, UDP_TABLE_CLASS)
W4J_P(GetExtendedUdpTable, 5, ULONG)
W4J_IPHLPAPI w4j_GetExtendedUdpTable_r WINAPI GetExtendedUdpTable(w4j_GetExtendedUdpTable_p0 pUdpTable,
    w4j_GetExtendedUdpTable_p1 pdwSize, w4j_GetExtendedUdpTable_p2 bOrder, w4j_GetExtendedUdpTable_p3 ulAf,
    w4j_GetExtendedUdpTable_p4 TableClass, w4j_GetExtendedUdpTable_p5 Reserved);

W4J_FN(SetTcpEntry, 1, DWORD) W4J_P(SetTcpEntry, 0, PMIB_TCPROW)
W4J_IPHLPAPI w4j_SetTcpEntry_r WINAPI SetTcpEntry(w4j_SetTcpEntry_p0 pTcpRow);

#endif
