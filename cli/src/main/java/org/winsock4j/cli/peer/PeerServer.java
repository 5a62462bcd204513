package org.winsock4j.cli.peer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The wire peer: runs on the host's Linux JVM (outside Wine's socket layer) and accepts the
 * matrix's connections over loopback, so what it reports is what really came over TCP (a FIN is
 * an end of stream, an RST is ECONNRESET). The probe under Wine drives it with one-line requests,
 * one control connection per request (so no control socket is open while a scenario resets the
 * probe's Winsock):
 * <pre>
 *   OPEN READ|HOLD [EAGER] -> OK id port   a listener (SO_RCVBUF 4096) for one connection; READ
 *                                       reads at once, HOLD only after GO. At end of stream the peer
 *                                       closes its socket after GO, or at once with EAGER
 *   CONNECT port READ|HOLD [EAGER] -> OK id localport   the peer connects (SO_RCVBUF 4096) to the
 *                                       probe's listener at 127.0.0.1:port, then as OPEN
 *   SEND id n         -> OK n           the peer writes n zero bytes (n at most 64 MiB)
 *   BYTES id n        -> OK | TIMEOUT   waits until n bytes were received
 *   GO id             -> OK             the close returned: read now; OPEN after 1 s of nothing
 *   RESULT id         -> RESULT bytes end   end = EOF | ECONNRESET | OPEN | ERROR:message
 *   RELEASE id        -> OK             closes the peer's socket if it is still open
 *   PING              -> PONG
 * </pre>
 * It exits by itself after {@code idleSeconds} without a request.
 */
public final class PeerServer implements AutoCloseable {
    public static final int RCVBUF = 4096;
    /** After the close returned, how long silence means the connection is still open. */
    public static final long OPEN_AFTER_MILLIS = 1000;
    private static final long MAX_WAIT_MILLIS = 20_000;

    private final ServerSocket control;
    private final Map<Integer, Conn> conns = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private volatile long lastRequest = System.nanoTime();
    private volatile boolean closed;

    public PeerServer(int port) throws IOException {
        control = new ServerSocket();
        control.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
    }

    public int port() {
        return control.getLocalPort();
    }

    /** Serves until closed or idle for {@code idleSeconds}. */
    public void serve(long idleSeconds) throws IOException {
        control.setSoTimeout(1000);
        while (!closed) {
            Socket s;
            try {
                s = control.accept();
            } catch (SocketTimeoutException idle) {
                if (System.nanoTime() - lastRequest > idleSeconds * 1_000_000_000L) {
                    break;
                }
                continue;
            } catch (SocketException e) {
                if (closed) {
                    break;
                }
                throw e;
            }
            lastRequest = System.nanoTime();
            Thread t = new Thread(() -> handle(s), "peer-control");
            t.setDaemon(true);
            t.start();
        }
        close();
    }

    private void handle(Socket s) {
        try (s; BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
                PrintWriter out = new PrintWriter(s.getOutputStream(), true, StandardCharsets.US_ASCII)) {
            String line = in.readLine();
            if (line != null) {
                String answer;
                try {
                    answer = answer(line.trim());
                } catch (IllegalArgumentException | IOException e) {
                    answer = "ERROR " + String.valueOf(e.getMessage()).replace('\n', ' ');
                }
                out.print(answer + "\n");
                out.flush();
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("peer: request failed: " + e);
        }
    }

    String answer(String line) throws IOException {
        String[] w = line.split(" ");
        switch (w[0]) {
            case "PING":
                return "PONG";
            case "OPEN": {
                boolean hold = w.length > 1 && w[1].equals("HOLD");
                boolean eager = w.length > 2 && w[2].equals("EAGER");
                Conn c = new Conn(ids.incrementAndGet(), !hold, eager);
                conns.put(c.id, c);
                return "OK " + c.id + " " + c.listener.getLocalPort();
            }
            case "CONNECT": {
                if (w.length < 3) {
                    return "ERROR usage: CONNECT port READ|HOLD [EAGER]";
                }
                int port = number(w[1], 1, 65535, "port");
                Conn c = new Conn(ids.incrementAndGet(), w[2].equals("READ"), w.length > 3 && w[3].equals("EAGER"), port);
                conns.put(c.id, c);
                return "OK " + c.id + " " + c.socket.getLocalPort();
            }
            case "SEND": {
                if (w.length < 3) {
                    return "ERROR usage: SEND id n";
                }
                Conn c = conn(w[1]);
                int n = number(w[2], 0, 64 << 20, "byte count");
                Socket socket = c.socket;
                if (socket == null) {
                    return "ERROR connection " + c.id + " has no socket yet";
                }
                socket.getOutputStream().write(new byte[n]);
                socket.getOutputStream().flush();
                return "OK " + n;
            }
            case "BYTES": {
                Conn c = conn(w[1]);
                long n = Long.parseLong(w[2]);
                long deadline = System.nanoTime() + MAX_WAIT_MILLIS * 1_000_000;
                while (c.bytes < n && c.end == null && System.nanoTime() < deadline) {
                    sleep(2);
                }
                return c.bytes >= n ? "OK" : "TIMEOUT " + c.bytes;
            }
            case "GO": {
                Conn c = conn(w[1]);
                c.closedAt = System.nanoTime();
                c.reading = true;
                return "OK";
            }
            case "RESULT": {
                Conn c = conn(w[1]);
                long deadline = System.nanoTime() + MAX_WAIT_MILLIS * 1_000_000;
                while (c.end == null && System.nanoTime() < deadline) {
                    sleep(2);
                }
                return "RESULT " + c.bytes + " " + (c.end == null ? "ERROR:peer-timeout" : c.end);
            }
            case "RELEASE": {
                Conn c = conns.remove(Integer.parseInt(w[1]));
                if (c != null) {
                    c.release();
                }
                return "OK";
            }
            default:
                return "ERROR unknown request: " + line;
        }
    }

    private static int number(String text, int min, int max, String what) {
        try {
            int v = Integer.parseInt(text);
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(what + " must be " + min + ".." + max + ", got '" + text + "'");
    }

    private Conn conn(String id) {
        Conn c = conns.get(Integer.parseInt(id));
        if (c == null) {
            throw new IllegalArgumentException("no connection " + id);
        }
        return c;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        for (Conn c : conns.values()) {
            c.release();
        }
        control.close();
    }

    /** One scenario's connection: accepts once (or connects), then reads as told. */
    private static final class Conn {
        final int id;
        final ServerSocket listener;
        volatile boolean reading;
        volatile long closedAt;
        volatile long bytes;
        volatile String end;
        volatile Socket socket;
        final boolean eager;

        Conn(int id, boolean readAtOnce, boolean eager) throws IOException {
            this.id = id;
            this.reading = readAtOnce;
            this.eager = eager;
            listener = new ServerSocket();
            listener.setReceiveBufferSize(RCVBUF); // inherited by the accepted socket: the peer's window stays small
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
            Thread t = new Thread(this::run, "peer-conn-" + id);
            t.setDaemon(true);
            t.start();
        }

        /** A connection the peer makes to the probe's listener on loopback. */
        Conn(int id, boolean readAtOnce, boolean eager, int port) throws IOException {
            this.id = id;
            this.reading = readAtOnce;
            this.eager = eager;
            listener = null;
            Socket s = new Socket();
            try {
                s.setReceiveBufferSize(RCVBUF); // before connecting: the window is agreed in the handshake
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), (int) MAX_WAIT_MILLIS);
            } catch (IOException e) {
                s.close();
                throw new IOException("connect to 127.0.0.1:" + port + " failed: " + e.getMessage(), e);
            }
            socket = s;
            Thread t = new Thread(this::run, "peer-conn-" + id);
            t.setDaemon(true);
            t.start();
        }

        private void run() {
            try {
                Socket s = socket;
                if (listener != null) {
                    listener.setSoTimeout((int) MAX_WAIT_MILLIS);
                    s = listener.accept();
                    socket = s;
                    listener.close();
                }
                s.setSoTimeout(100);
                InputStream in = s.getInputStream();
                byte[] buf = new byte[8192];
                for (;;) {
                    if (!reading) {
                        sleep(2);
                        continue;
                    }
                    try {
                        int n = in.read(buf);
                        if (n < 0) {
                            end = "EOF";
                            break;
                        }
                        bytes += n;
                    } catch (SocketTimeoutException t) {
                        if (closedAt != 0 && System.nanoTime() - closedAt > OPEN_AFTER_MILLIS * 1_000_000) {
                            end = "OPEN"; // left open until RELEASE
                            return;
                        }
                    }
                }
            } catch (SocketException e) {
                end = String.valueOf(e.getMessage()).contains("Connection reset") ? "ECONNRESET"
                        : "ERROR:" + String.valueOf(e.getMessage()).replace(' ', '_');
            } catch (IOException e) {
                end = "ERROR:" + String.valueOf(e.getMessage()).replace(' ', '_');
            }
            // Done reading (end of stream or error): close our side, so the closer can reach TIME_WAIT,
            // but not before the close action returned (unless eager): our FIN must not race it.
            while (!eager && closedAt == 0) {
                sleep(1);
            }
            closeQuietly();
        }

        void release() {
            closeQuietly();
            try {
                if (listener != null) {
                    listener.close();
                }
            } catch (IOException ignored) {
                // nothing to do
            }
        }

        private void closeQuietly() {
            Socket s = socket;
            if (s != null) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // nothing to do
                }
            }
        }
    }

    /** Writes one request line and returns the answer line (used by tests and the probe). */
    public static String request(InetSocketAddress at, String line) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(at, 5000);
            s.setSoTimeout((int) MAX_WAIT_MILLIS + 5000);
            OutputStream o = s.getOutputStream();
            o.write((line + "\n").getBytes(StandardCharsets.US_ASCII));
            o.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            String answer = in.readLine();
            if (answer == null) {
                throw new IOException("wire peer at " + at + " closed without answering " + line);
            }
            return answer;
        }
    }
}
