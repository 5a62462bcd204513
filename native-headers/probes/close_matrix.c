/*
 * close_matrix.c: the close matrix of winsock4j (cli/.../matrix/MatrixRunner.java) in plain C,
 * the reference that Java-through-winsock4j must match. It reads the same scenario data file as
 * the Java runner (cli/src/main/resources/org/winsock4j/cli/matrix/scenarios.json: ids, axes,
 * constants) and runs the same steps, each scenario on a fresh loopback connection, once against
 * an in-process Winsock peer and once against the wire peer (the `winsock4j peer` server on the
 * host's Linux JVM, same one-line control protocol). Prints the same JSON document
 * ("implementation": "c"); the Java side judges it against the expectations in the data file.
 *
 * Where winsock4j's safe layer does more than one Winsock call, this does the same calls:
 *  - close() with a call blocked in another thread: CancelIoEx until the call has left, then closesocket;
 *  - close(Duration): shutdown(SD_SEND), blocking recv with SO_RCVTIMEO until end of stream or the
 *    deadline, then SO_LINGER {0,0} and closesocket (graceful) or SO_LINGER {1,0} and closesocket;
 *  - a socket whose close failed is closed abortively (SO_LINGER {1,0}) when the scenario ends.
 *
 * The data file is read with cJSON (lab/provision.sh fetches its pinned source) and strictly: an
 * unknown key or value is an error (exit 2), as in the Java reader.
 *
 * Build: $MINGW_CC -std=c11 -O2 -I$CJSON_DIR -o close_matrix.exe close_matrix.c $CJSON_DIR/cJSON.c -lws2_32 -liphlpapi
 * Run:   lab/wine-run close_matrix.exe --scenarios FILE [--wire-peer 127.0.0.1:PORT] [--only GLOB[,GLOB...]] [--list]
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
#include <iphlpapi.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cJSON.h"

#define NO_VALUE (-2147483647 - 1)
#define MAX_SCENARIOS 256

/* The data file's constants (ScenarioCatalog.Constants). */
static int PAYLOAD, CHUNK, SNDBUF, RCVBUF, SETTLE_MS, OPEN_AFTER_MS, LINGER_SECONDS, CLOSE_TIMEOUT_MS, STATE_SETTLE_MS,
    BLOCKED_START_MS, BLOCKED_SEND_BYTES, COMPLETION_WAIT_MS;

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
enum special {
    SP_NONE, SP_BLOCKED_RECV, SP_BLOCKED_SEND, SP_BLOCKED_ACCEPT, SP_RAW_CLOSE, SP_DONTLINGER_CLEARED, SP_LISTENER_LINGER,
    SP_NONBLOCKING_LISTENER, SP_SHUTDOWN_RECEIVE, SP_LINGER_0X100, SP_LINGER_OPTLEN_2, SP_LINGER_UDP, SP_OVERLAPPED_RECV,
    SP_CLEANUP_OPEN, SP_AFTER_CLEANUP
};

/* The data file's spelling of each axis value, in enum order (Scenario.java's keys). */
static const char *MODE_KEY[] = {"blocking", "nonblocking", NULL};
static const char *LINGER_KEY[] = {"dontlinger", "linger0", "linger2s", NULL};
static const char *DATA_KEY[] = {"nothing-unsent", "unsent", NULL};
static const char *ACTION_KEY[] = {"close", "shutdown+close", "close(500ms)", NULL};
static const char *SPECIAL_KEY[] = {"none", "blocked-recv", "blocked-send", "blocked-accept",
    "raw-closesocket-during-blocked-recv", "dontlinger-cleared", "listener-linger", "nonblocking-listener",
    "shutdown-receive-then-peer-sends", "linger-onoff-0x100", "linger-optlen-2", "linger-on-udp", "overlapped-recv-pending",
    "wsacleanup-with-open-socket", "after-cleanup", NULL};

