package org.winsock4j.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;
import org.winsock4j.AddressFamily;
import org.winsock4j.WinSocket;

/**
 * Issue 14, item 4: N loopback connections, each end served by a virtual thread: the client
 * sends 16 bytes and waits for them to come back, the server echoes. For winsock4j WinSockets and
 * for java.net.Socket on virtual threads in the same JVM, at each N: round trips per second,
 * p50/p99 round-trip latency, heap per connection (both ends, their threads parked), and the
 * jdk.VirtualThreadPinned events JFR recorded while measuring (those whose stack has a winsock4j
 * frame counted apart). Not JMH: thousands of threads per case. Prints a markdown table.
 *
 * <p>Usage: {@code VirtualThreadScale [--json FILE] N[,N...] [measureSeconds] [warmupSeconds] [api[,api]]},
 * the APIs {@code winsock4j} and {@code java.net.Socket} (both by default; the ratio columns need
 * both). {@code --json FILE} also writes every case's figures there, for
 * benchmarks/run-vt-scale.sh, which runs this several times and reports ranges.
 */
public final class VirtualThreadScale {
    private VirtualThreadScale() {}

    static final int MESSAGE = 16;
    /** Latency samples kept per connection (the first ones of the measured interval). */
    static final int SAMPLES = 2000;

    /** One end of a connection: exactly {@code MESSAGE} bytes each way. */
    interface End {
        void send(byte[] b) throws IOException;

        void recvFully(byte[] b) throws IOException;

        void close() throws IOException;
    }

    /**
     * One case's figures. The latency percentiles are of the round trips that completed; the
     * fewest, median and most round trips per connection show whether some connections starved
     * (a starved connection adds no latency sample at all).
     */
    record Result(String api, int n, double roundTripsPerSecond, double p50Micros, double p99Micros,
            long fewestPerConnection, long medianPerConnection, long mostPerConnection,
            double heapBytesPerConnection, long pinnedEvents, long pinnedInWinsock4j, long errors) {}

