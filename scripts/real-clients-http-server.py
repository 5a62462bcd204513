#!/usr/bin/env python3
"""scripts/real-clients-http-server.py: the HTTP server of scripts/check-real-clients.sh.

Python's own HTTP/1.1 server (http.server, keep-alive) on 127.0.0.1, plain and TLS (a certificate
the check generated), in threads. It logs every connection's end as the peer made it, so that
a client's close semantics can be read off the server side:
    conn PORT open tls|plain
    conn PORT end FIN requests=N      the client closed gracefully (read returned end of stream)
    conn PORT end RST requests=N      the client reset the connection (ECONNRESET)
    conn PORT end server-reset requests=N
GET /hello/N answers "hello N"; GET /reset-on-reuse answers on a connection's first request and
resets the connection (SO_LINGER {1, 0}, close) when a connection asks it again: the stale pooled
connection a client must retry. Prints "PORTS plain tls" on stdout once listening.
"""
import argparse
import http.server
import socket
import ssl
import struct
import sys
import threading
import time

log_lock = threading.Lock()
log_file = None


def log(line):
    with log_lock:
        log_file.write("%.3f %s\n" % (time.time(), line))
        log_file.flush()


class ServerReset(Exception):
    """The handler reset the connection on purpose."""


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def setup(self):
        super().setup()
        self.served = 0
        log("conn %d open %s" % (self.client_address[1], self.server.kind))

    def handle(self):
        end = "FIN"
        try:
            self.close_connection = True
            self.handle_one_request()
            while not self.close_connection:
                self.handle_one_request()
        except ServerReset:
            end = "server-reset"
        except ConnectionResetError:
            end = "RST"
        except ssl.SSLError as e:
            end = "TLS-error " + e.__class__.__name__
        log("conn %d end %s requests=%d" % (self.client_address[1], end, self.served))

    def do_GET(self):
        if self.path == "/reset-on-reuse" and self.served > 0:
            # A reset and nothing before it: closed here, with linger {1, 0}, before socketserver's
            # own shutdown_request would send a FIN first. The file objects hold the descriptor too.
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.rfile.close()
            self.wfile.close()
            self.connection.close()
            raise ServerReset()
        self.served += 1
        body = ("hello " + self.path.rsplit("/", 1)[-1]).encode("ascii")
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):
        pass  # the connection log above is what the check reads


def server(kind, context):
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    httpd.kind = kind
    if context is not None:
        httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cert", required=True)
    parser.add_argument("--key", required=True)
    parser.add_argument("--log", required=True)
    args = parser.parse_args()
    global log_file
    log_file = open(args.log, "a", encoding="ascii")
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(args.cert, args.key)
    plain = server("plain", None)
    tls = server("tls", context)
    print("PORTS %d %d" % (plain.server_address[1], tls.server_address[1]), flush=True)
    threading.Event().wait()


if __name__ == "__main__":
    sys.exit(main())
