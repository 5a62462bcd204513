/*
 * close_matrix.c: the close-matrix of winsock4j (cli/.../matrix/MatrixRunner.java) in plain C,
 * the reference that Java-through-winsock4j must match. The same scenarios, in the same order,
 * with the same steps, each on a fresh loopback connection, once against an in-process Winsock
 * peer and once against the wire peer (the `winsock4j peer` server on the host's Linux JVM, same
 * one-line control protocol). Prints the same JSON document ("implementation": "c").
 *
 * Where winsock4j's safe layer does more than one Winsock call, this does the same calls:
 *  - close() with a call blocked in another thread: CancelIoEx until the call has left, then closesocket;
 *  - close(Duration): shutdown(SD_SEND), blocking recv with SO_RCVTIMEO until end of stream or the
 *    deadline, then SO_LINGER {0,0} and closesocket (graceful) or SO_LINGER {1,0} and closesocket;
 *  - a socket whose close failed is closed abortively (SO_LINGER {1,0}) when the scenario ends.
 *
 * Build: $MINGW_CC -std=c11 -O2 -o close_matrix.exe close_matrix.c -lws2_32 -liphlpapi
 * Run:   lab/wine-run close_matrix.exe [--wire-peer 127.0.0.1:PORT] [--only SUBSTRING]
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
#include <iphlpapi.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PAYLOAD 1000
#define CHUNK 1024
#define SNDBUF 4096
#define RCVBUF 4096
#define SETTLE_MS 100
#define OPEN_AFTER_MS 1000
#define LINGER_SECONDS 2
#define CLOSE_TIMEOUT_MS 500
#define STATE_SETTLE_MS 500
#define NO_VALUE (-2147483647 - 1)

static LARGE_INTEGER freq;
static long long now_ns(void) {
    LARGE_INTEGER c;
    QueryPerformanceCounter(&c);
    return (long long)((double)c.QuadPart * 1e9 / (double)freq.QuadPart);
}

static void fail(const char *what) {
    fprintf(stderr, "close_matrix: probe failed: %s (WSA error %d, Win32 error %lu)\n", what, WSAGetLastError(), GetLastError());
    exit(3);
}

/* ------------------------------------------------------------------ scenarios */

enum mode { BLOCKING, NON_BLOCKING };
enum lingerset { DONTLINGER, LINGER_0, LINGER_2S };
enum data { NONE, UNSENT };
enum action { CLOSE, SHUTDOWN_CLOSE, CLOSE_TIMEOUT };
enum special { SP_NONE, SP_BLOCKED_RECV, SP_DONTLINGER_CLEARED, SP_AFTER_CLEANUP };

static const char *MODE_KEY[] = {"blocking", "nonblocking"};
static const char *LINGER_KEY[] = {"dontlinger", "linger0", "linger2s"};
static const char *DATA_KEY[] = {"nothing-unsent", "unsent"};
static const char *ACTION_KEY[] = {"close", "shutdown+close", "close(500ms)"};

typedef struct {
    char id[96];
    char title[160];
    enum mode mode;
    enum lingerset linger;
    enum data data;
    enum action action;
    enum special special;
} scenario_t;

typedef struct {
    long long bytes;
    char end[32];
    int error;
} peer_view_t;

typedef struct {
    int close_result, close_error;
    long long close_millis;
    int handle_valid;
    long long bytes_sent;
    char state_before[24];
    int pid_is_self; /* -1: not read */
    peer_view_t peer;
    char state_after[24];
    int blocked_recv_error; /* NO_VALUE: none */
    char linger_after[16];  /* "": none */
} run_t;

/* ------------------------------------------------------------------ TCP table */

static const char *state_name(DWORD s) {
    static const char *names[] = {"?", "CLOSED", "LISTENING", "SYN_SENT", "SYN_RECEIVED", "ESTABLISHED", "FIN_WAIT_1",
        "FIN_WAIT_2", "CLOSE_WAIT", "CLOSING", "LAST_ACK", "TIME_WAIT", "DELETE_TCB"};
    return s >= 1 && s <= 12 ? names[s] : "?";
}