typedef struct {
    char id[128];
    char title[256];
    enum mode mode;
    enum lingerset linger;
    enum data data;
    enum action action;
    enum special special;
    int wire_peer;
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
    int handle_error;       /* NO_VALUE: not read */
    long long bytes_sent;
    long long unsent_before; /* -1: no Linux kernel */
    char state_before[24];  /* "": none */
    int pid_is_self;        /* -1: not read */
    int has_peer;
    peer_view_t peer;
    char state_after[24];   /* "": none */
    char kernel_state_after[24]; /* "": no Linux kernel */
    int blocked_error;      /* NO_VALUE: none */
    char option_after[48];  /* "": none */
    char completion[32];    /* "": none */
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

/* The Linux kernel's TCP table through Wine's Z: drive (KernelTcpTable.java): a Wine socket is a
   Linux socket, so this is the real TCP stack's view. Only under Wine, and only when readable. */
static int kernel_available;
static const char *KERNEL_STATE[] = {"?", "ESTABLISHED", "SYN_SENT", "SYN_RECEIVED", "FIN_WAIT_1", "FIN_WAIT_2", "TIME_WAIT",
    "CLOSED", "CLOSE_WAIT", "LAST_ACK", "LISTENING", "CLOSING"};

/* The row with these local and remote ports: 1 and its state and tx_queue, or 0 when absent. */
static int kernel_row(const struct sockaddr_in *local, const struct sockaddr_in *remote, const char **state, long long *tx) {
    static const char *files[] = {"Z:\\proc\\net\\tcp", "Z:\\proc\\net\\tcp6"};
    unsigned lport = ntohs(local->sin_port), rport = ntohs(remote->sin_port);
    for (int f = 0; f < 2; f++) {
        FILE *in = fopen(files[f], "r");
        if (!in) {
            continue;
        }
        char line[512];
        while (fgets(line, sizeof line, in)) {
            char sl[16], la[64], ra[64];
            unsigned st;
            unsigned long long txq;
            if (sscanf(line, " %15s %63s %63s %x %llx:", sl, la, ra, &st, &txq) != 5 || sl[strlen(sl) - 1] != ':') {
                continue;
            }
            char *lp = strchr(la, ':'), *rp = strchr(ra, ':');
            if (!lp || !rp || strtoul(lp + 1, NULL, 16) != lport || strtoul(rp + 1, NULL, 16) != rport) {
                continue;
            }
            fclose(in);
            *state = st >= 1 && st <= 11 ? KERNEL_STATE[st] : "?";
            *tx = (long long)txq;
            return 1;
        }
        fclose(in);
    }
    return 0;
}

static int settling(const char *st) {
    return !strcmp(st, "FIN_WAIT_1") || !strcmp(st, "FIN_WAIT_2") || !strcmp(st, "CLOSING") || !strcmp(st, "LAST_ACK");
}

static void state_after(const struct sockaddr_in *local, const struct sockaddr_in *remote, run_t *run) {
    long long deadline = now_ns() + STATE_SETTLE_MS * 1000000LL;
    for (;;) {
        DWORD pid;
        DWORD st = table_state(local, remote, 0, &pid);
        strcpy(run->state_after, st ? state_name(st) : "GONE");
        run->kernel_state_after[0] = 0;
        if (kernel_available) {
            const char *k;
            long long tx;
            strcpy(run->kernel_state_after, kernel_row(local, remote, &k, &tx) ? k : "GONE");
        }
        if ((!settling(run->state_after) && !settling(run->kernel_state_after)) || now_ns() > deadline) {
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
    int connects; /* the peer connects to the closer's listener instead of listening */
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

static const char *peer_how(const peer_t *p) {
    return p->read_at_once ? (p->eager ? "READ EAGER" : "READ") : (p->eager ? "HOLD EAGER" : "HOLD");
}

static void peer_open(peer_t *p, int wire, int read_at_once, int eager, int connects) {
    memset(p, 0, sizeof *p);
    p->wire = wire;
    p->connects = connects;
    p->read_at_once = read_at_once;
    p->eager = eager;
    p->listener = p->sock = INVALID_SOCKET;
    if (connects) {
        return;
    }
    if (wire) {
        char answer[128], line[32];
        snprintf(line, sizeof line, "OPEN %s", peer_how(p));
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

/* A connecting peer connects to the closer's listener. */
static void peer_connect_to(peer_t *p, const struct sockaddr_in *listener) {
    if (p->wire) {
        char answer[128], line[64];
        snprintf(line, sizeof line, "CONNECT %d %s", ntohs(listener->sin_port), peer_how(p));
        ask(line, answer, sizeof answer, "OK");
        int port;
        if (sscanf(answer, "OK %d %d", &p->id, &port) != 2) {
            fail("wire peer CONNECT answer");
        }
        return;
    }
    int rcvbuf = RCVBUF;
    p->sock = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    if (p->sock == INVALID_SOCKET || setsockopt(p->sock, SOL_SOCKET, SO_RCVBUF, (char *)&rcvbuf, sizeof rcvbuf) != 0
        || connect(p->sock, (const struct sockaddr *)listener, sizeof *listener) != 0) {
        fail("in-process peer connect");
    }
}

static void peer_connected(peer_t *p) {
    if (p->wire) {
        return;
    }
    if (p->listener != INVALID_SOCKET) {
        p->sock = accept(p->listener, NULL, NULL);
        if (p->sock == INVALID_SOCKET) {
            fail("accept");
        }
        closesocket(p->listener);
        p->listener = INVALID_SOCKET;
    }
    DWORD timeout = 100;
    setsockopt(p->sock, SOL_SOCKET, SO_RCVTIMEO, (char *)&timeout, sizeof timeout);
    p->reading = p->read_at_once;
    p->thread = CreateThread(NULL, 0, inprocess_reader, p, 0, NULL);
}

/* The peer sends n bytes to the closer. */
static void peer_send(peer_t *p, int n) {
    if (p->wire) {
        char line[64], answer[64];
        snprintf(line, sizeof line, "SEND %d %d", p->id, n);
        ask(line, answer, sizeof answer, "OK");
        return;
    }
    char *data = calloc(1, (size_t)n);
    for (int off = 0; off < n;) {
        int r = send(p->sock, data + off, n - off, 0);
        if (r == SOCKET_ERROR) {
            fail("in-process peer send");
        }
        off += r;
    }
    free(data);
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

/* The kernel's send queue for this socket's connection: 0 when absent or without a kernel. */
static long long kernel_unsent(SOCKET s) {
    struct sockaddr_in local, remote;
    int ll = sizeof local, rl = sizeof remote;
    const char *state;
    long long tx = 0;
    if (!kernel_available || getsockname(s, (struct sockaddr *)&local, &ll) != 0
        || getpeername(s, (struct sockaddr *)&remote, &rl) != 0 || !kernel_row(&local, &remote, &state, &tx)) {
        return 0;
    }
    return tx;
}

/* Rounds of non-blocking sends of CHUNK bytes until WSAEWOULDBLOCK, each followed by SETTLE_MS,
   until a round right after settling takes nothing and, where the kernel is visible, it still
   holds unsent bytes, the same count as one settle earlier: the peer's window is full and Wine holds
   nothing back (MatrixRunner.fill). The mode it had afterwards. */
static long long fill(SOCKET s, int blocking) {
    u_long on = 1, back = blocking ? 0 : 1;
    char *chunk = calloc(1, (size_t)CHUNK);
    if (ioctlsocket(s, FIONBIO, &on) != 0) {
        fail("FIONBIO 1");
    }
    long long total = 0, queue = -1, previous_queue = -1;
    int rounds = 0;
    for (long long round = -1; round != 0 || (kernel_available && (queue <= 0 || queue != previous_queue));) {
        if (++rounds > 100) {
            fail("100 rounds of sends and the kernel's send queue still empty or moving");
        }
        previous_queue = round == 0 ? queue : -1;
        round = 0;
        for (;;) {
            int n = send(s, chunk, CHUNK, 0);
            if (n == SOCKET_ERROR) {
                if (WSAGetLastError() == WSAEWOULDBLOCK) {
                    break;
                }
                fail("send while filling");
            }
            round += n;
            if (total + round > (64LL << 20)) {
                fail("64 MiB queued without WSAEWOULDBLOCK");
            }
        }
        total += round;
        Sleep(SETTLE_MS);
        if (kernel_available) {
            queue = kernel_unsent(s);
        }
    }
    free(chunk);
    if (ioctlsocket(s, FIONBIO, &back) != 0) {
        fail("FIONBIO back");
    }
    return total;
}

/* getsockname on the old SOCKET: 0 when it works and names the same local port, else its error (-1: another socket). */
static int handle_error(SOCKET s, const struct sockaddr_in *local) {
    struct sockaddr_in6 name;
    int len = sizeof name;
    if (getsockname(s, (struct sockaddr *)&name, &len) == SOCKET_ERROR) {
        return WSAGetLastError();
    }
    return !local || ((struct sockaddr_in *)&name)->sin_port == local->sin_port ? 0 : -1;
}

typedef struct {
    SOCKET s;
    enum special what;
    volatile int error;
} blocked_t;

static DWORD WINAPI blocked_call(LPVOID arg) {
    blocked_t *b = arg;
    int failed;
    if (b->what == SP_BLOCKED_SEND) {
        char *big = calloc(1, (size_t)BLOCKED_SEND_BYTES);
        failed = send(b->s, big, BLOCKED_SEND_BYTES, 0) == SOCKET_ERROR;
        free(big);
    } else if (b->what == SP_BLOCKED_ACCEPT) {
        SOCKET a = accept(b->s, NULL, NULL);
        failed = a == INVALID_SOCKET;
        if (!failed) {
            closesocket(a);
        }
    } else {
        char c;
        failed = recv(b->s, &c, 1, 0) == SOCKET_ERROR;
    }
    b->error = failed ? WSAGetLastError() : 0;
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

/* winsock4j close(): never closesocket under a call in progress; cancel it until it has left. */
static int close_like_winsock4j(SOCKET s, HANDLE blocked_thread, int *released) {
    if (blocked_thread) {
        while (WaitForSingleObject(blocked_thread, 0) != WAIT_OBJECT_0) {
            CancelIoEx((HANDLE)s, NULL);
            WaitForSingleObject(blocked_thread, 10);
        }
    }
    return do_closesocket(s, released);
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

static void apply_linger(SOCKET s, enum lingerset linger) {
    if (linger == DONTLINGER) {
        BOOL yes = TRUE;
        setsockopt(s, SOL_SOCKET, SO_DONTLINGER, (char *)&yes, sizeof yes);
    } else {
        struct linger l = {1, linger == LINGER_2S ? LINGER_SECONDS : 0};
        setsockopt(s, SOL_SOCKET, SO_LINGER, (char *)&l, sizeof l);
    }
}

/* SO_LINGER read back verbatim, "l_onoff,l_linger", or "error N". */
static void linger_text(SOCKET s, char *out, size_t cap) {
    struct linger got = {0, 0};
    int len = sizeof got;
    if (getsockopt(s, SOL_SOCKET, SO_LINGER, (char *)&got, &len) != 0) {
        snprintf(out, cap, "error %d", WSAGetLastError());
    } else {
        snprintf(out, cap, "%u,%u", got.l_onoff, got.l_linger);
    }
}

/* Whether the socket is non-blocking natively: a recv with nothing to read fails at once, or waits for SO_RCVTIMEO. */
static void mode_text(SOCKET s, char *out, size_t cap) {
    DWORD timeout = 200, none = 0;
    char c;
    setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, (char *)&timeout, sizeof timeout);
    int rc = recv(s, &c, 1, 0);
    int e = rc == SOCKET_ERROR ? WSAGetLastError() : 0;
    setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, (char *)&none, sizeof none);
    if (e == WSAEWOULDBLOCK) {
        snprintf(out, cap, "nonblocking");
    } else if (e == WSAETIMEDOUT) {
        snprintf(out, cap, "blocking");
    } else {
        snprintf(out, cap, "recv %d/%d", rc, e);
    }
}

/* The listener (linger or non-blocking mode set on it), the peer connects, the accepted socket is the closer. */
static SOCKET accept_from_peer(const scenario_t *sc, peer_t *peer) {
    SOCKET listener = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    struct sockaddr_in any = loopback(0), addr;
    int len = sizeof addr;
    if (listener == INVALID_SOCKET) {
        fail("listener");
    }
    if (sc->special == SP_LISTENER_LINGER) {
        apply_linger(listener, sc->linger);
    }
    if (bind(listener, (struct sockaddr *)&any, sizeof any) != 0 || listen(listener, 1) != 0
        || getsockname(listener, (struct sockaddr *)&addr, &len) != 0) {
        fail("listener bind/listen");
    }
    if (sc->special == SP_NONBLOCKING_LISTENER) {
        u_long on = 1;
        ioctlsocket(listener, FIONBIO, &on);
    }
    peer_connect_to(peer, &addr);
    long long deadline = now_ns() + 5000000000LL;
    SOCKET s;
    while ((s = accept(listener, NULL, NULL)) == INVALID_SOCKET) {
        if (WSAGetLastError() != WSAEWOULDBLOCK || now_ns() > deadline) {
            fail("accept from the peer");
        }
        Sleep(1);
    }
    closesocket(listener);
    peer_connected(peer);
    return s;
}

/* A run with nothing observed yet: every optional field unset. */
static run_t empty_run(void) {
    run_t run;
    memset(&run, 0, sizeof run);
    run.pid_is_self = -1;
    run.unsent_before = -1;
    run.blocked_error = NO_VALUE;
    run.handle_error = NO_VALUE;
    return run;
}

static void finish_close(run_t *run, int error, long long t0) {
    run->close_error = error;
    run->close_result = error ? SOCKET_ERROR : 0;
    run->close_millis = (now_ns() - t0) / 1000000LL;
}

/* close() of a listener while another thread is blocked in accept on it; there is no peer. */
static run_t blocked_accept(void) {
    run_t run = empty_run();
    SOCKET l = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    struct sockaddr_in any = loopback(0), local;
    int len = sizeof local, released = 0;
    if (l == INVALID_SOCKET || bind(l, (struct sockaddr *)&any, sizeof any) != 0 || listen(l, 1) != 0
        || getsockname(l, (struct sockaddr *)&local, &len) != 0) {
        fail("blocked-accept listener");
    }
    blocked_t b = {l, SP_BLOCKED_ACCEPT, NO_VALUE};
    HANDLE t = CreateThread(NULL, 0, blocked_call, &b, 0, NULL);
    Sleep(BLOCKED_START_MS);
    long long t0 = now_ns();
    finish_close(&run, close_like_winsock4j(l, t, &released), t0);
    WaitForSingleObject(t, 5000);
    CloseHandle(t);
    run.blocked_error = b.error;
    run.handle_error = handle_error(l, &local);
    run.handle_valid = run.handle_error == 0;
    if (!released) {
        abortive_close(l);
    }
    return run;
}

/* A SO_LINGER setsockopt Windows treats specially, on a fresh unconnected socket, then close(). */
static run_t option_step(const scenario_t *sc) {
    run_t run = empty_run();
    int udp = sc->special == SP_LINGER_UDP, released = 0;
    SOCKET s = udp ? socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP) : socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    if (s == INVALID_SOCKET) {
        fail("option-step socket");
    }
    struct linger l = {sc->special == SP_LINGER_0X100 ? 0x100 : 1, 0};
    int optlen = sc->special == SP_LINGER_OPTLEN_2 ? 2 : (int)sizeof l;
    char back[32];
    if (udp) {
        linger_text(s, run.option_after, sizeof run.option_after); /* the evidence covers getsockopt on UDP */
    } else if (setsockopt(s, SOL_SOCKET, SO_LINGER, (char *)&l, optlen) != 0) {
        snprintf(run.option_after, sizeof run.option_after, "error %d", WSAGetLastError());
    } else {
        linger_text(s, back, sizeof back);
        snprintf(run.option_after, sizeof run.option_after, "%s%s", sc->special == SP_LINGER_0X100 ? "" : "ok ", back);
    }
    long long t0 = now_ns();
    finish_close(&run, do_closesocket(s, &released), t0);
    run.handle_error = handle_error(s, NULL);
    run.handle_valid = run.handle_error == 0;
    if (!released) {
        abortive_close(s);
    }
    return run;
}

static run_t run_scenario(const scenario_t *sc, int wire, int owners) {
    if (sc->special == SP_BLOCKED_ACCEPT) {
        return blocked_accept();
    }
    if (sc->special == SP_LINGER_0X100 || sc->special == SP_LINGER_OPTLEN_2 || sc->special == SP_LINGER_UDP) {
        return option_step(sc);
    }
    run_t run = empty_run();
    run.has_peer = 1;
    int cleanup = sc->special == SP_AFTER_CLEANUP || sc->special == SP_CLEANUP_OPEN;
    int accepted = sc->special == SP_LISTENER_LINGER || sc->special == SP_NONBLOCKING_LISTENER;
    peer_t peer;
    peer_open(&peer, wire, sc->data == NONE && !cleanup, sc->action == CLOSE_TIMEOUT, accepted);

    SOCKET s;
    int sndbuf = SNDBUF;
    if (accepted) {
        s = accept_from_peer(sc, &peer);
        if (sc->special == SP_LISTENER_LINGER) {
            linger_text(s, run.option_after, sizeof run.option_after);
        } else {
            mode_text(s, run.option_after, sizeof run.option_after);
        }
        setsockopt(s, SOL_SOCKET, SO_SNDBUF, (char *)&sndbuf, sizeof sndbuf);
    } else {
        s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
        if (s == INVALID_SOCKET || setsockopt(s, SOL_SOCKET, SO_SNDBUF, (char *)&sndbuf, sizeof sndbuf) != 0
            || connect(s, (struct sockaddr *)&peer.address, sizeof peer.address) != 0) {
            fail("closer connect");
        }
        peer_connected(&peer);
    }
    struct sockaddr_in local, remote;
    int len = sizeof local;
    getsockname(s, (struct sockaddr *)&local, &len);
    len = sizeof remote;
    getpeername(s, (struct sockaddr *)&remote, &len);
    int released = 0;

    if (cleanup) {
        /* this program's only WSAStartup reference: after WSACleanup ws2_32 is uninitialised */
        row_before(&local, &remote, owners, &run);
        WSACleanup();
        WSADATA wsa;
        if (sc->special == SP_CLEANUP_OPEN) {
            if (WSAStartup(MAKEWORD(2, 2), &wsa) != 0) {
                fail("WSAStartup again");
            }
            Sleep(SETTLE_MS);
        }
        long long t0 = now_ns();
        finish_close(&run, do_closesocket(s, &released), t0);
        if (sc->special == SP_AFTER_CLEANUP && WSAStartup(MAKEWORD(2, 2), &wsa) != 0) {
            fail("WSAStartup again");
        }
        run.bytes_sent = 0;
    } else {
        int blocking = sc->mode == BLOCKING && !accepted;
        if (accepted) {
            blocking = sc->special != SP_NONBLOCKING_LISTENER;
        }
        run.bytes_sent = sc->data == NONE ? send_payload(s, &peer) : fill(s, accepted ? blocking : 1);
        if (sc->special != SP_LISTENER_LINGER) {
            apply_linger(s, sc->linger);
        }
        if (sc->special == SP_DONTLINGER_CLEARED) {
            BOOL yes = TRUE, no = FALSE;
            setsockopt(s, SOL_SOCKET, SO_DONTLINGER, (char *)&yes, sizeof yes);
            setsockopt(s, SOL_SOCKET, SO_DONTLINGER, (char *)&no, sizeof no);
            linger_text(s, run.option_after, sizeof run.option_after);
        }
        if (sc->special == SP_SHUTDOWN_RECEIVE) {
            shutdown(s, SD_RECEIVE);
            peer_send(&peer, PAYLOAD);
            Sleep(SETTLE_MS);
        }
        if (!blocking && !accepted) {
            u_long on = 1;
            ioctlsocket(s, FIONBIO, &on);
        }
        row_before(&local, &remote, owners, &run);
        if (kernel_available) {
            const char *k;
            long long tx = 0;
            run.unsent_before = kernel_row(&local, &remote, &k, &tx) ? tx : -1;
        }

        blocked_t blocked = {s, sc->special, NO_VALUE};
        HANDLE blocked_thread = NULL;
        if (sc->special == SP_BLOCKED_RECV || sc->special == SP_BLOCKED_SEND || sc->special == SP_RAW_CLOSE) {
            blocked_thread = CreateThread(NULL, 0, blocked_call, &blocked, 0, NULL);
            Sleep(BLOCKED_START_MS);
        }
        WSAOVERLAPPED ov;
        WSABUF wsabuf;
        char ovbuf[1];
        if (sc->special == SP_OVERLAPPED_RECV) {
            DWORD got = 0, flags = 0;
            memset(&ov, 0, sizeof ov);
            ov.hEvent = WSACreateEvent();
            wsabuf.len = sizeof ovbuf;
            wsabuf.buf = ovbuf;
            if (WSARecv(s, &wsabuf, 1, &got, &flags, &ov, NULL) == 0 || WSAGetLastError() != WSA_IO_PENDING) {
                fail("overlapped WSARecv did not stay pending");
            }
        }
        long long t0 = now_ns();
        if (sc->special == SP_RAW_CLOSE) {
            finish_close(&run, do_closesocket(s, &released), t0);
        } else {
            switch (sc->action) {
            case CLOSE:
                finish_close(&run, close_like_winsock4j(s, blocked_thread, &released), t0);
                break;
            case SHUTDOWN_CLOSE:
                if (shutdown(s, SD_SEND) == SOCKET_ERROR) {
                    finish_close(&run, WSAGetLastError(), t0);
                } else {
                    finish_close(&run, close_like_winsock4j(s, blocked_thread, &released), t0);
                }
                break;
            case CLOSE_TIMEOUT:
                finish_close(&run, close_with_timeout(s, blocking, &released), t0);
                break;
            }
        }
        if (sc->special == SP_OVERLAPPED_RECV) {
            DWORD got = 0, flags = 0;
            strcpy(run.completion, WaitForSingleObject(ov.hEvent, 0) == WAIT_OBJECT_0 ? "before-close-returned"
                    : WaitForSingleObject(ov.hEvent, COMPLETION_WAIT_MS) == WAIT_OBJECT_0 ? "after-close-returned" : "pending");
            run.blocked_error = WSAGetOverlappedResult(s, &ov, &got, FALSE, &flags) ? 0 : WSAGetLastError();
            snprintf(run.option_after, sizeof run.option_after, "Internal=0x%08X", (unsigned)ov.Internal);
            WSACloseEvent(ov.hEvent);
        }
        if (blocked_thread) {
            WaitForSingleObject(blocked_thread, 5000);
            CloseHandle(blocked_thread);
            run.blocked_error = blocked.error;
        }
    }
    run.handle_error = handle_error(s, &local);
    run.handle_valid = run.handle_error == 0;
    if (sc->data == UNSENT && !cleanup) {
        /* Let an asynchronous close finish before the peer reads (MatrixRunner): while the closer's
           kernel row is ESTABLISHED or FIN_WAIT_1 (at most STATE_SETTLE_MS), then SETTLE_MS more. */
        long long deadline = now_ns() + STATE_SETTLE_MS * 1000000LL;
        const char *k;
        long long tx;
        while (kernel_available && now_ns() < deadline && kernel_row(&local, &remote, &k, &tx)
                && (strcmp(k, "ESTABLISHED") == 0 || strcmp(k, "FIN_WAIT_1") == 0)) {
            Sleep(10);
        }
        Sleep(SETTLE_MS);
    }
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

/* A JSON string value, or null for "". The values here never need escaping (ids, states, numbers). */
static void json_str(const char *key, const char *value, int last) {
    if (value[0]) {
        printf("        \"%s\" : \"%s\"%s\n", key, value, last ? "" : ",");
    } else {
        printf("        \"%s\" : null%s\n", key, last ? "" : ",");
    }
}

static void json_int(const char *key, long long value, int present) {
    if (present) {
        printf("        \"%s\" : %lld,\n", key, value);
    } else {
        printf("        \"%s\" : null,\n", key);
    }
}

static void json_run(const char *name, const run_t *r) {
    printf(",\n      \"%s\" : {\n", name);
    printf("        \"closeResult\" : %d,\n        \"closeError\" : %d,\n        \"closeMillis\" : %lld,\n",
        r->close_result, r->close_error, r->close_millis);
    printf("        \"handleValidAfter\" : %s,\n", r->handle_valid ? "true" : "false");
    json_int("handleErrorAfter", r->handle_error, r->handle_error != NO_VALUE);
    printf("        \"bytesSent\" : %lld,\n", r->bytes_sent);
    json_int("unsentBefore", r->unsent_before, r->unsent_before >= 0);
    json_str("stateBefore", r->state_before, 0);
    if (r->pid_is_self >= 0) {
        printf("        \"pidIsSelfBefore\" : %s,\n", r->pid_is_self ? "true" : "false");
    } else {
        printf("        \"pidIsSelfBefore\" : null,\n");
    }
    if (r->has_peer) {
        printf("        \"peer\" : { \"bytes\" : %lld, \"end\" : \"%s\", \"error\" : %d },\n", r->peer.bytes, r->peer.end,
            r->peer.error);
    } else {
        printf("        \"peer\" : null,\n");
    }
    json_str("stateAfter", r->state_after, 0);
    json_str("kernelStateAfter", r->kernel_state_after, 0);
    json_int("blockedError", r->blocked_error, r->blocked_error != NO_VALUE);
    json_str("optionAfter", r->option_after, 0);
    json_str("completion", r->completion, 1);
    printf("      }");
}

/* ------------------------------------------------------------------ the scenario data file */

static void data_error(const char *what, const char *detail) {
    fprintf(stderr, "close_matrix: scenario data: %s%s%s\n", what, detail ? ": " : "", detail ? detail : "");
    exit(2);
}

/* Rejects any key of obj not in allowed (NULL-terminated): the reader is as strict as the Java one. */
static void only_keys(const cJSON *obj, const char *where, const char *const *allowed) {
    if (!cJSON_IsObject(obj)) {
        data_error(where, "not an object");
    }
    for (const cJSON *c = obj->child; c; c = c->next) {
        int known = 0;
        for (const char *const *a = allowed; *a; a++) {
            known |= strcmp(c->string, *a) == 0;
        }
        if (!known) {
            char msg[200];
            snprintf(msg, sizeof msg, "unknown key \"%s\" in %s", c->string, where);
            data_error(msg, NULL);
        }
    }
}

static const cJSON *member(const cJSON *obj, const char *key, const char *where) {
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (!v) {
        char msg[200];
        snprintf(msg, sizeof msg, "%s has no \"%s\"", where, key);
        data_error(msg, NULL);
    }
    return v;
}

static int int_member(const cJSON *obj, const char *key, const char *where) {
    const cJSON *v = member(obj, key, where);
    if (!cJSON_IsNumber(v) || v->valuedouble < 0 || v->valuedouble != (double)v->valueint) {
        data_error(key, "must be a whole number >= 0");
    }
    return v->valueint;
}

static const char *string_member(const cJSON *obj, const char *key, const char *where) {
    const cJSON *v = member(obj, key, where);
    if (!cJSON_IsString(v)) {
        data_error(key, "must be a string");
    }
    return v->valuestring;
}

static int enum_member(const cJSON *obj, const char *key, const char *where, const char *const *names) {
    const char *v = string_member(obj, key, where);
    for (int i = 0; names[i]; i++) {
        if (strcmp(v, names[i]) == 0) {
            return i;
        }
    }
    char msg[200];
    snprintf(msg, sizeof msg, "%s: unknown %s \"%s\"", where, key, v);
    data_error(msg, NULL);
    return -1;
}

static const char *const TOP_KEYS[] = {"schemaVersion", "description", "constants", "bases", "scenarios", NULL};
static const char *const CONSTANT_KEYS[] = {"payloadBytes", "chunkBytes", "sndbufBytes", "peerRcvbufBytes", "settleMillis",
    "openAfterMillis", "lingerSeconds", "closeTimeoutMillis", "stateSettleMillis", "blockedCallStartMillis",
    "blockedSendBytes", "completionWaitMillis", "immediateMaxMillis", NULL};
static const char *const BASIS_KEYS[] = {"strength", "source", "url", NULL};
static const char *const SCENARIO_KEYS[] = {"id", "title", "mode", "linger", "data", "action", "special", "wirePeer", "expect",
    "basis", "docsSay", NULL};
static const char *const EXPECT_KEYS[] = {"closeError", "minMillis", "maxMillis", "handleValidAfter", "handleErrorAfter",
    "stateBefore", "peerEnd", "peerGetsAll", "stateAfter", "winsockPeerError", "blockedErrors", "optionAfter", "completion", NULL};

/* Reads the data file into all[]; returns how many scenarios. */
static int load_scenarios(const char *path, scenario_t *all) {
    FILE *in = fopen(path, "rb");
    if (!in) {
        data_error("cannot open", path);
    }
    static char text[1 << 20];
    size_t n = fread(text, 1, sizeof text - 1, in);
    fclose(in);
    if (n == sizeof text - 1) {
        data_error("file too large", path);
    }
    text[n] = 0;
    cJSON *doc = cJSON_Parse(text);
    if (!doc) {
        data_error("not valid JSON near", cJSON_GetErrorPtr());
    }
    only_keys(doc, "the document", TOP_KEYS);
    if (int_member(doc, "schemaVersion", "the document") != 1) {
        data_error("schemaVersion", "this probe reads version 1");
    }
    const cJSON *k = member(doc, "constants", "the document");
    only_keys(k, "constants", CONSTANT_KEYS);
    PAYLOAD = int_member(k, "payloadBytes", "constants");
    CHUNK = int_member(k, "chunkBytes", "constants");
    SNDBUF = int_member(k, "sndbufBytes", "constants");
    RCVBUF = int_member(k, "peerRcvbufBytes", "constants");
    SETTLE_MS = int_member(k, "settleMillis", "constants");
    OPEN_AFTER_MS = int_member(k, "openAfterMillis", "constants");
    LINGER_SECONDS = int_member(k, "lingerSeconds", "constants");
    CLOSE_TIMEOUT_MS = int_member(k, "closeTimeoutMillis", "constants");
    STATE_SETTLE_MS = int_member(k, "stateSettleMillis", "constants");
    BLOCKED_START_MS = int_member(k, "blockedCallStartMillis", "constants");
    BLOCKED_SEND_BYTES = int_member(k, "blockedSendBytes", "constants");
    COMPLETION_WAIT_MS = int_member(k, "completionWaitMillis", "constants");
    int_member(k, "immediateMaxMillis", "constants"); /* judging only (Java) */
    const cJSON *bases = member(doc, "bases", "the document");
    if (!cJSON_IsObject(bases)) {
        data_error("bases", "not an object");
    }
    for (const cJSON *b = bases->child; b; b = b->next) {
        only_keys(b, b->string, BASIS_KEYS);
    }
    const cJSON *list = member(doc, "scenarios", "the document");
    if (!cJSON_IsArray(list)) {
        data_error("scenarios", "not an array");
    }
    int count = 0;
    for (const cJSON *e = list->child; e; e = e->next) {
        if (count == MAX_SCENARIOS) {
            data_error("too many scenarios", NULL);
        }
        scenario_t *s = &all[count++];
        memset(s, 0, sizeof *s);
        only_keys(e, "a scenario", SCENARIO_KEYS);
        const char *id = string_member(e, "id", "a scenario");
        if (strlen(id) >= sizeof s->id || strlen(string_member(e, "title", id)) >= sizeof s->title) {
            data_error("id or title too long", id);
        }
        strcpy(s->id, id);
        strcpy(s->title, string_member(e, "title", id));
        if (strpbrk(s->id, "\"\\") || strpbrk(s->title, "\"\\")) {
            data_error(id, "id and title may not contain a quote or a backslash");
        }
        s->mode = enum_member(e, "mode", id, MODE_KEY);
        s->linger = enum_member(e, "linger", id, LINGER_KEY);
        s->data = enum_member(e, "data", id, DATA_KEY);
        s->action = enum_member(e, "action", id, ACTION_KEY);
        s->special = enum_member(e, "special", id, SPECIAL_KEY);
        const cJSON *wire = member(e, "wirePeer", id);
        if (!cJSON_IsBool(wire)) {
            data_error(id, "wirePeer must be true or false");
        }
        s->wire_peer = cJSON_IsTrue(wire);
        only_keys(member(e, "expect", id), id, EXPECT_KEYS);
        const cJSON *basis = member(e, "basis", id);
        if (!cJSON_IsArray(basis) || !basis->child) {
            data_error(id, "basis must be a non-empty array");
        }
        for (const cJSON *b = basis->child; b; b = b->next) {
            if (!cJSON_IsString(b) || !cJSON_GetObjectItemCaseSensitive(bases, b->valuestring)) {
                data_error(id, "names a basis that bases does not define");
            }
        }
        member(e, "docsSay", id);
        for (int i = 0; i < count - 1; i++) {
            if (strcmp(all[i].id, s->id) == 0) {
                data_error("scenario id appears twice", s->id);
            }
        }
    }
    cJSON_Delete(doc);
    return count;
}

/* Whole-string glob match, '*' being any run of characters (Scenarios.globMatches in Java). */
static int glob_match(const char *glob, const char *text) {
    const char *star = NULL, *mark = NULL;
    while (*text) {
        if (*glob == '*') {
            star = glob++;
            mark = text;
        } else if (*glob == *text) {
            glob++;
            text++;
        } else if (star) {
            glob = star + 1;
            text = ++mark;
        } else {
            return 0;
        }
    }
    while (*glob == '*') {
        glob++;
    }
    return *glob == 0;
}

/* Whether id matches any of the comma-separated globs (all of them for NULL). */
static int selected(const char *globs, const char *id) {
    if (!globs) {
        return 1;
    }
    char copy[512];
    snprintf(copy, sizeof copy, "%s", globs);
    for (char *g = strtok(copy, ","); g; g = strtok(NULL, ",")) {
        if (glob_match(g, id)) {
            return 1;
        }
    }
    return 0;
}

int main(int argc, char **argv) {
    const char *only = NULL, *data_file = NULL;
    int wire = 0, list = 0;
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
        } else if (strcmp(argv[i], "--scenarios") == 0 && i + 1 < argc) {
            data_file = argv[++i];
        } else if (strcmp(argv[i], "--list") == 0) {
            list = 1;
        } else {
            fprintf(stderr, "usage: close_matrix --scenarios FILE [--wire-peer HOST:PORT] [--only GLOB[,GLOB...]] [--list]\n");
            return 2;
        }
    }
    if (!data_file) {
        fprintf(stderr, "close_matrix: --scenarios FILE is required (cli/src/main/resources/org/winsock4j/cli/matrix/scenarios.json)\n");
        return 2;
    }
    static scenario_t all[MAX_SCENARIOS];
    int n = load_scenarios(data_file, all), matching = 0;
    for (int i = 0; i < n; i++) {
        matching += selected(only, all[i].id);
    }
    if (matching == 0) {
        fprintf(stderr, "close_matrix: no scenario matches %s; ids look like %s\n", only, all[0].id);
        return 2;
    }
    if (list) {
        for (int i = 0; i < n; i++) {
            if (selected(only, all[i].id)) {
                printf("%s\n", all[i].id);
            }
        }
        return 0;
    }
    QueryPerformanceFrequency(&freq);
    WSADATA wsa;
    if (WSAStartup(MAKEWORD(2, 2), &wsa) != 0) {
        fail("WSAStartup");
    }

    const char *(*wine_version)(void) = (const char *(*)(void))(void (*)(void))GetProcAddress(GetModuleHandleA("ntdll.dll"), "wine_get_version");
    char platform[64];
    if (wine_version) {
        snprintf(platform, sizeof platform, "Wine %s", wine_version());
        FILE *probe = fopen("Z:\\proc\\net\\tcp", "r");
        if (probe) {
            kernel_available = 1;
            fclose(probe);
        }
    } else {
        OSVERSIONINFOA v = {sizeof v, 0, 0, 0, 0, ""};
        GetVersionExA(&v);
        snprintf(platform, sizeof platform, "Windows %lu.%lu", v.dwMajorVersion, v.dwMinorVersion);
    }

    long long t0 = now_ns();
    printf("{\n  \"schemaVersion\" : 2,\n  \"tool\" : \"winsock4j close-matrix\",\n  \"implementation\" : \"c\",\n"
           "  \"platform\" : \"%s\",\n", platform);
    if (wire) {
        printf("  \"wirePeer\" : \"%s\",\n", wire_text);
    } else {
        printf("  \"wirePeer\" : null,\n");
    }
    printf("  \"scenarios\" : [");
    int printed = 0;
    for (int i = 0; i < n; i++) {
        if (!selected(only, all[i].id)) {
            continue;
        }
        long long s0 = now_ns();
        run_t w = run_scenario(&all[i], 0, printed == 0);
        run_t wr;
        int with_wire = wire && all[i].wire_peer;
        if (with_wire) {
            wr = run_scenario(&all[i], 1, 0);
        }
        printf("%s\n    {\n      \"id\" : \"%s\",\n      \"title\" : \"%s\"", printed++ ? "," : "", all[i].id, all[i].title);
        json_run("winsock", &w);
        if (with_wire) {
            json_run("wire", &wr);
        } else {
            printf(",\n      \"wire\" : null");
        }
        printf("\n    }");
        fflush(stdout);
        fprintf(stderr, "[%2d/%d] %-55s %5lld ms\n", printed, matching, all[i].id, (now_ns() - s0) / 1000000LL);
    }
    printf("\n  ],\n  \"wallMillis\" : %lld,\n  \"context\" : { \"pid\" : %lu, \"java\" : null,"
           " \"afterCleanup.otherWsaStartupReferencesDrained\" : null }\n}\n", (now_ns() - t0) / 1000000LL,
        GetCurrentProcessId());
    WSACleanup();
    return 0;
}
