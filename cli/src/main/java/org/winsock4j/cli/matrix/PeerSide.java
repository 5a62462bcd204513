package org.winsock4j.cli.matrix;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.winsock4j.AddressFamily;
import org.winsock4j.IntOption;
import org.winsock4j.Protocol;
import org.winsock4j.SocketType;
import org.winsock4j.WinSocket;
import org.winsock4j.Winsock;
import org.winsock4j.WinsockException;
import org.winsock4j.WsaError;
import org.winsock4j.cli.peer.PeerServer;

/**
 * The far end of a scenario's connection; it reads only when told and sends only when asked.
 * Either it listens and the closer connects, or ({@link #connectsToCloser()}) it connects to the
 * closer's listener and the accepted socket is the closer.
 */
interface PeerSide extends AutoCloseable {
    /** An I/O call made from the caller's thread. */
    interface IoCall<T> {
        T call() throws IOException;
    }

    /**
     * Runs {@code call} on a platform thread when the caller is a virtual thread (the close
     * matrix's --virtual-threads), else here: the peer and its control channel are the matrix's
     * instruments, not its subject, and stay on platform threads so only the closer's side
     * changes. (The in-process peer's blocking send on a virtual thread would be a non-blocking
     * send underneath, which Wine takes part-way where its blocking send takes it whole.)
     */
    static <T> T onPlatformThread(IoCall<T> call) throws IOException {
        if (!isVirtual(Thread.currentThread())) {
            return call.call();
        }
        java.util.concurrent.FutureTask<T> task = new java.util.concurrent.FutureTask<>(call::call);
        Thread t = new Thread(task, "matrix-instrument");
        t.setDaemon(true);
        t.start();
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while the peer's call ran");
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** {@code Thread.isVirtual()}, looked up once; null before Java 21 (no virtual threads). */
    java.lang.reflect.Method IS_VIRTUAL = isVirtualMethod(); // an interface constant: static final

    private static java.lang.reflect.Method isVirtualMethod() {
        try {
            return Thread.class.getMethod("isVirtual");
        } catch (NoSuchMethodException java17) {
            return null;
        }
    }

    private static boolean isVirtual(Thread t) {
        if (IS_VIRTUAL == null) {
            return false;
        }
        try {
            return (boolean) IS_VIRTUAL.invoke(t);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Where the closer connects (a listening peer only). */
    InetSocketAddress address();

    /** Whether this peer connects to the closer's listener instead of listening. */
    boolean connectsToCloser();

    /** A connecting peer connects to the closer's listener here. */
    void connectTo(InetSocketAddress listener) throws IOException;

    /** After the closer connected or accepted (the in-process listening peer accepts here). */
    void connected() throws IOException;

    /** The peer sends {@code n} bytes to the closer. */
    void send(int n) throws IOException;

    /** Waits until the peer has received {@code n} bytes. */
    void awaitBytes(long n) throws IOException;

    /** The close action returned: read now, and call the connection open after 1 s of silence. */
    void go() throws IOException;

    /** Waits for the peer's verdict. */
    Observation.Peer result() throws IOException;

    /** Closes the peer's socket if still open. */
    @Override
    void close() throws IOException;

    /** A peer inside this process, through winsock4j: what Winsock itself reports to a peer. */
    final class InProcess implements PeerSide {
        private final Winsock winsock;
        private final WinSocket listener;
        private final boolean readAtOnce;
        private final boolean eager;
        private volatile WinSocket socket;
        private volatile boolean reading;
        private volatile long closedAt;
        private volatile long bytes;
        private volatile Observation.Peer end;
        private Thread reader;

        InProcess(Winsock winsock, boolean readAtOnce, boolean eager, boolean connects) throws IOException {
            this.winsock = winsock;
            this.readAtOnce = readAtOnce;
            this.eager = eager;
            if (connects) {
                listener = null;
                return;
            }
            listener = winsock.open(AddressFamily.INET, SocketType.STREAM, Protocol.TCP);
            listener.setOption(IntOption.SO_RCVBUF, PeerServer.RCVBUF);
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            listener.listen(1);
        }

        @Override
        public InetSocketAddress address() {
            try {
                return listener.localAddress();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public boolean connectsToCloser() {
            return listener == null;
        }

        @Override
        public void connectTo(InetSocketAddress closerListener) throws IOException {
            WinSocket s = winsock.open(AddressFamily.INET, SocketType.STREAM, Protocol.TCP);
            socket = s;
            s.setOption(IntOption.SO_RCVBUF, PeerServer.RCVBUF);
            s.connect(closerListener);
        }

        /**
         * The peer is the instrument, not the subject: its sends run on a platform thread also
         * when the matrix runs the closer's side on virtual threads (--virtual-threads), so that
         * only the closer's side changes. (A send that parks is a non-blocking send underneath,
         * which Wine takes part-way where its blocking send takes it whole, and in a reset race
         * that difference would be the peer's, not the close's.)
         */
        @Override
        public void send(int n) throws IOException {
            onPlatformThread(() -> {
                byte[] data = new byte[n];
                for (int off = 0; off < n; ) {
                    off += socket.send(data, off, n - off);
                }
                return null;
            });
        }

        @Override
        public void connected() throws IOException {
            if (listener != null) {
                socket = listener.accept();
                listener.close();
            }
            socket.setOption(IntOption.SO_RCVTIMEO, 100);
            reading = readAtOnce;
            reader = new Thread(this::read, "inprocess-peer");
            reader.setDaemon(true);
            reader.start();
        }

        private void read() {
            byte[] buf = new byte[8192];
            long deadline = System.nanoTime() + 20_000_000_000L;
            try {
                for (;;) {
                    if (!reading) {
                        Thread.sleep(2);
                        continue;
                    }
                    if (System.nanoTime() > deadline) {
                        end = new Observation.Peer(bytes, "ERROR", -1);
                        return;
                    }
                    try {
                        int n = socket.recv(buf, 0, buf.length);
                        if (n < 0) {
                            end = new Observation.Peer(bytes, "EOF", 0);
                            // Our FIN only after the close action returned (unless eager: close(Duration) waits for it).
                            while (!eager && closedAt == 0) {
                                Thread.sleep(1);
                            }
                            socket.close();
                            return;
                        }
                        bytes += n;
                    } catch (WinsockException.TimedOut t) {
                        if (closedAt != 0 && System.nanoTime() - closedAt > PeerServer.OPEN_AFTER_MILLIS * 1_000_000) {
                            end = new Observation.Peer(bytes, "OPEN", 0);
                            return;
                        }
                    }
                }
            } catch (WinsockException e) {
                end = new Observation.Peer(bytes, "ERROR", e.code());
                try {
                    socket.close();
                } catch (WinsockException ignored) {
                    // already reported the error that matters
                }
            } catch (IOException e) {
                end = new Observation.Peer(bytes, "ERROR", -2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void awaitBytes(long n) throws IOException {
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (bytes < n && end == null) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("in-process peer received " + bytes + " of " + n + " bytes in 10 s");
                }
                Thread.onSpinWait();
                sleepQuietly(1);
            }
        }

        @Override
        public void go() {
            closedAt = System.nanoTime();
            reading = true;
        }

        @Override
        public Observation.Peer result() throws IOException {
            try {
                reader.join(25_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
            if (end == null) {
                throw new IOException("in-process peer did not finish");
            }
            return end;
        }

        @Override
        public void close() throws IOException {
            if (listener != null && listener.isOpen()) {
                listener.closeAbortively();
            }
            WinSocket s = socket;
            if (s != null && s.isOpen()) {
                try {
                    s.closeAbortively();
                } catch (WinsockException e) {
                    if (e.code() != WsaError.WSAENOTSOCK.code() && e.code() != WsaError.WSANOTINITIALISED.code()) {
                        throw e;
                    }
                }
            }
        }

        /** The peer's own socket (the after-cleanup scenario checks it). */
        WinSocket socket() {
            return socket;
        }
    }

    /** The Linux JVM peer outside Wine, over its control port: what went over the wire. */
    final class Wire implements PeerSide {
        private final InetSocketAddress control;
        private final String how;
        private final boolean connects;
        private String id;
        private InetSocketAddress address;
        private boolean released = true;

        Wire(InetSocketAddress control, boolean readAtOnce, boolean eager, boolean connects) throws IOException {
            this.control = control;
            how = (readAtOnce ? "READ" : "HOLD") + (eager ? " EAGER" : "");
            this.connects = connects;
            if (!connects) {
                opened(ask("OPEN " + how, "OK"));
            }
        }

        private void opened(String[] answer) {
            id = answer[1];
            address = new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(answer[2]));
            released = false;
        }

        @Override
        public boolean connectsToCloser() {
            return connects;
        }

        @Override
        public void connectTo(InetSocketAddress closerListener) throws IOException {
            opened(ask("CONNECT " + closerListener.getPort() + " " + how, "OK"));
        }

        @Override
        public void send(int n) throws IOException {
            ask("SEND " + id + " " + n, "OK");
        }

        private String[] ask(String line, String expect) throws IOException {
            // The control channel is the instrument: on a platform thread also when the closer's
            // side runs on virtual threads. (A virtual thread's java.net.Socket I/O goes through
            // the JDK's own poller on Winsock, which a scenario draining WSAStartup references
            // breaks; a platform thread's blocking I/O does not need it.)
            String answer = onPlatformThread(() -> PeerServer.request(control, line));
            if (!answer.startsWith(expect)) {
                throw new IOException("wire peer: " + line + " -> " + answer);
            }
            return answer.split(" ");
        }

        @Override
        public InetSocketAddress address() {
            return address;
        }

        @Override
        public void connected() {
            // the peer server accepts by itself
        }

        @Override
        public void awaitBytes(long n) throws IOException {
            ask("BYTES " + id + " " + n, "OK");
        }

        @Override
        public void go() throws IOException {
            ask("GO " + id, "OK");
        }

        @Override
        public Observation.Peer result() throws IOException {
            String[] a = ask("RESULT " + id, "RESULT");
            String end = a[2];
            return new Observation.Peer(Long.parseLong(a[1]), end.startsWith("ERROR:") ? "ERROR" : end, 0);
        }

        @Override
        public void close() throws IOException {
            if (!released) {
                released = true;
                ask("RELEASE " + id, "OK");
            }
        }
    }

    static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