/* The row local->remote: its state (0 when absent); with owners, also its PID. */
static DWORD table_state(const struct sockaddr_in *local, const struct sockaddr_in *remote, int owners, DWORD *pid) {
    DWORD size = 0, rc;
    void *buf = NULL;
    TCP_TABLE_CLASS cls = owners ? TCP_TABLE_OWNER_PID_ALL : TCP_TABLE_BASIC_ALL;
    for (int attempt = 0; attempt < 8; attempt++) {
        rc = GetExtendedTcpTable(buf, &size, FALSE, AF_INET, cls, 0);
        if (rc != ERROR_INSUFFICIENT_BUFFER) {
            break;
        }
        free(buf);
        size += 1024;
        buf = malloc(size);
    }
    if (rc != NO_ERROR) {
        fail("GetExtendedTcpTable");
    }
    DWORD state = 0;
    if (owners) {
        MIB_TCPTABLE_OWNER_PID *t = buf;
        for (DWORD i = 0; i < t->dwNumEntries; i++) {
            MIB_TCPROW_OWNER_PID *r = &t->table[i];
            if (r->dwLocalAddr == local->sin_addr.s_addr && (u_short)r->dwLocalPort == local->sin_port
                && r->dwRemoteAddr == remote->sin_addr.s_addr && (u_short)r->dwRemotePort == remote->sin_port) {
                state = r->dwState;
                *pid = r->dwOwningPid;
                break;
            }
        }
    } else {
        MIB_TCPTABLE *t = buf;
        for (DWORD i = 0; i < t->dwNumEntries; i++) {
            MIB_TCPROW *r = &t->table[i];
            if (r->dwLocalAddr == local->sin_addr.s_addr && (u_short)r->dwLocalPort == local->sin_port
                && r->dwRemoteAddr == remote->sin_addr.s_addr && (u_short)r->dwRemotePort == remote->sin_port) {
                state = r->dwState;
                break;
            }
        }
    }
    free(buf);
    return state;
}

/* With owners only in the first scenario's in-process run: Wine finds owners slowly (see MatrixRunner). */
static void row_before(const struct sockaddr_in *local, const struct sockaddr_in *remote, int owners, run_t *run) {
    DWORD pid = 0;
    DWORD st = table_state(local, remote, owners, &pid);
    strcpy(run->state_before, st ? state_name(st) : "GONE");
    run->pid_is_self = !owners || !st ? -1 : pid == GetCurrentProcessId();
}

static void state_after(const struct sockaddr_in *local, const struct sockaddr_in *remote, run_t *run) {
    long long deadline = now_ns() + STATE_SETTLE_MS * 1000000LL;
    for (;;) {
        DWORD pid;
        DWORD st = table_state(local, remote, 0, &pid);
        int settling = st == MIB_TCP_STATE_FIN_WAIT1 || st == MIB_TCP_STATE_FIN_WAIT2 || st == MIB_TCP_STATE_CLOSING
            || st == MIB_TCP_STATE_LAST_ACK;
        if (!settling || now_ns() > deadline) {
            strcpy(run->state_after, st ? state_name(st) : "GONE");
            return;
        }
        Sleep(10);
    }
}

/* ------------------------------------------------------------------ peers */