    public static void main(String[] args) throws Exception {
        Path json = null;
        if (args.length >= 2 && args[0].equals("--json")) {
            json = Path.of(args[1]);
            args = Arrays.copyOfRange(args, 2, args.length);
        }
        int[] ns = Arrays.stream(args.length > 0 ? args[0].split(",") : new String[] {"100", "1000"})
                .mapToInt(Integer::parseInt).toArray();
        int measure = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        List<String> known = List.of("winsock4j", "java.net.Socket");
        List<String> requested = List.of(args.length > 3 ? args[3].split(",") : known.toArray(new String[0]));
        for (String api : requested) {
            if (!known.contains(api)) {
                throw new IllegalArgumentException("unknown API " + api + ": winsock4j or java.net.Socket");
            }
        }
        // In this order, each once: the ratio columns divide winsock4j's figures by the JDK's.
        List<String> apis = known.stream().filter(requested::contains).toList();
        RawSockets.startup();
        List<Result> results = new ArrayList<>();
        for (int n : ns) {
            for (String api : apis) {
                Result r = run(api, n, measure, warmup);
                results.add(r);
                System.err.printf(Locale.ROOT, "%s N=%d: %.0f round trips/s, p50 %.0f us, p99 %.0f us, per connection %d/%d/%d, %.0f B/conn, pinned %d (%d in winsock4j), errors %d%n",
                        r.api, r.n, r.roundTripsPerSecond, r.p50Micros, r.p99Micros, r.fewestPerConnection,
                        r.medianPerConnection, r.mostPerConnection, r.heapBytesPerConnection,
                        r.pinnedEvents, r.pinnedInWinsock4j, r.errors);
            }
        }
        StringBuilder md = new StringBuilder();
        md.append("| N | API | round trips/s | p50 us | p99 us | round trips per connection (fewest/median/most) | heap B/connection | pinned events (in winsock4j) | errors | throughput winsock4j/JDK | p99 winsock4j/JDK |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
        boolean paired = apis.size() == 2;
        for (int i = 0; i < results.size(); i += apis.size()) {
            Result w = results.get(i);
            Result j = paired ? results.get(i + 1) : null;
            for (Result r : paired ? List.of(w, j) : List.of(w)) {
                md.append(String.format(Locale.ROOT, "| %d | %s | %.0f | %.0f | %.0f | %d/%d/%d | %.0f | %d (%d) | %d | %s | %s |%n", r.n, r.api,
                        r.roundTripsPerSecond, r.p50Micros, r.p99Micros, r.fewestPerConnection, r.medianPerConnection,
                        r.mostPerConnection, r.heapBytesPerConnection, r.pinnedEvents,
                        r.pinnedInWinsock4j, r.errors,
                        paired && r == w ? String.format(Locale.ROOT, "%.3f", w.roundTripsPerSecond / j.roundTripsPerSecond) : "",
                        paired && r == w ? String.format(Locale.ROOT, "%.3f", w.p99Micros / j.p99Micros) : ""));
            }
        }
        System.out.print(md);
        if (json != null) {
            Files.writeString(json, json(results));
        }
    }

    /** The results as a JSON array of objects, one per case, with the {@link Result} names as keys. */
    static String json(List<Result> results) {
        StringBuilder j = new StringBuilder("[\n");
        for (Result r : results) {
            j.append(String.format(Locale.ROOT, "  {\"api\": \"%s\", \"n\": %d, \"roundTripsPerSecond\": %s,"
                    + " \"p50Micros\": %s, \"p99Micros\": %s, \"fewestPerConnection\": %d, \"medianPerConnection\": %d,"
                    + " \"mostPerConnection\": %d, \"heapBytesPerConnection\": %s, \"pinnedEvents\": %d,"
                    + " \"pinnedInWinsock4j\": %d, \"errors\": %d}%s%n", r.api, r.n, number(r.roundTripsPerSecond),
                    number(r.p50Micros), number(r.p99Micros), r.fewestPerConnection, r.medianPerConnection,
                    r.mostPerConnection, number(r.heapBytesPerConnection), r.pinnedEvents, r.pinnedInWinsock4j, r.errors,
                    r == results.get(results.size() - 1) ? "" : ","));
        }
        return j.append("]\n").toString();
    }

    /** A JSON number; null when there is none (no round trip completed: no percentile). */
    private static String number(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.3f", v) : "null";
    }

    static ExecutorService virtualThreads() throws ReflectiveOperationException {
        return (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
    }

    static Result run(String api, int n, int measureSeconds, int warmupSeconds) throws Exception {
        System.gc();
        long heapBefore = usedHeap();
        List<End> clients = new ArrayList<>(n);
        List<End> servers = new ArrayList<>(n);
        AutoCloseable listener = connect(api, n, clients, servers);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicBoolean measuring = new AtomicBoolean();
        long[] counts = new long[n];
        long[][] samples = new long[n][SAMPLES];
        int[] sampled = new int[n];
        long[] errors = new long[1];
        ExecutorService vts = virtualThreads();
        for (int i = 0; i < n; i++) {
            End server = servers.get(i);
            vts.submit(() -> {
                byte[] b = new byte[MESSAGE];
                try {
                    for (;;) {
                        server.recvFully(b);
                        server.send(b);
                    }
                } catch (IOException | RuntimeException endOfRun) {
                    return null; // the client end was closed
                }
            });
        }
        Thread.sleep(200); // every echo thread parked in its first receive
        System.gc();
        double heapPerConnection = (usedHeap() - heapBefore) / (double) n;
        Path jfr = Files.createTempFile("vt-scale", ".jfr");
        Recording recording = new Recording();
        recording.enable("jdk.VirtualThreadPinned").withStackTrace().withoutThreshold();
        for (int i = 0; i < n; i++) {
            int c = i;
            End client = clients.get(i);
            vts.submit(() -> {
                byte[] out = new byte[MESSAGE];
                byte[] in = new byte[MESSAGE];
                try {
                    while (!stop.get()) {
                        long t0 = System.nanoTime();
                        client.send(out);
                        client.recvFully(in);
                        if (measuring.get()) {
                            counts[c]++;
                            if (sampled[c] < SAMPLES) {
                                samples[c][sampled[c]++] = System.nanoTime() - t0;
                            }
                        }
                    }
                } catch (IOException | RuntimeException e) {
                    synchronized (errors) {
                        errors[0]++;
                    }
                }
                return null;
            });
        }
        Thread.sleep(TimeUnit.SECONDS.toMillis(warmupSeconds));
        recording.start();
        long t0 = System.nanoTime();
        measuring.set(true);
        Thread.sleep(TimeUnit.SECONDS.toMillis(measureSeconds));
        measuring.set(false);
        double seconds = (System.nanoTime() - t0) / 1e9;
        recording.stop();
        recording.dump(jfr);
        recording.close();
        stop.set(true);
        vts.shutdown();
        // Clients end after their next round trip; the echo threads end when their client closes.
        vts.awaitTermination(5, TimeUnit.SECONDS);
        for (End c : clients) {
            c.close();
        }
        for (End s : servers) {
            s.close();
        }
        listener.close();
        long total = Arrays.stream(counts).sum();
        long[] perConnection = counts.clone();
        Arrays.sort(perConnection);
        long[] all = new long[Arrays.stream(sampled).sum()];
        int k = 0;
        for (int i = 0; i < n; i++) {
            System.arraycopy(samples[i], 0, all, k, sampled[i]);
            k += sampled[i];
        }
        Arrays.sort(all);
        long pinned = 0;
        long pinnedInWinsock4j = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(jfr)) {
            if (!e.getEventType().getName().equals("jdk.VirtualThreadPinned")) {
                continue;
            }
            pinned++;
            if (e.getStackTrace() != null) {
                for (RecordedFrame f : e.getStackTrace().getFrames()) {
                    if (f.getMethod().getType().getName().startsWith("org.winsock4j.")
                            && !f.getMethod().getType().getName().startsWith("org.winsock4j.bench.")) {
                        pinnedInWinsock4j++;
                        break;
                    }
                }
            }
        }
        Files.deleteIfExists(jfr);
        return new Result(api, n, total / seconds, percentile(all, 0.50) / 1e3, percentile(all, 0.99) / 1e3,
                perConnection[0], perConnection[n / 2], perConnection[n - 1], heapPerConnection, pinned, pinnedInWinsock4j, errors[0]);
    }

    static double percentile(long[] sorted, double p) {
        return sorted.length == 0 ? Double.NaN : sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
    }

    static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    /** N connected pairs on loopback, made one by one on this thread; returns the listener. */
    static AutoCloseable connect(String api, int n, List<End> clients, List<End> servers) throws IOException {
        try {
            return connectAll(api, n, clients, servers);
        } catch (IOException e) {
            // Where the platform stops (under Wine: WSAEMFILE at the wineserver's file limit).
            throw new IOException(api + ": connection " + (clients.size() + 1) + " of " + n + " failed, with "
                    + (clients.size() + servers.size()) + " connected sockets open: " + e, e);
        }
    }

    static AutoCloseable connectAll(String api, int n, List<End> clients, List<End> servers) throws IOException {
        if (api.equals("winsock4j")) {
            WinSocket listener = WinSocket.openTcp(AddressFamily.INET);
            listener.bind(new InetSocketAddress(RawSockets.LOOPBACK, 0));
            listener.listen(org.winsock4j.port.Sdk.SOMAXCONN);
            for (int i = 0; i < n; i++) {
                WinSocket c = WinSocket.openTcp(AddressFamily.INET);
                c.setOption(org.winsock4j.IntOption.TCP_NODELAY, 1);
                c.connect(listener.localAddress());
                clients.add(win(c));
                WinSocket s = listener.accept();
                s.setOption(org.winsock4j.IntOption.TCP_NODELAY, 1);
                servers.add(win(s));
            }
            return listener::close;
        }
        ServerSocket listener = new ServerSocket(0, 128, RawSockets.LOOPBACK);
        for (int i = 0; i < n; i++) {
            Socket c = new Socket();
            c.setTcpNoDelay(true);
            c.connect(listener.getLocalSocketAddress());
            clients.add(jdk(c));
            Socket s = listener.accept();
            s.setTcpNoDelay(true);
            servers.add(jdk(s));
        }
        return listener;
    }

    static End win(WinSocket s) {
        return new End() {
            @Override
            public void send(byte[] b) throws IOException {
                for (int off = 0; off < b.length; ) {
                    off += s.send(b, off, b.length - off);
                }
            }

            @Override
            public void recvFully(byte[] b) throws IOException {
                for (int got = 0; got < b.length; ) {
                    int r = s.recv(b, got, b.length - got);
                    if (r < 0) {
                        throw new IOException("end of stream");
                    }
                    got += r;
                }
            }

            @Override
            public void close() throws IOException {
                if (s.isOpen()) {
                    s.closeAbortively();
                }
            }
        };
    }

    static End jdk(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        OutputStream out = s.getOutputStream();
        return new End() {
            @Override
            public void send(byte[] b) throws IOException {
                out.write(b);
            }

            @Override
            public void recvFully(byte[] b) throws IOException {
                for (int got = 0; got < b.length; ) {
                    int r = in.read(b, got, b.length - got);
                    if (r < 0) {
                        throw new IOException("end of stream");
                    }
                    got += r;
                }
            }

            @Override
            public void close() throws IOException {
                if (!s.isClosed()) {
                    s.setSoLinger(true, 0);
                    s.close();
                }
            }
        };
    }

}
