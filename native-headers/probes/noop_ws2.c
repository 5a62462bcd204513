/*
 * noop_ws2.c: a DLL exporting closesocket, getsockopt and send with exactly ws2_32's names and
 * Win64 prototypes, doing nothing. What a call to it costs is the binding's own per-call cost
 * (argument passing, the downcall, the last-error capture) with ws2_32's work taken out: the
 * floor that noop_floor.c measures from C and BindingCostBench from Java (issue 13).
 *
 * WINSOCK_API_LINKAGE, which winsock2.h puts in front of every prototype (DECLSPEC_IMPORT unless
 * defined first), is defined as dllexport here: the SDK's own prototypes then declare the exports,
 * so a definition below that differs from ws2_32's prototype does not compile. Declarations
 * without a definition export nothing. Not linked with ws2_32 (the names would clash).
 * Build: x86_64-w64-mingw32-gcc -O2 -shared -o noop_ws2.dll noop_ws2.c
 *   (scripts/bench-binding-floor.sh builds it into benchmarks/target/binding-floor/)
 */
#define WINSOCK_API_LINKAGE __declspec(dllexport)
#include <winsock2.h>
#include <string.h>

/*
 * Fails as ws2_32 does for a value that is not a socket: SOCKET_ERROR, last error WSAENOTSOCK.
 * WSASetLastError is ws2_32's own; SetLastError sets the same per-thread value, which
 * WSAGetLastError and GetLastError both read:
 * https://learn.microsoft.com/en-us/windows/win32/api/winsock/nf-winsock-wsagetlasterror
 * https://learn.microsoft.com/en-us/windows/win32/api/errhandlingapi/nf-errhandlingapi-setlasterror
 */
__attribute__((noinline)) int WSAAPI closesocket(SOCKET s) {
    (void)s;
    SetLastError(WSAENOTSOCK);
    return SOCKET_ERROR;
}

/* Succeeds with a 4-byte option value (as for an int option such as SO_RCVBUF). */
__attribute__((noinline)) int WSAAPI getsockopt(SOCKET s, int level, int optname, char *optval, int *optlen) {
    (void)s;
    (void)level;
    (void)optname;
    if (*optlen >= 4) {
        const int value = 1;
        memcpy(optval, &value, sizeof value);
    }
    *optlen = 4;
    return 0;
}

/* "Sends" everything: returns len, reads nothing. */
__attribute__((noinline)) int WSAAPI send(SOCKET s, const char *buf, int len, int flags) {
    (void)s;
    (void)buf;
    (void)flags;
    return len;
}
