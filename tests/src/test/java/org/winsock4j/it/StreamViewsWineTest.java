package org.winsock4j.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Writer;
import java.io.OutputStreamWriter;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.winsock4j.AddressFamily;
import org.winsock4j.IncompleteDisconnectException;
import org.winsock4j.IntOption;
import org.winsock4j.Readiness;
import org.winsock4j.WinSocket;
import org.winsock4j.WinsockError;
import org.winsock4j.WinsockException;

/**
 * The stream and channel views over a real loopback connection: a line echo read with
 * BufferedReader, DataInputStream, Channels.newInputStream, a receive timeout, and
 * sendAndShutdown's final bytes followed by the end of the stream.
 */
class StreamViewsWineTest {

    /** Echoes lines until the end of the stream, then sends "bye" and shuts down its sending side. */
    private static CompletableFuture<Integer> echoServer(WinSocket server) {
        return CompletableFuture.supplyAsync(() -> {
            int lines = 0;
            try {
                BufferedReader in = new BufferedReader(new InputStreamReader(server.inputStream(), StandardCharsets.UTF_8));
                Writer out = new OutputStreamWriter(server.outputStream(), StandardCharsets.UTF_8);
                for (String line; (line = in.readLine()) != null; lines++) {
                    out.write("echo " + line + "\n");
                    out.flush();
                }
                server.sendAndShutdown(ByteBuffer.wrap("bye\n".getBytes(StandardCharsets.UTF_8)));
                return lines;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @ParameterizedTest
    @EnumSource(AddressFamily.class)
    void aLineEchoReadWithBufferedReader(AddressFamily family) throws Exception {
        try (Lab.Pair p = Lab.pair(family)) {
            CompletableFuture<Integer> server = echoServer(p.server());
            Writer out = new OutputStreamWriter(p.client().outputStream(), StandardCharsets.UTF_8);
            BufferedReader in = new BufferedReader(new InputStreamReader(p.client().inputStream(), StandardCharsets.UTF_8));
            List<String> got = new ArrayList<>();
            for (String word : new String[] {"alpha", "béta", "gamma"}) {
                out.write(word + "\r\n");
                out.flush();
                got.add(in.readLine());
            }
            assertEquals(List.of("echo alpha", "echo béta", "echo gamma"), got);
            long sent = p.client().sendAndShutdown(ByteBuffer.wrap("last\n".getBytes(StandardCharsets.UTF_8)));
            assertEquals(5, sent);
            assertTrue(p.client().isOutputShutdown());
            assertEquals("echo last", in.readLine());
            assertEquals("bye", in.readLine(), "the server's final bytes");
            assertNull(in.readLine(), "then the end of the stream on " + Lab.platform());
            assertEquals(4, server.get(10, TimeUnit.SECONDS));
            assertTrue(p.client().close(Duration.ofSeconds(5)), "disconnected both ways: a graceful close");
        }
    }

    @ParameterizedTest
    @EnumSource(AddressFamily.class)
    void dataStreamsAndChannelsNewInputStream(AddressFamily family) throws Exception {
        try (Lab.Pair p = Lab.pair(family)) {
            DataOutputStream out = new DataOutputStream(p.server().outputStream());
            out.writeLong(0x0102030405060708L);
            out.writeUTF("winsock4j");
            out.flush();
            DataInputStream in = new DataInputStream(p.client().inputStream());
            assertEquals(0x0102030405060708L, in.readLong());
            assertEquals("winsock4j", in.readUTF());

            byte[] block = new byte[100_000];
            for (int i = 0; i < block.length; i++) {
                block[i] = (byte) (i * 31);
            }
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                try {
                    OutputStream o = p.server().outputStream();
                    o.write(block);
                    p.server().sendAndShutdown(ByteBuffer.allocate(0));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            byte[] got = Channels.newInputStream(p.client().channel()).readAllBytes();
            writer.get(10, TimeUnit.SECONDS);
            assertArrayEquals(block, got, "every byte through the channel, then -1 at the end of the stream");
            assertEquals(-1, p.client().inputStream().read());
            assertEquals(0, p.client().inputStream().available());
        }
    }

    @ParameterizedTest
    @EnumSource(AddressFamily.class)
    void aStreamReadTimeoutIsASocketTimeoutExceptionAndAvailableCounts(AddressFamily family) throws Exception {
        try (Lab.Pair p = Lab.pair(family)) {
            p.client().setOption(IntOption.SO_RCVTIMEO, 200);
            SocketTimeoutException e = assertThrows(SocketTimeoutException.class, () -> p.client().inputStream().read());
            assertEquals(10060, ((WinsockError) e).code());
            p.server().outputStream().write(new byte[] {1, 2, 3});
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (p.client().inputStream().available() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertEquals(3, p.client().inputStream().available(), "FIONREAD on " + Lab.platform());
            assertEquals(1, p.client().inputStream().read());
        }
    }

    @ParameterizedTest
    @EnumSource(AddressFamily.class)
    void closingAStreamClosesTheSocket(AddressFamily family) throws Exception {
        try (Lab.Pair p = Lab.pair(family)) {
            p.client().outputStream().write(new byte[] {9});
            p.client().outputStream().close();
            assertFalse(p.client().isOpen());
            byte[] all = Lab.readAll(p.server());
            assertArrayEquals(new byte[] {9}, all, "the data, then the end of the stream (SO_DONTLINGER close)");
            assertFalse(p.client().channel().isOpen());
        }
    }

    /**
     * sendAndShutdown failing part-way (issue 12 item 7): on a non-blocking socket whose peer
     * does not read, the send path fills and the call ends with an IncompleteDisconnectException
     * counting what was taken (cause WSAEWOULDBLOCK), the sending side still open; repeated with
     * the rest once the peer drains, it completes, and the peer reads every byte, then the end of
     * the stream.
     */
    @ParameterizedTest
    @EnumSource(AddressFamily.class)
    void aNonBlockingSendAndShutdownFailsPartWayAndCompletesWhenRepeated(AddressFamily family) throws Exception {
        byte[] data = new byte[16 << 20];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i % 251);
        }
        try (Lab.Pair p = Lab.pair(family)) {
            WinSocket client = p.client();
            client.setBlocking(false);
            ByteBuffer rest = ByteBuffer.wrap(data);
            IncompleteDisconnectException first = assertThrows(IncompleteDisconnectException.class,
                    () -> client.sendAndShutdown(rest), "16 MiB to a peer that does not read, on " + Lab.platform());
            assertTrue(first.getCause() instanceof WinsockException.WouldBlock, "cause: " + first.getCause());
            assertTrue(first.bytesSent() > 0 && first.bytesSent() < data.length, "taken: " + first.bytesSent());
            assertEquals(data.length, first.bytesSent() + first.bytesUnsent());
            assertEquals(first.bytesSent(), rest.position(), "the buffer advanced by what was taken");
            assertFalse(client.isOutputShutdown(), "no shutdown before every byte is sent");

            CompletableFuture<byte[]> drained = CompletableFuture.supplyAsync(() -> {
                try {
                    return Lab.readAll(p.server());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            long total = first.bytesSent();
            int repeats = 0;
            while (true) {
                assertFalse(client.poll(EnumSet.of(Readiness.WRITABLE), Duration.ofSeconds(10)).isEmpty(),
                        "writable again once the peer reads");
                try {
                    total += client.sendAndShutdown(rest);
                    break;
                } catch (IncompleteDisconnectException again) {
                    assertTrue(again.getCause() instanceof WinsockException.WouldBlock, "cause: " + again.getCause());
                    total += again.bytesSent();
                    repeats++;
                }
            }
            assertEquals(data.length, total, "every byte counted once, after " + repeats + " more partial calls");
            assertTrue(client.isOutputShutdown());
            assertArrayEquals(data, drained.get(30, TimeUnit.SECONDS), "every byte, then the end of the stream");
        }
    }
}
