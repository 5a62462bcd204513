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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The wire peer: runs on the host's Linux JVM (outside Wine's socket layer) and accepts or makes
 * the matrix's connections over loopback, so what it reports is what really came over TCP (a FIN
 * is an end of stream, an RST is ECONNRESET). The probe under Wine drives it with one-line
 * requests, one control connection per request (so no control socket is open while a scenario
 * resets the probe's Winsock):
 * <pre>
 *   OPEN READ|HOLD [EAGER] -> OK id port   a listener (SO_RCVBUF 4096) for one connection; READ
 *                                       reads at once, HOLD only after GO. At end of stream the peer
 *                                       closes its socket after GO, or at once with EAGER
 *   CONNECT port READ|HOLD [EAGER] -> OK id port | ERROR message   connects from 127.0.0.1
 *                                       (SO_RCVBUF 4096 set first) to the probe's listener at
 *                                       127.0.0.1:port, then is like an OPEN connection; port is
 *                                       the peer socket's local port
 *   BYTES id n        -> OK | TIMEOUT   waits until n bytes were received
 *   SEND id n         -> OK sent | ERROR message   writes n zero bytes (0..64 MiB); sent = n.
 *                                       ERROR if the write failed (e.g. reset: the exception's
 *                                       message) or stalled for 20 s (the probe not reading)
 *   GO id             -> OK             the close returned: read now; OPEN after 1 s of nothing
 *   RESULT id         -> RESULT bytes end   end = EOF | ECONNRESET | OPEN | ERROR:message
 *   RELEASE id        -> OK             closes the peer's socket if it is still open (an unknown
 *                                       id is OK too: released already)
 *   PING              -> PONG
 * </pre>
 * A request that cannot be carried out (a bad or missing number, an unknown id, a failed
 * connect) is answered {@code ERROR message}, naming the bad value. It exits by itself after
 * {@code idleSeconds} without a request.
 */
