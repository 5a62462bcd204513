package org.winsock4j.clients;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.SocketFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.Call;
import okhttp3.EventListener;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.winsock4j.WinsockError;
import org.winsock4j.net.WinsockSocket;
import org.winsock4j.net.WinsockSocketFactory;

/**
 * Real clients no one here wrote, through the JDK's default sockets or through winsock4j's
 * factories (scripts/check-real-clients.sh runs this once each way on a Windows JVM under Wine and
 * compares the RESULT lines, which must be the same):
 * <ul>
 *   <li>PostgreSQL's JDBC driver against a real PostgreSQL server on the host: connect, create a
 *       table, insert and read back 10,000 rows, a rolled-back transaction, a cancelled statement
 *       (the driver's second socket), close; then a connection closed abortively and one closed
 *       gracefully under the driver, which the server's log must show as a reset and an EOF.
 *   <li>OkHttp against Python's HTTP server on the host, plain and TLS: requests over one pooled
 *       keep-alive connection, a stale pooled connection the server resets (the client's retry
 *       path sees the reset), and abortive and graceful closes the server's log must show.
 * </ul>
 * With winsock4j's sockets it also checks what only they have: the driver's cancel socket came
 * from the factory, and the reset the HTTP client saw is a WinsockError (WSAECONNRESET).
 *
 * <p>Arguments: {@code jdk|winsock4j PG_PORT PG_PASSWORD PG_LOG HTTP_PORT HTTPS_PORT CERT HTTP_LOG
 * WINE_MAJOR} (paths as this JVM sees them; WINE_MAJOR 0 on Windows). Exit status 0 when every check passed.
 */
public final class RealClients {
    private static final int ROWS = 10_000;
    private static final long PATIENCE_NANOS = TimeUnit.SECONDS.toNanos(20);

    private final boolean winsock4j;
    /** The Wine version the JVM runs on (0: Windows). */
    private final int wineMajor;
    private final Map<String, String> results = new LinkedHashMap<>();
    private final List<String> failures = new ArrayList<>();
    private int rows;
    private int requests;