static struct sockaddr_in loopback(unsigned short port) {
    struct sockaddr_in a;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_port = htons(port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return a;
}

static struct sockaddr_in wire_control;

/* One request on its own control connection: "LINE\n" -> answer line. */
static void ask(const char *line, char *answer, size_t cap, const char *expect) {
    SOCKET c = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    if (c == INVALID_SOCKET || connect(c, (struct sockaddr *)&wire_control, sizeof wire_control) != 0) {
        fail("connect to the wire peer's control port");
    }
    char req[128];
    int n = snprintf(req, sizeof req, "%s\n", line);
    if (send(c, req, n, 0) != n) {
        fail("send to the wire peer");
    }
    size_t len = 0;
    for (;;) {
        char ch;
        int r = recv(c, &ch, 1, 0);
        if (r <= 0 || ch == '\n' || len + 1 >= cap) {
            break;
        }
        answer[len++] = ch;
    }
    answer[len] = 0;
    closesocket(c);
    if (strncmp(answer, expect, strlen(expect)) != 0) {
        fprintf(stderr, "close_matrix: wire peer: %s -> %s\n", line, answer);
        exit(3);
    }
}

typedef struct {
    int wire;
    int read_at_once;
    int eager; /* close our socket at end of stream at once, not only after the close action returned */
    /* in-process */
    SOCKET listener, sock;
    volatile LONG reading;
    volatile long long closed_at;
    volatile long long bytes;
    volatile LONG done;
    peer_view_t view;
    HANDLE thread;
    /* wire */
    int id;
    struct sockaddr_in address;
} peer_t;

static DWORD WINAPI inprocess_reader(LPVOID arg) {
    peer_t *p = arg;
    char buf[8192];
    long long deadline = now_ns() + 20000000000LL;
    for (;;) {
        if (!p->reading) {
            Sleep(2);
            continue;
        }
        if (now_ns() > deadline) {
            p->view.bytes = p->bytes;
            strcpy(p->view.end, "ERROR");
            p->view.error = -1;
            break;
        }
        int n = recv(p->sock, buf, sizeof buf, 0);
        if (n > 0) {
            p->bytes += n;
            continue;
        }
        if (n == 0) {
            p->view.bytes = p->bytes;
            strcpy(p->view.end, "EOF");
            p->view.error = 0;
            while (!p->eager && p->closed_at == 0) {
                Sleep(1);
            }
            if (closesocket(p->sock) == 0) {
                p->sock = INVALID_SOCKET;
            }
            break;
        }
        int e = WSAGetLastError();
        if (e == WSAETIMEDOUT) {
            if (p->closed_at != 0 && now_ns() - p->closed_at > OPEN_AFTER_MS * 1000000LL) {
                p->view.bytes = p->bytes;
                strcpy(p->view.end, "OPEN");
                p->view.error = 0;
                break;
            }
            continue;
        }
        p->view.bytes = p->bytes;
        strcpy(p->view.end, "ERROR");
        p->view.error = e;
        int rc = closesocket(p->sock);
        int ce = rc == 0 ? 0 : WSAGetLastError();
        if (rc == 0 || ce == WSAENOTSOCK || ce == WSANOTINITIALISED) {
            p->sock = INVALID_SOCKET;
        }
        break;
    }
    InterlockedExchange(&p->done, 1);
    return 0;
}

static void peer_open(peer_t *p, int wire, int read_at_once, int eager) {
    memset(p, 0, sizeof *p);
    p->wire = wire;
    p->read_at_once = read_at_once;
    p->eager = eager;
    p->listener = p->sock = INVALID_SOCKET;
    if (wire) {
        char answer[128], line[32];
        snprintf(line, sizeof line, "OPEN %s%s", read_at_once ? "READ" : "HOLD", eager ? " EAGER" : "");
        ask(line, answer, sizeof answer, "OK");
        int port;
        if (sscanf(answer, "OK %d %d", &p->id, &port) != 2) {
            fail("wire peer OPEN answer");
        }
        p->address = loopback((unsigned short)port);
        return;
    }
    p->listener = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    int rcvbuf = RCVBUF;
    struct sockaddr_in any = loopback(0);
    int len = sizeof p->address;
    if (p->listener == INVALID_SOCKET || setsockopt(p->listener, SOL_SOCKET, SO_RCVBUF, (char *)&rcvbuf, sizeof rcvbuf) != 0
        || bind(p->listener, (struct sockaddr *)&any, sizeof any) != 0 || listen(p->listener, 1) != 0
        || getsockname(p->listener, (struct sockaddr *)&p->address, &len) != 0) {
        fail("in-process peer listener");
    }
}

static void peer_connected(peer_t *p) {
    if (p->wire) {
        return;
    }
    p->sock = accept(p->listener, NULL, NULL);
    if (p->sock == INVALID_SOCKET) {
        fail("accept");
    }
    closesocket(p->listener);
    p->listener = INVALID_SOCKET;
    DWORD timeout = 100;
    setsockopt(p->sock, SOL_SOCKET, SO_RCVTIMEO, (char *)&timeout, sizeof timeout);
    p->reading = p->read_at_once;
    p->thread = CreateThread(NULL, 0, inprocess_reader, p, 0, NULL);
}

static void peer_await_bytes(peer_t *p, long long n) {
    if (p->wire) {
        char line[64], answer[64];
        snprintf(line, sizeof line, "BYTES %d %lld", p->id, n);
        ask(line, answer, sizeof answer, "OK");
        return;
    }
    long long deadline = now_ns() + 10000000000LL;
    while (p->bytes < n && !p->done) {
        if (now_ns() > deadline) {
            fail("in-process peer did not receive the payload");
        }
        Sleep(1);
    }
}

static void peer_go(peer_t *p) {
    if (p->wire) {
        char line[32], answer[32];
        snprintf(line, sizeof line, "GO %d", p->id);
        ask(line, answer, sizeof answer, "OK");
        return;
    }
    p->closed_at = now_ns();
    p->reading = 1;
}

static peer_view_t peer_result(peer_t *p) {
    if (p->wire) {
        char line[32], answer[128], end[96];
        long long bytes;
        snprintf(line, sizeof line, "RESULT %d", p->id);
        ask(line, answer, sizeof answer, "RESULT");
        if (sscanf(answer, "RESULT %lld %95s", &bytes, end) != 2) {
            fail("wire peer RESULT answer");
        }
        peer_view_t v;
        v.bytes = bytes;
        strcpy(v.end, strncmp(end, "ERROR:", 6) == 0 ? "ERROR" : end);
        v.error = 0;
        return v;
    }
    if (WaitForSingleObject(p->thread, 25000) != WAIT_OBJECT_0) {
        fail("in-process peer did not finish");
    }
    CloseHandle(p->thread);
    p->thread = NULL;
    return p->view;
}

static void abortive_close(SOCKET s) {
    struct linger hard = {1, 0};
    setsockopt(s, SOL_SOCKET, SO_LINGER, (char *)&hard, sizeof hard);
    closesocket(s);
}

static void peer_close(peer_t *p) {
    if (p->wire) {
        char line[32], answer[32];
        snprintf(line, sizeof line, "RELEASE %d", p->id);
        ask(line, answer, sizeof answer, "OK");
        return;
    }
    if (p->listener != INVALID_SOCKET) {
        abortive_close(p->listener);
    }
    if (p->sock != INVALID_SOCKET) {
        abortive_close(p->sock);
    }
}

/* ------------------------------------------------------------------ the closer */

static long long send_payload(SOCKET s, peer_t *peer) {
    char payload[PAYLOAD];
    memset(payload, 0, sizeof payload);
    for (int off = 0; off < PAYLOAD;) {
        int n = send(s, payload + off, PAYLOAD - off, 0);
        if (n == SOCKET_ERROR) {
            fail("send payload");
        }
        off += n;
    }
    peer_await_bytes(peer, PAYLOAD);
    return PAYLOAD;
}

static long long fill(SOCKET s) {
    u_long on = 1, off = 0;
    char chunk[CHUNK];
    memset(chunk, 0, sizeof chunk);
    if (ioctlsocket(s, FIONBIO, &on) != 0) {
        fail("FIONBIO 1");
    }
    long long total = 0;
    for (;;) {
        int n = send(s, chunk, CHUNK, 0);
        if (n == SOCKET_ERROR) {
            if (WSAGetLastError() == WSAEWOULDBLOCK) {
                break;
            }
            fail("send while filling");
        }
        total += n;
        if (total > (64LL << 20)) {
            fail("64 MiB queued without WSAEWOULDBLOCK");
        }
    }
    if (ioctlsocket(s, FIONBIO, &off) != 0) {
        fail("FIONBIO 0");
    }
    Sleep(SETTLE_MS);
    return total;
}

static int handle_valid(SOCKET s, const struct sockaddr_in *local) {
    struct sockaddr_in6 name;
    int len = sizeof name;
    if (getsockname(s, (struct sockaddr *)&name, &len) == SOCKET_ERROR) {
        return 0;
    }
    return ((struct sockaddr_in *)&name)->sin_port == local->sin_port;
}

typedef struct {
    SOCKET s;
    volatile int error;
} blocked_t;

static DWORD WINAPI blocked_recv(LPVOID arg) {
    blocked_t *b = arg;
    char c;
    int n = recv(b->s, &c, 1, 0);
    b->error = n == SOCKET_ERROR ? WSAGetLastError() : 0;
    return 0;
}

/* closesocket as winsock4j's close() does it; returns 0 or the error, and whether the handle is released. */
static int do_closesocket(SOCKET s, int *released) {
    if (closesocket(s) == 0) {
        *released = 1;
        return 0;
    }
    int e = WSAGetLastError();
    *released = e == WSAENOTSOCK || e == WSANOTINITIALISED;
    return e;
}

/* winsock4j close(Duration): shutdown SEND, drain to end of stream before the deadline, then linger off or abortive. */
static int close_with_timeout(SOCKET s, int blocking, int *released) {
    long long deadline = now_ns() + CLOSE_TIMEOUT_MS * 1000000LL;
    int peer_closed = 0;
    if (shutdown(s, SD_SEND) == SOCKET_ERROR) {
        if (WSAGetLastError() == WSAENOTCONN) {
            return do_closesocket(s, released);
        }
    } else {
        int ok = 1;
        if (!blocking) {
            u_long off = 0;
            ok = ioctlsocket(s, FIONBIO, &off) == 0;
        }
        char scratch[8192];
        while (ok) {
            long long left = (deadline - now_ns()) / 1000000LL;
            if (left <= 0) {
                break;
            }
            DWORD timeout = (DWORD)left;
            if (setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, (char *)&timeout, sizeof timeout) != 0) {
                break;
            }
            int n = recv(s, scratch, sizeof scratch, 0);
            if (n == 0) {
                peer_closed = 1;
                break;
            }
            if (n == SOCKET_ERROR) {
                break;
            }
        }
    }
    struct linger l = {peer_closed ? 0 : 1, 0};
    if (setsockopt(s, SOL_SOCKET, SO_LINGER, (char *)&l, sizeof l) != 0 && peer_closed) {
        struct linger hard = {1, 0};
        setsockopt(s, SOL_SOCKET, SO_LINGER, (char *)&hard, sizeof hard);
    }
    return do_closesocket(s, released);
}

