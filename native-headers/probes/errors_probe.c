/*
 * errors_probe.c: the failing Winsock calls of the integration test ErrorNumbersWineTest, in C.
 * Every scenario is reachable through winsock4j's public API. Prints one line per scenario, "name code", where code is WSAGetLastError() right after the
 * failing call (or "ok" if the call did not fail). The Java test performs the same calls through
 * winsock4j and requires the same numbers: the binding adds nothing and loses nothing.
 * Build: x86_64-w64-mingw32-gcc -O2 -o errors_probe.exe errors_probe.c -lws2_32
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <stdio.h>
#include <string.h>

static void report(const char *name, int rc) {
    if (rc == SOCKET_ERROR) {
        printf("%s %d\n", name, WSAGetLastError());
    } else {
        printf("%s ok\n", name);
    }
}

static SOCKET tcp(void) {
    return socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
}

static struct sockaddr_in loopback(unsigned short port) {
    struct sockaddr_in a;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_port = htons(port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return a;
}

static unsigned short port_of(SOCKET s) {
    struct sockaddr_in a;
    int len = sizeof a;
    getsockname(s, (struct sockaddr *)&a, &len);
    return ntohs(a.sin_port);
}

int main(void) {
    WSADATA wsa;
    if (WSAStartup(MAKEWORD(2, 2), &wsa) != 0) {
        printf("WSAStartup failed\n");
        return 1;
    }
    setvbuf(stdout, NULL, _IONBF, 0);

    report("closesocket_bogus_handle", closesocket((SOCKET)0x7777));

    SOCKET s = tcp();
    report("send_unconnected", send(s, "x", 1, 0));
    report("getpeername_unconnected", getpeername(s, (struct sockaddr *)&(struct sockaddr_in){0}, &(int){sizeof(struct sockaddr_in)}));
    report("listen_unbound", listen(s, 1));
    report("accept_not_listening", accept(s, NULL, NULL) == INVALID_SOCKET ? SOCKET_ERROR : 0);
    report("getsockname_unbound", getsockname(s, (struct sockaddr *)&(struct sockaddr_in){0}, &(int){sizeof(struct sockaddr_in)}));
    report("shutdown_unconnected", shutdown(s, SD_SEND));
    struct sockaddr_in any0 = loopback(0);
    bind(s, (struct sockaddr *)&any0, sizeof any0);
    report("bind_twice", bind(s, (struct sockaddr *)&any0, sizeof any0));
    closesocket(s);

    report("socket_dgram_with_tcp", socket(AF_INET, SOCK_DGRAM, IPPROTO_TCP) == INVALID_SOCKET ? SOCKET_ERROR : 0);

    /* A listener, then a second bind to its port, then a refused connect to a closed port. */
    SOCKET listener = tcp();
    struct sockaddr_in any = loopback(0);
    bind(listener, (struct sockaddr *)&any, sizeof any);
    listen(listener, 4);
    struct sockaddr_in at = loopback(port_of(listener));
    SOCKET second = tcp();
    report("bind_address_in_use", bind(second, (struct sockaddr *)&at, sizeof at));
    closesocket(second);

    SOCKET gone = tcp();
    bind(gone, (struct sockaddr *)&any, sizeof any);
    struct sockaddr_in closed_port = loopback(port_of(gone));
    closesocket(gone);
    SOCKET refused = tcp();
    report("connect_refused", connect(refused, (struct sockaddr *)&closed_port, sizeof closed_port));
    closesocket(refused);

    /* A connected pair: non-blocking recv with nothing to read, send after shutdown(SD_SEND). */
    SOCKET client = tcp();
    connect(client, (struct sockaddr *)&at, sizeof at);
    SOCKET served = accept(listener, NULL, NULL);
    u_long on = 1;
    ioctlsocket(client, FIONBIO, &on);
    char b;
    report("recv_nonblocking_empty", recv(client, &b, 1, 0));
    SOCKET pending = tcp();
    ioctlsocket(pending, FIONBIO, &on);
    report("connect_nonblocking", connect(pending, (struct sockaddr *)&at, sizeof at));
    closesocket(pending);
    on = 0;
    ioctlsocket(client, FIONBIO, &on);
    shutdown(client, SD_SEND);
    report("send_after_shutdown_send", send(client, "x", 1, 0));
    closesocket(client);
    closesocket(served);
    closesocket(listener);

    WSACleanup();
    report("socket_after_cleanup", socket(AF_INET, SOCK_STREAM, IPPROTO_TCP) == INVALID_SOCKET ? SOCKET_ERROR : 0);
    return 0;
}
