/*
 * noop_floor.c: the bare-call floor of issue 13. Calls the no-op closesocket, getsockopt and send
 * of noop_ws2.dll (noop_ws2.c) N times each from C and prints the average time per call:
 *   floor <function> <ns per call>
 * one line per function per round. BindingCostBench makes the same calls from Java through JNA
 * (and later FFM): its score minus this floor is the binding's own per-call cost.
 *
 * The DLL is loaded with LoadLibraryA and its functions found with GetProcAddress, so every call
 * is an indirect call the compiler cannot inline or drop, as a call through the import table of
 * a program linked with ws2_32 would be. Timed with QueryPerformanceCounter (Wine: 10 MHz, so a
 * round of 50 million calls is millions of ticks):
 * https://learn.microsoft.com/en-us/windows/win32/api/profileapi/nf-profileapi-queryperformancecounter
 *
 * Usage: noop_floor.exe DLL [CALLS [ROUNDS]]   (defaults: 50000000 calls, 5 rounds)
 * Build: x86_64-w64-mingw32-gcc -O2 -o noop_floor.exe noop_floor.c
 *   (scripts/bench-binding-floor.sh builds and runs it, pinned to one CPU)
 */
#include <winsock2.h>
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef int (WSAAPI *closesocket_fn)(SOCKET);
typedef int (WSAAPI *getsockopt_fn)(SOCKET, int, int, char *, int *);
typedef int (WSAAPI *send_fn)(SOCKET, const char *, int, int);

/* Not a socket: the same value as the Java benchmarks' ErrorPathBench.BOGUS. */
static const SOCKET BOGUS = (SOCKET)0x3ffffff0;
static char payload[16] = "0123456789abcdef";
static volatile long long sink; /* every round's results end here: nothing is dead code */

static LARGE_INTEGER freq;

static double ns_per_call(LARGE_INTEGER t0, LARGE_INTEGER t1, long long calls) {
    return (double)(t1.QuadPart - t0.QuadPart) * 1e9 / (double)freq.QuadPart / (double)calls;
}

static FARPROC need(HMODULE dll, const char *name) {
    FARPROC f = GetProcAddress(dll, name);
    if (f == NULL) {
        fprintf(stderr, "noop_floor: %s not exported (GetLastError %lu)\n", name, GetLastError());
        exit(1);
    }
    return f;
}

int main(int argc, char **argv) {
    if (argc < 2 || argc > 4) {
        fprintf(stderr, "usage: noop_floor DLL [CALLS [ROUNDS]]\n");
        return 2;
    }
    long long calls = argc > 2 ? atoll(argv[2]) : 50000000LL;
    int rounds = argc > 3 ? atoi(argv[3]) : 5;
    if (calls <= 0 || rounds <= 0) {
        fprintf(stderr, "noop_floor: CALLS and ROUNDS must be positive\n");
        return 2;
    }
    HMODULE dll = LoadLibraryA(argv[1]);
    if (dll == NULL) {
        fprintf(stderr, "noop_floor: LoadLibraryA(%s) failed (GetLastError %lu)\n", argv[1], GetLastError());
        return 1;
    }
    /* GetProcAddress returns FARPROC; the cast through void * is the documented way to call it. */
    closesocket_fn closesocket_p = (closesocket_fn)(void *)need(dll, "closesocket");
    getsockopt_fn getsockopt_p = (getsockopt_fn)(void *)need(dll, "getsockopt");
    send_fn send_p = (send_fn)(void *)need(dll, "send");
    QueryPerformanceFrequency(&freq);

    /* The DLL must behave as the benchmarks assume before anything is timed. */
    SetLastError(0);
    int rc = closesocket_p(BOGUS);
    DWORD err = GetLastError();
    char opt[4] = {0};
    int optlen = sizeof opt;
    int grc = getsockopt_p(BOGUS, SOL_SOCKET, SO_RCVBUF, opt, &optlen);
    int src = send_p(BOGUS, payload, sizeof payload, 0);
    if (rc != SOCKET_ERROR || err != WSAENOTSOCK || grc != 0 || optlen != 4 || src != (int)sizeof payload) {
        fprintf(stderr, "noop_floor: %s is not the no-op DLL (closesocket %d/%lu, getsockopt %d/%d, send %d)\n",
                argv[1], rc, err, grc, optlen, src);
        return 1;
    }

    for (int round = 1; round <= rounds; round++) {
        LARGE_INTEGER t0, t1;
        long long acc = 0;

        /* closesocket of a non-socket, then the last error: what the binding does after a failure. */
        QueryPerformanceCounter(&t0);
        for (long long i = 0; i < calls; i++) {
            acc += closesocket_p(BOGUS);
            acc += GetLastError();
        }
        QueryPerformanceCounter(&t1);
        printf("floor closesocket %.2f\n", ns_per_call(t0, t1, calls));
        sink += acc;

        /* getsockopt into a 4-byte buffer; the length is in/out, so it is reset before each call. */
        acc = 0;
        QueryPerformanceCounter(&t0);
        for (long long i = 0; i < calls; i++) {
            optlen = sizeof opt;
            acc += getsockopt_p(BOGUS, SOL_SOCKET, SO_RCVBUF, opt, &optlen);
            acc += optlen;
        }
        QueryPerformanceCounter(&t1);
        printf("floor getsockopt %.2f\n", ns_per_call(t0, t1, calls));
        sink += acc + opt[0];

        /* send of 16 bytes from a static buffer. */
        acc = 0;
        QueryPerformanceCounter(&t0);
        for (long long i = 0; i < calls; i++) {
            acc += send_p(BOGUS, payload, sizeof payload, 0);
        }
        QueryPerformanceCounter(&t1);
        printf("floor send %.2f\n", ns_per_call(t0, t1, calls));
        sink += acc;
        fflush(stdout);
    }
    return 0;
}