static run_t run_scenario(const scenario_t *sc, int wire, int owners) {
    run_t run;
    memset(&run, 0, sizeof run);
    run.pid_is_self = -1;
    run.blocked_recv_error = NO_VALUE;
    peer_t peer;
    peer_open(&peer, wire, sc->data == NONE && sc->special != SP_AFTER_CLEANUP, sc->action == CLOSE_TIMEOUT);

    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    int sndbuf = SNDBUF;
    if (s == INVALID_SOCKET || setsockopt(s, SOL_SOCKET, SO_SNDBUF, (char *)&sndbuf, sizeof sndbuf) != 0
        || connect(s, (struct sockaddr *)&peer.address, sizeof peer.address) != 0) {
        fail("closer connect");
    }
    peer_connected(&peer);
    struct sockaddr_in local, remote;
    int len = sizeof local;
    getsockname(s, (struct sockaddr *)&local, &len);
    len = sizeof remote;
    getpeername(s, (struct sockaddr *)&remote, &len);
    int released = 0;

    if (sc->special == SP_AFTER_CLEANUP) {
        row_before(&local, &remote, owners, &run);
        WSACleanup(); /* this program's only reference: ws2_32 is now uninitialised */
        long long t0 = now_ns();
        run.close_error = do_closesocket(s, &released);
        run.close_result = run.close_error ? SOCKET_ERROR : 0;
        run.close_millis = (now_ns() - t0) / 1000000LL;
        WSADATA wsa;
        if (WSAStartup(MAKEWORD(2, 2), &wsa) != 0) {
            fail("WSAStartup again");
        }
        run.bytes_sent = 0;
    } else {
        run.bytes_sent = sc->data == NONE ? send_payload(s, &peer) : fill(s);
        if (sc->linger == DONTLINGER) {
            BOOL yes = TRUE;
            setsockopt(s, SOL_SOCKET, SO_DONTLINGER, (char *)&yes, sizeof yes);
        } else {
            struct linger l = {1, sc->linger == LINGER_2S ? LINGER_SECONDS : 0};
            setsockopt(s, SOL_SOCKET, SO_LINGER, (char *)&l, sizeof l);
        }
        if (sc->special == SP_DONTLINGER_CLEARED) {
            BOOL yes = TRUE, no = FALSE;
            setsockopt(s, SOL_SOCKET, SO_DONTLINGER, (char *)&yes, sizeof yes);
            setsockopt(s, SOL_SOCKET, SO_DONTLINGER, (char *)&no, sizeof no);
            struct linger got = {0, 0};
            int glen = sizeof got;
            if (getsockopt(s, SOL_SOCKET, SO_LINGER, (char *)&got, &glen) != 0) {
                fail("getsockopt SO_LINGER");
            }
            snprintf(run.linger_after, sizeof run.linger_after, "%s,%u", got.l_onoff ? "on" : "off", got.l_linger);
        }
        int blocking = sc->mode == BLOCKING;
        if (!blocking) {
            u_long on = 1;
            ioctlsocket(s, FIONBIO, &on);
        }
        row_before(&local, &remote, owners, &run);

        blocked_t blocked = {s, NO_VALUE};
        HANDLE blocked_thread = NULL;
        if (sc->special == SP_BLOCKED_RECV) {
            blocked_thread = CreateThread(NULL, 0, blocked_recv, &blocked, 0, NULL);
            Sleep(100);
        }
        long long t0 = now_ns();
        switch (sc->action) {
        case CLOSE:
            if (blocked_thread) {
                /* winsock4j: never closesocket under a call in progress; cancel it until it has left */
                while (WaitForSingleObject(blocked_thread, 0) != WAIT_OBJECT_0) {
                    CancelIoEx((HANDLE)s, NULL);
                    WaitForSingleObject(blocked_thread, 10);
                }
            }
            run.close_error = do_closesocket(s, &released);
            break;
        case SHUTDOWN_CLOSE:
            if (shutdown(s, SD_SEND) == SOCKET_ERROR) {
                run.close_error = WSAGetLastError();
            } else {
                run.close_error = do_closesocket(s, &released);
            }
            break;
        case CLOSE_TIMEOUT:
            run.close_error = close_with_timeout(s, blocking, &released);
            break;
        }
        run.close_result = run.close_error ? SOCKET_ERROR : 0;
        run.close_millis = (now_ns() - t0) / 1000000LL;
        if (blocked_thread) {
            WaitForSingleObject(blocked_thread, 5000);
            CloseHandle(blocked_thread);
            run.blocked_recv_error = blocked.error;
        }
    }
    run.handle_valid = handle_valid(s, &local);
    peer_go(&peer);
    run.peer = peer_result(&peer);
    state_after(&local, &remote, &run);
    if (!released) {
        abortive_close(s);
    }
    peer_close(&peer);
    return run;
}