public final class PeerServer implements AutoCloseable {
    public static final int RCVBUF = 4096;
    /** After the close returned, how long silence means the connection is still open. */
    public static final long OPEN_AFTER_MILLIS = 1000;
    private static final long MAX_WAIT_MILLIS = 20_000;
    /** The most one SEND writes: far more than any scenario needs, little enough to stay quick. */
    public static final long MAX_SEND = 64L << 20;
    private static final int CONNECT_TIMEOUT_MILLIS = 5000;

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
                out.print(answer(line.trim()) + "\n");
                out.flush();
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("peer: request failed: " + e);
        }
    }

    /** The answer line to one request; never throws, a request that fails is answered ERROR. */
    String answer(String line) {
        try {
            return carryOut(line.split(" "), line);
        } catch (BadRequest e) {
            return "ERROR " + e.getMessage();
        } catch (IOException | RuntimeException e) {
            return "ERROR " + message(e);
        }
    }

    private String carryOut(String[] w, String line) throws BadRequest, IOException {
        switch (w[0]) {
            case "PING":
                return "PONG";
            case "OPEN": {
                boolean hold = w.length > 1 && w[1].equals("HOLD");
                boolean eager = w.length > 2 && w[2].equals("EAGER");
                Conn c = Conn.listening(ids.incrementAndGet(), !hold, eager);
                conns.put(c.id, c);
                return "OK " + c.id + " " + c.listener.getLocalPort();
            }
            case "CONNECT": {
                int port = (int) number(w, 1, "port", 1, 65535);
                String mode = word(w, 2, "READ|HOLD");
                if (!mode.equals("READ") && !mode.equals("HOLD")) {
                    throw new BadRequest("not READ or HOLD: " + mode);
                }
                boolean eager = w.length > 3;
                if (eager && !w[3].equals("EAGER")) {
                    throw new BadRequest("not EAGER: " + w[3]);
                }
                if (w.length > 4) {
                    throw new BadRequest("unexpected after EAGER: " + w[4]);
                }
                Socket s = connect(port);
                Conn c = Conn.connected(ids.incrementAndGet(), s, mode.equals("READ"), eager);
                conns.put(c.id, c);
                return "OK " + c.id + " " + s.getLocalPort();
            }
            case "BYTES": {
                Conn c = conn(w);
                long n = number(w, 2, "n", Long.MIN_VALUE, Long.MAX_VALUE);
                long deadline = System.nanoTime() + MAX_WAIT_MILLIS * 1_000_000;
                while (c.bytes < n && c.end == null && System.nanoTime() < deadline) {
                    sleep(2);
                }
                return c.bytes >= n ? "OK" : "TIMEOUT " + c.bytes;
            }
            case "SEND": {
                Conn c = conn(w);
                return c.send(number(w, 2, "n", 0, MAX_SEND));
            }
            case "GO": {
                Conn c = conn(w);
                c.closedAt = System.nanoTime();
                c.reading = true;
                return "OK";
            }
            case "RESULT": {
                Conn c = conn(w);
                long deadline = System.nanoTime() + MAX_WAIT_MILLIS * 1_000_000;
                while (c.end == null && System.nanoTime() < deadline) {
                    sleep(2);
                }
                return "RESULT " + c.bytes + " " + (c.end == null ? "ERROR:peer-timeout" : c.end);
            }
            case "RELEASE": {
                Conn c = conns.remove((int) number(w, 1, "id", Integer.MIN_VALUE, Integer.MAX_VALUE));
                if (c != null) {
                    c.release();
                }
                return "OK";
            }
            default:
                return "ERROR unknown request: " + line;
        }
    }

    /** A connection from 127.0.0.1 to the probe's listener, with the window OPEN's listener gives. */
    private static Socket connect(int port) throws BadRequest, IOException {
        Socket s = new Socket();
        try {
            // Before connecting, as OPEN sets it on its listener: the buffer size picks the window
            // scale offered in the SYN, so set later it would leave a connection unlike OPEN's.
            s.setReceiveBufferSize(RCVBUF);
            s.bind(new InetSocketAddress("127.0.0.1", 0));
            s.connect(new InetSocketAddress("127.0.0.1", port), CONNECT_TIMEOUT_MILLIS);
            return s;
        } catch (IOException e) {
            s.close();
            throw new BadRequest("connect to 127.0.0.1:" + port + " failed: " + message(e));
        }
    }

    private Conn conn(String[] w) throws BadRequest {
        int id = (int) number(w, 1, "id", Integer.MIN_VALUE, Integer.MAX_VALUE);
        Conn c = conns.get(id);
        if (c == null) {
            throw new BadRequest("no connection " + id);
        }
        return c;
    }

    private static String word(String[] w, int i, String name) throws BadRequest {
        if (i >= w.length || w[i].isEmpty()) {
            throw new BadRequest("missing " + name + " in " + String.join(" ", w));
        }
        return w[i];
    }

    private static long number(String[] w, int i, String name, long min, long max) throws BadRequest {
        String word = word(w, i, name);
        long n;
        try {
            n = Long.parseLong(word);
        } catch (NumberFormatException e) {
            throw new BadRequest(name + " not a number: " + word);
        }
        if (n < min || n > max) {
            throw new BadRequest(name + " not in " + min + ".." + max + ": " + word);
        }
        return n;
    }

    /** An exception's message as one line of an answer. */
    private static String message(Exception e) {
        String m = e.getMessage();
        return (m == null ? e.getClass().getSimpleName() : m).replaceAll("[\\r\\n]+", " ");
    }

    /** A request the peer cannot carry out; its message, after "ERROR ", is the answer. */
    private static final class BadRequest extends Exception {
        BadRequest(String message) {
            super(message);
        }
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

    /** One scenario's connection: accepted once (OPEN) or made (CONNECT), then read as told. */
    private static final class Conn {
        final int id;
        /** OPEN's listener; null for CONNECT, whose socket is connected before the Conn exists. */
        final ServerSocket listener;
        volatile boolean reading;
        volatile long closedAt;
        volatile long bytes;
        volatile String end;
        volatile Socket socket;
        final boolean eager;
        /** Set while a SEND's writer runs, so a stalled SEND cannot interleave with the next. */
        private final AtomicBoolean sending = new AtomicBoolean();

        static Conn listening(int id, boolean readAtOnce, boolean eager) throws IOException {
            ServerSocket listener = new ServerSocket();
            listener.setReceiveBufferSize(RCVBUF); // inherited by the accepted socket: the peer's window stays small
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
            return new Conn(id, listener, null, readAtOnce, eager);
        }

        static Conn connected(int id, Socket socket, boolean readAtOnce, boolean eager) {
            return new Conn(id, null, socket, readAtOnce, eager);
        }

        private Conn(int id, ServerSocket listener, Socket socket, boolean readAtOnce, boolean eager) {
            this.id = id;
            this.listener = listener;
            this.socket = socket;
            this.reading = readAtOnce;
            this.eager = eager;
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

        /**
         * Writes n zeros and answers {@code OK n}, or {@code ERROR} with the write's failure. The
         * write runs on its own thread: a probe that does not read would block it for good, and
         * the answer must come anyway (RELEASE ends such a writer by closing the socket).
         */
        String send(long n) {
            Socket s = socket;
            if (s == null) {
                return "ERROR connection " + id + " not connected yet";
            }
            if (!sending.compareAndSet(false, true)) {
                return "ERROR connection " + id + " still writing an earlier SEND";
            }
            AtomicLong written = new AtomicLong();
            CompletableFuture<String> answer = new CompletableFuture<>();
            Thread t = new Thread(() -> {
                String a;
                try {
                    OutputStream out = s.getOutputStream();
                    byte[] zeros = new byte[8192];
                    while (written.get() < n) {
                        int k = (int) Math.min(zeros.length, n - written.get());
                        out.write(zeros, 0, k);
                        written.addAndGet(k);
                    }
                    a = "OK " + written.get();
                } catch (IOException | RuntimeException e) {
                    a = "ERROR " + message(e);
                }
                sending.set(false); // before answering: the probe's next SEND may follow at once
                answer.complete(a);
            }, "peer-send-" + id);
            t.setDaemon(true);
            t.start();
            // The writer only ever completes normally, so the exceptional case is the time-out.
            // "At least": the chunk being written may already be partly in the kernel.
            return answer.orTimeout(MAX_WAIT_MILLIS, TimeUnit.MILLISECONDS)
                    .exceptionally(timeout -> "ERROR SEND " + n + " stalled for " + MAX_WAIT_MILLIS
                            + " ms after at least " + written.get() + " bytes (is the probe reading?)")
                    .join();
        }

        void release() {
            closeQuietly();
            if (listener != null) {
                try {
                    listener.close();
                } catch (IOException ignored) {
                    // nothing to do
                }
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