    private RealClients(boolean winsock4j, int wineMajor) {
        this.winsock4j = winsock4j;
        this.wineMajor = wineMajor;
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 9 || !List.of("jdk", "winsock4j").contains(args[0])) {
            System.err.println("usage: RealClients jdk|winsock4j PG_PORT PG_PASSWORD PG_LOG HTTP_PORT HTTPS_PORT CERT HTTP_LOG"
                    + " WINE_MAJOR");
            System.exit(2);
        }
        RealClients run = new RealClients(args[0].equals("winsock4j"), Integer.parseInt(args[8]));
        long start = System.nanoTime();
        run.postgres(Integer.parseInt(args[1]), args[2], Path.of(args[3]));
        run.http(Integer.parseInt(args[4]), Integer.parseInt(args[5]), Path.of(args[6]), Path.of(args[7]));
        double seconds = (System.nanoTime() - start) / 1e9;
        run.results.forEach((k, v) -> System.out.println("RESULT " + k + ": " + v));
        run.failures.forEach(f -> System.out.println("FAILED " + f));
        System.out.printf("SUMMARY sockets=%s checks=%d failed=%d rows=%d requests=%d seconds=%.1f%n", args[0],
                run.results.size(), run.failures.size(), run.rows, run.requests, seconds);
        System.exit(run.failures.isEmpty() ? 0 : 1);
    }

    private void result(String name, Object value) {
        results.put(name, String.valueOf(value));
    }

    private void check(String name, boolean ok, String detail) {
        result(name, ok ? "ok" : "FAILED");
        if (!ok) {
            failures.add(name + ": " + detail);
        }
    }

    private void info(String line) {
        System.out.println("INFO " + line);
    }

    // ---------------------------------------------------------------- PostgreSQL

    private String url(int port) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    private Properties pgProperties(String password, Class<? extends SocketFactory> factory) {
        Properties p = new Properties();
        p.setProperty("user", "winsock4j");
        p.setProperty("password", password);
        p.setProperty("sslmode", "disable");
        if (factory != null) {
            p.setProperty("socketFactory", factory.getName()); // the driver's one-line switch
        }
        return p;
    }

    private void postgres(int port, String password, Path log) throws Exception {
        String table = "rows_" + (winsock4j ? "winsock4j" : "jdk") + "_" + ProcessHandle.current().pid();
        RecordingWinsockSocketFactory.SOCKETS.clear();
        Properties props = pgProperties(password, winsock4j ? RecordingWinsockSocketFactory.class : null);
        try (Connection c = DriverManager.getConnection(url(port), props)) {
            result("pg connect", c.getMetaData().getDatabaseProductName());
            try (Statement s = c.createStatement()) {
                s.execute("create table " + table + " (id int primary key, name text not null)");
            }
            try (PreparedStatement insert = c.prepareStatement("insert into " + table + " values (?, ?)")) {
                for (int i = 1; i <= ROWS; i++) {
                    insert.setInt(1, i);
                    insert.setString(2, "row " + i);
                    insert.addBatch();
                    if (i % 1000 == 0) {
                        insert.executeBatch();
                    }
                }
            }
            long sum = 0;
            int count = 0;
            int nameBytes = 0;
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("select id, name from " + table + " order by id")) {
                while (r.next()) {
                    count++;
                    sum += r.getInt(1);
                    nameBytes += r.getString(2).length();
                }
            }
            rows += count;
            result("pg rows read back", count + " rows, id sum " + sum + ", " + nameBytes + " name chars");
            check("pg 10000 rows", count == ROWS && sum == (long) ROWS * (ROWS + 1) / 2, "read " + count + ", sum " + sum);

            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.executeUpdate("insert into " + table + " select g, 'extra' from generate_series(" + (ROWS + 1) + ", "
                        + (ROWS + 500) + ") g");
                s.executeUpdate("delete from " + table + " where id <= 10");
            }
            c.rollback();
            c.setAutoCommit(true);
            result("pg rolled back", countRows(c, table) + " rows after insert 500, delete 10, rollback");

            String cancelled = cancelLongStatement(c);
            result("pg statement cancelled", cancelled);
            check("pg cancel", cancelled.startsWith("57014"), cancelled);
            try (Statement s = c.createStatement()) {
                s.execute("drop table " + table);
            }
        }
        if (winsock4j) {
            List<Socket> made = new ArrayList<>(RecordingWinsockSocketFactory.SOCKETS);
            info("pg sockets made by winsock4j's factory: " + made.size());
            check("pg cancel socket from the factory", made.size() == 2 && made.stream().allMatch(WinsockSocket.class::isInstance),
                    made.toString());
        }
        // What the server sees when the socket under the driver is closed without the driver's
        // goodbye (Terminate): abortively, then gracefully.
        result("pg abortive close, server saw", serverSawEndOfPgConnection(port, password, log, true));
        result("pg graceful close, server saw", serverSawEndOfPgConnection(port, password, log, false));
    }

    private static long countRows(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("select count(*) from " + table)) {
            r.next();
            return r.getLong(1);
        }
    }

    /** A 60 s pg_sleep, cancelled by the driver (its cancel request goes over a second socket). */
    private static String cancelLongStatement(Connection c) throws Exception {
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try (Statement s = c.createStatement()) {
            Future<String> sleeping = thread.submit(() -> {
                try {
                    s.execute("select pg_sleep(60)");
                    return "not cancelled";
                } catch (SQLException e) {
                    return e.getSQLState() + " " + e.getMessage();
                }
            });
            Thread.sleep(1000);
            s.cancel();
            return sleeping.get(30, TimeUnit.SECONDS);
        } finally {
            thread.shutdownNow();
        }
    }

    private String serverSawEndOfPgConnection(int port, String password, Path log, boolean abortive) throws Exception {
        RecordingWinsockSocketFactory.SOCKETS.clear();
        RecordingJdkSocketFactory.SOCKETS.clear();
        Connection c = DriverManager.getConnection(url(port),
                pgProperties(password, winsock4j ? RecordingWinsockSocketFactory.class : RecordingJdkSocketFactory.class));
        try (Statement s = c.createStatement()) {
            s.execute("select 1");
        }
        Socket socket = (winsock4j ? RecordingWinsockSocketFactory.SOCKETS : RecordingJdkSocketFactory.SOCKETS).get(0);
        String client = "127.0.0.1(" + socket.getLocalPort() + ")";
        closeUnderTheClient(socket, abortive);
        // A reset is logged before the backend's disconnection line; an end of stream outside a
        // transaction is logged only at DEBUG1 (PostgreSQL's SocketBackend), so the disconnection
        // line alone means the backend read a plain EOF.
        String reset = "could not receive data from client: Connection reset by peer";
        String disconnection = "disconnection: session time";
        String seen = awaitLogLine(log, client, reset, disconnection);
        info("pg log for " + client + ": " + seen);
        c.close(); // the driver finds its socket closed: nothing more goes out
        return seen.contains(reset) ? "reset" : seen.contains(disconnection) ? "EOF (no error, disconnected)" : seen;
    }

    /**
     * Closes the socket under a client: winsock4j through its WinSocket (closeAbortively, or close
     * with the default SO_DONTLINGER), the JDK's through SO_LINGER 0 (or a plain close).
     */
    private void closeUnderTheClient(Socket socket, boolean abortive) throws IOException {
        if (winsock4j) {
            if (abortive) {
                ((WinsockSocket) socket).winSocket().closeAbortively();
            } else {
                ((WinsockSocket) socket).winSocket().close();
            }
        } else {
            if (abortive) {
                socket.setSoLinger(true, 0);
            }
            socket.close();
        }
    }

    /** The first line of the server's log that names {@code client} and one of {@code wanted}. */
    private static String awaitLogLine(Path log, String client, String... wanted) throws Exception {
        long deadline = System.nanoTime() + PATIENCE_NANOS;
        while (System.nanoTime() < deadline) {
            for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                if (line.contains(client)) {
                    for (String w : wanted) {
                        if (line.contains(w)) {
                            return line;
                        }
                    }
                }
            }
            Thread.sleep(50);
        }
        return "nothing in the log for " + client;
    }

    // ---------------------------------------------------------------- HTTP

    /** Records what OkHttp's calls saw: connections started, failures its retry path recovered from. */
    private static final class Recorder extends EventListener {
        final List<Socket> connected = Collections.synchronizedList(new ArrayList<>());
        final List<Exception> failures = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void connectionAcquired(Call call, okhttp3.Connection connection) {
            if (!connected.contains(connection.socket())) {
                connected.add(connection.socket());
            }
        }

        @Override
        public void responseFailed(Call call, IOException ioe) {
            failures.add(ioe);
        }

        @Override
        public void requestFailed(Call call, IOException ioe) {
            failures.add(ioe);
        }
    }

    private OkHttpClient client(Recorder recorder, SSLContext tls, X509TrustManager trust, SocketFactory sockets) {
        OkHttpClient.Builder b = new OkHttpClient.Builder().eventListener(recorder)
                .sslSocketFactory(tls.getSocketFactory(), trust);
        if (sockets != null) {
            b.socketFactory(sockets); // OkHttp's one-line switch; its TLS is layered over these sockets
        }
        return b.build();
    }

    private String get(OkHttpClient client, String url) throws IOException {
        try (Response r = client.newCall(new Request.Builder().url(url).build()).execute()) {
            requests++;
            return r.code() + " " + r.body().string();
        }
    }

    private void http(int plainPort, int tlsPort, Path cert, Path log) throws Exception {
        X509TrustManager trust = trustOnly(cert);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, new javax.net.ssl.TrustManager[] {trust}, null);
        SocketFactory sockets = winsock4j ? new WinsockSocketFactory() : null;
        for (String scheme : List.of("http", "https")) {
            int port = scheme.equals("http") ? plainPort : tlsPort;
            int n = scheme.equals("http") ? 200 : 100;
            Recorder recorder = new Recorder();
            OkHttpClient client = client(recorder, tls, trust, sockets);
            int ok = 0;
            for (int i = 0; i < n; i++) {
                if (get(client, scheme + "://127.0.0.1:" + port + "/hello/" + i).equals("200 hello " + i)) {
                    ok++;
                }
            }
            result(scheme + " keep-alive", ok + " of " + n + " answered over " + recorder.connected.size() + " connection(s)");
            check(scheme + " pool reuse", ok == n && recorder.connected.size() == 1, recorder.connected.toString());
            Socket socket = recorder.connected.get(0);
            if (winsock4j) {
                check(scheme + " socket is winsock4j's", socket instanceof WinsockSocket || socket instanceof javax.net.ssl.SSLSocket,
                        socket.getClass().getName());
            }
            // OkHttp closes its idle connection: a graceful close (TLS: close_notify, then the FIN).
            int clientPort = localPortOf(socket);
            client.connectionPool().evictAll();
            result(scheme + " pool closed, server saw", endSeen(log, clientPort));
        }

        // A stale pooled connection the server resets: the retry path recovers on a new one.
        Recorder recorder = new Recorder();
        OkHttpClient client = client(recorder, tls, trust, sockets);
        String first = get(client, "http://127.0.0.1:" + plainPort + "/reset-on-reuse");
        String second = get(client, "http://127.0.0.1:" + plainPort + "/reset-on-reuse");
        List<String> seen = new ArrayList<>();
        for (Exception e : recorder.failures) {
            seen.add(e instanceof java.net.SocketException ? "SocketException" : e.getClass().getSimpleName());
            info("the retry path saw " + e + (e instanceof WinsockError w ? " [" + w.sdkName() + " " + w.code() + "]" : ""));
        }
        result("http reset on reuse", first + ", then " + second + " after " + seen + " over "
                + recorder.connected.size() + " connections");
        if (wineMajor == 8) {
            // Wine 8.0: a recv after the peer's RST returns the end of the stream (README, Wine
            // table), for the JDK's sockets and winsock4j's alike: the client sees no reset at all.
            boolean eof = !recorder.failures.isEmpty() && recorder.failures.stream()
                    .allMatch(e -> String.valueOf(e.getMessage()).startsWith("unexpected end of stream"));
            check("http reset seen as Wine 8's end of stream", eof, recorder.failures.toString());
        } else if (winsock4j) {
            boolean typed = recorder.failures.stream().anyMatch(e -> e instanceof WinsockError w && w.sdkName().equals("WSAECONNRESET"));
            check("http reset is a WinsockError", typed, recorder.failures.toString());
        }
        client.connectionPool().evictAll();

        // The socket under OkHttp closed abortively: the server's log shows the reset.
        Recorder abortive = new Recorder();
        OkHttpClient aborting = client(abortive, tls, trust, winsock4j ? new WinsockSocketFactory() : null);
        get(aborting, "http://127.0.0.1:" + plainPort + "/hello/last");
        Socket socket = abortive.connected.get(0);
        int clientPort = socket.getLocalPort();
        closeUnderTheClient(socket, true);
        result("http abortive close, server saw", endSeen(log, clientPort));
        aborting.connectionPool().evictAll();
    }

    private static int localPortOf(Socket s) {
        return s.getLocalPort();
    }

    /** How the server logged the end of the connection from {@code clientPort}: FIN, RST, ... */
    private static String endSeen(Path log, int clientPort) throws Exception {
        String line = awaitLogLine(log, "conn " + clientPort + " end ", "end ");
        int at = line.indexOf(" end ");
        return at < 0 ? line : line.substring(at + 5).replaceAll(" requests=\\d+", "");
    }

    private static X509TrustManager trustOnly(Path certPem) throws Exception {
        Certificate cert;
        try (InputStream in = Files.newInputStream(certPem)) {
            cert = CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        store.setCertificateEntry("test", cert);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        return (X509TrustManager) tmf.getTrustManagers()[0];
    }

    /** winsock4j's factory, keeping what it made (the driver instantiates it by class name). */
    public static final class RecordingWinsockSocketFactory extends WinsockSocketFactory {
        static final List<Socket> SOCKETS = Collections.synchronizedList(new ArrayList<>());

        @Override
        public Socket createSocket() throws IOException {
            Socket s = super.createSocket();
            SOCKETS.add(s);
            return s;
        }
    }

    /** The JDK's own sockets, kept, for the JDK run's close step (the driver needs a factory to hand them out). */
    public static final class RecordingJdkSocketFactory extends SocketFactory {
        static final List<Socket> SOCKETS = Collections.synchronizedList(new ArrayList<>());

        @Override
        public Socket createSocket() {
            Socket s = new Socket();
            SOCKETS.add(s);
            return s;
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            Socket s = createSocket();
            s.connect(new java.net.InetSocketAddress(host, port));
            return s;
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) {
            throw new UnsupportedOperationException("not used by the driver");
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return createSocket(host.getHostAddress(), port);
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) {
            throw new UnsupportedOperationException("not used by the driver");
        }
    }
}