/* ------------------------------------------------------------------ JSON */

static void json_run(const char *name, const run_t *r) {
    printf(",\n      \"%s\" : {\n", name);
    printf("        \"closeResult\" : %d,\n        \"closeError\" : %d,\n        \"closeMillis\" : %lld,\n",
        r->close_result, r->close_error, r->close_millis);
    printf("        \"handleValidAfter\" : %s,\n        \"bytesSent\" : %lld,\n        \"stateBefore\" : \"%s\",\n",
        r->handle_valid ? "true" : "false", r->bytes_sent, r->state_before);
    if (r->pid_is_self >= 0) {
        printf("        \"pidIsSelfBefore\" : %s,\n", r->pid_is_self ? "true" : "false");
    }
    printf("        \"peer\" : { \"bytes\" : %lld, \"end\" : \"%s\", \"error\" : %d },\n", r->peer.bytes, r->peer.end,
        r->peer.error);
    printf("        \"stateAfter\" : \"%s\"", r->state_after);
    if (r->blocked_recv_error != NO_VALUE) {
        printf(",\n        \"blockedRecvError\" : %d", r->blocked_recv_error);
    }
    if (r->linger_after[0]) {
        printf(",\n        \"lingerAfter\" : \"%s\"", r->linger_after);
    }
    printf("\n      }");
}

int main(int argc, char **argv) {
    const char *only = NULL;
    int wire = 0;
    char wire_text[64] = "";
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--wire-peer") == 0 && i + 1 < argc) {
            char host[48];
            int port;
            snprintf(wire_text, sizeof wire_text, "%s", argv[++i]);
            if (sscanf(wire_text, "%47[^:]:%d", host, &port) != 2 || port < 1 || port > 65535) {
                fprintf(stderr, "close_matrix: --wire-peer HOST:PORT, got %s\n", wire_text);
                return 2;
            }
            wire_control = loopback((unsigned short)port);
            wire_control.sin_addr.s_addr = inet_addr(host);
            wire = 1;
        } else if (strcmp(argv[i], "--only") == 0 && i + 1 < argc) {
            only = argv[++i];
        } else {
            fprintf(stderr, "usage: close_matrix [--wire-peer HOST:PORT] [--only SUBSTRING]\n");
            return 2;
        }
    }
    QueryPerformanceFrequency(&freq);
    WSADATA wsa;
    if (WSAStartup(MAKEWORD(2, 2), &wsa) != 0) {
        fail("WSAStartup");
    }

    scenario_t all[64];
    int n = 0;
    for (int m = 0; m < 2; m++)
        for (int l = 0; l < 3; l++)
            for (int d = 0; d < 2; d++)
                for (int a = 0; a < 3; a++) {
                    scenario_t *s = &all[n++];
                    memset(s, 0, sizeof *s);
                    s->mode = m;
                    s->linger = l;
                    s->data = d;
                    s->action = a;
                    s->special = SP_NONE;
                    snprintf(s->id, sizeof s->id, "%s/%s/%s/%s", MODE_KEY[m], LINGER_KEY[l], DATA_KEY[d], ACTION_KEY[a]);
                    snprintf(s->title, sizeof s->title, "%s, %s, %s, %s", MODE_KEY[m], LINGER_KEY[l], DATA_KEY[d], ACTION_KEY[a]);
                }
    all[n++] = (scenario_t){"special/close-during-blocked-recv", "close while another thread is blocked in recv",
        BLOCKING, DONTLINGER, NONE, CLOSE, SP_BLOCKED_RECV};
    all[n++] = (scenario_t){"special/dontlinger-cleared-after-linger2s",
        "SO_LINGER 2 s, SO_DONTLINGER set then cleared, unsent, close", BLOCKING, LINGER_2S, UNSENT, CLOSE, SP_DONTLINGER_CLEARED};
    all[n++] = (scenario_t){"special/close-after-last-wsacleanup", "closesocket after the last WSACleanup", BLOCKING,
        DONTLINGER, NONE, CLOSE, SP_AFTER_CLEANUP};

    const char *(*wine_version)(void) = (const char *(*)(void))(void (*)(void))GetProcAddress(GetModuleHandleA("ntdll.dll"), "wine_get_version");
    char platform[64];
    if (wine_version) {
        snprintf(platform, sizeof platform, "Wine %s", wine_version());
    } else {
        OSVERSIONINFOA v = {sizeof v, 0, 0, 0, 0, ""};
        GetVersionExA(&v);
        snprintf(platform, sizeof platform, "Windows %lu.%lu", v.dwMajorVersion, v.dwMinorVersion);
    }

    long long t0 = now_ns();
    printf("{\n  \"tool\" : \"winsock4j close-matrix\",\n  \"implementation\" : \"c\",\n  \"platform\" : \"%s\",\n", platform);
    if (wire) {
        printf("  \"wirePeer\" : \"%s\",\n", wire_text);
    }
    printf("  \"scenarios\" : [");
    int printed = 0;
    for (int i = 0; i < n; i++) {
        if (only && !strstr(all[i].id, only)) {
            continue;
        }
        long long s0 = now_ns();
        run_t w = run_scenario(&all[i], 0, printed == 0);
        run_t wr;
        if (wire) {
            wr = run_scenario(&all[i], 1, 0);
        }
        printf("%s\n    {\n      \"id\" : \"%s\",\n      \"title\" : \"%s\"", printed++ ? "," : "", all[i].id, all[i].title);
        json_run("winsock", &w);
        if (wire) {
            json_run("wire", &wr);
        }
        printf("\n    }");
        fflush(stdout);
        fprintf(stderr, "[%2d/%d] %-55s %5lld ms\n", i + 1, n, all[i].id, (now_ns() - s0) / 1000000LL);
    }
    printf("\n  ],\n  \"wallMillis\" : %lld,\n  \"context\" : { \"pid\" : %lu }\n}\n", (now_ns() - t0) / 1000000LL,
        GetCurrentProcessId());
    WSACleanup();
    return 0;
}
