package org.winsock4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.winsock4j.port.Sdk;

/** The tuning options and the recv flags, against the fake. */
class OptionsFakeTest extends FakeWinsockFixture {
    OptionsFakeTest() {
        super(Opens.CONNECTED_TCP);
    }

    @Test
    void tcpOptionsGoToIpprotoTcpWithTheSdkNumbers() throws Exception {
        assertEquals(3, Sdk.TCP_KEEPIDLE);
        assertEquals(17, Sdk.TCP_KEEPINTVL);
        assertEquals(16, Sdk.TCP_KEEPCNT);
        assertEquals(5, Sdk.TCP_MAXRT);
        socket.setOption(IntOption.TCP_KEEPIDLE, 30);
        socket.setOption(IntOption.TCP_KEEPINTVL, 2);
        socket.setOption(IntOption.TCP_KEEPCNT, 4);
        socket.setOption(IntOption.TCP_MAXRT, 9);
        assertEquals(30, fake.intOption(raw, Sdk.IPPROTO_TCP, 3));
        assertEquals(2, fake.intOption(raw, Sdk.IPPROTO_TCP, 17));
        assertEquals(4, fake.intOption(raw, Sdk.IPPROTO_TCP, 16));
        assertEquals(9, fake.intOption(raw, Sdk.IPPROTO_TCP, 5));
        assertEquals(30, socket.option(IntOption.TCP_KEEPIDLE));
        assertEquals(9, socket.option(IntOption.TCP_MAXRT));
    }

    @Test
    void oobInlineIsASolSocketBoolWithTheSdkNumber() throws Exception {
        assertEquals(0x0100, Sdk.SO_OOBINLINE);
        socket.setOption(IntOption.SO_OOBINLINE, 1);
        assertEquals(1, fake.intOption(raw, Sdk.SOL_SOCKET, 0x0100));
        assertEquals(1, socket.option(IntOption.SO_OOBINLINE));
    }

    @Test
    void aRejectedOptionIsItsTypedWsaError() throws Exception {
        fake.failNext("setsockopt", WsaError.WSAENOPROTOOPT);
        WinsockException e = assertThrows(WinsockException.class, () -> socket.setOption(IntOption.TCP_KEEPCNT, 4));
        assertEquals(WsaError.WSAENOPROTOOPT.code(), e.code());
    }

    /** Issue 22 item 11: values outside an option's documented range never reach setsockopt. */
    @Test
    void valuesOutsideAnOptionsRangeFailBeforeSetsockopt() {
        java.util.Map<IntOption, int[]> bad = new java.util.LinkedHashMap<>();
        bad.put(IntOption.SO_RCVTIMEO, new int[] {-1, Integer.MIN_VALUE});
        bad.put(IntOption.SO_SNDTIMEO, new int[] {-1});
        bad.put(IntOption.SO_RCVBUF, new int[] {-5});
        bad.put(IntOption.SO_SNDBUF, new int[] {-1});
        bad.put(IntOption.SO_KEEPALIVE, new int[] {2, -1});
        bad.put(IntOption.SO_REUSEADDR, new int[] {2});
        bad.put(IntOption.SO_EXCLUSIVEADDRUSE, new int[] {-1});
        bad.put(IntOption.SO_OOBINLINE, new int[] {7});
        bad.put(IntOption.TCP_NODELAY, new int[] {2});
        bad.put(IntOption.IPV6_V6ONLY, new int[] {2});
        bad.put(IntOption.TCP_KEEPCNT, new int[] {256, -1});
        bad.put(IntOption.TCP_KEEPIDLE, new int[] {-1});
        bad.put(IntOption.TCP_KEEPINTVL, new int[] {-1});
        bad.put(IntOption.TCP_MAXRT, new int[] {-2, Integer.MIN_VALUE});
        assertEquals(java.util.EnumSet.complementOf(java.util.EnumSet.of(IntOption.SO_ERROR, IntOption.SO_TYPE)),
                java.util.EnumSet.copyOf(bad.keySet()), "every settable option has its out-of-range case");
        for (var e : bad.entrySet()) {
            for (int v : e.getValue()) {
                IllegalArgumentException x = assertThrows(IllegalArgumentException.class,
                        () -> socket.setOption(e.getKey(), v), e.getKey() + " " + v);
                assertTrue(x.getMessage().startsWith(e.getKey() + " takes ") && x.getMessage().endsWith("got " + v),
                        x.getMessage());
            }
        }
        for (IntOption readOnly : new IntOption[] {IntOption.SO_ERROR, IntOption.SO_TYPE}) {
            IllegalArgumentException x = assertThrows(IllegalArgumentException.class,
                    () -> socket.setOption(readOnly, 0));
            assertEquals(readOnly + " is read-only (getsockopt only): cannot set it to 0", x.getMessage());
        }
        assertEquals(0, fake.count("setsockopt"), "no value reached ws2_32");
    }

    @Test
    void theEdgesOfEachRangeReachSetsockopt() throws Exception {
        int[][] edges = {
            {IntOption.SO_RCVTIMEO.ordinal(), 0}, {IntOption.SO_RCVTIMEO.ordinal(), Integer.MAX_VALUE},
            {IntOption.SO_SNDBUF.ordinal(), 0}, {IntOption.SO_RCVBUF.ordinal(), Integer.MAX_VALUE},
            {IntOption.SO_KEEPALIVE.ordinal(), 0}, {IntOption.SO_KEEPALIVE.ordinal(), 1},
            {IntOption.TCP_KEEPCNT.ordinal(), 0}, {IntOption.TCP_KEEPCNT.ordinal(), 255},
            {IntOption.TCP_KEEPIDLE.ordinal(), 0}, {IntOption.TCP_KEEPINTVL.ordinal(), Integer.MAX_VALUE},
            {IntOption.TCP_MAXRT.ordinal(), -1}, {IntOption.TCP_MAXRT.ordinal(), 0},
        };
        for (int[] edge : edges) {
            IntOption o = IntOption.values()[edge[0]];
            socket.setOption(o, edge[1]);
            assertEquals(edge[1], socket.option(o), o + " " + edge[1]);
        }
        assertEquals(edges.length, fake.count("setsockopt"));
    }

    @Test
    void peekLeavesTheData() throws Exception {
        deliver("hello");
        byte[] b = new byte[8];
        assertEquals(3, socket.recv(b, 0, 3, EnumSet.of(RecvFlag.PEEK)));
        assertEquals("hel", new String(b, 0, 3, StandardCharsets.UTF_8));
        assertEquals(5, socket.available(), "peek removed nothing");
        assertEquals(5, socket.recv(b, 0, 8, Set.of()));
        assertEquals("hello", new String(b, 0, 5, StandardCharsets.UTF_8));
    }

    @Test
    void waitAllWaitsForTheFullCount() throws Exception {
        deliver("ab");
        byte[] b = new byte[5];
        CompletableFuture<Integer> n = CompletableFuture.supplyAsync(() -> {
            try {
                return socket.recv(b, 0, 5, EnumSet.of(RecvFlag.WAITALL));
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        fake.awaitBlockedRecv(raw);
        assertFalse(n.isDone(), "two of five bytes do not complete a MSG_WAITALL recv");
        deliver("cde");
        assertEquals(5, n.get(5, TimeUnit.SECONDS));
        assertArrayEquals("abcde".getBytes(StandardCharsets.UTF_8), b);
    }

    @Test
    void waitAllReturnsFewerAtTheEndOfTheStream() throws Exception {
        deliver("ab");
        fake.peerCloses(raw);
        byte[] b = new byte[5];
        assertEquals(2, socket.recv(b, 0, 5, EnumSet.of(RecvFlag.WAITALL)));
        assertEquals(-1, socket.recv(b, 0, 5, EnumSet.of(RecvFlag.WAITALL)));
    }

    @Test
    void sendWithOobIsUrgentDataApartFromTheStream() throws Exception {
        assertEquals(Sdk.MSG_OOB, SendFlag.OOB.bit);
        assertEquals(2, socket.send("ab".getBytes(StandardCharsets.UTF_8), 0, 2, Set.of()));
        assertEquals(1, socket.send(new byte[] {'!'}, 0, 1, EnumSet.of(SendFlag.OOB)));
        assertArrayEquals("ab".getBytes(StandardCharsets.UTF_8), fake.sent(raw));
        assertArrayEquals(new byte[] {'!'}, fake.urgentSent(raw));
        long before = fake.count("send");
        Set<SendFlag> withNull = new java.util.HashSet<>();
        withNull.add(null);
        assertThrows(NullPointerException.class, () -> socket.send(new byte[1], 0, 1, null));
        assertThrows(NullPointerException.class, () -> socket.send(new byte[1], 0, 1, withNull));
        assertThrows(IllegalArgumentException.class, () -> socket.send(new byte[1], 1, 1, Set.of(SendFlag.OOB)));
        assertEquals(before, fake.count("send"), "bad arguments fail before any native call");
    }

    @Test
    void badArgumentsFailBeforeAnyNativeCall() {
        long before = fake.count("recv");
        byte[] b = new byte[4];
        assertThrows(NullPointerException.class, () -> socket.recv(b, 0, 4, null));
        Set<RecvFlag> withNull = new java.util.HashSet<>();
        withNull.add(null);
        assertThrows(NullPointerException.class, () -> socket.recv(b, 0, 4, withNull));
        assertThrows(IllegalArgumentException.class, () -> socket.recv(b, 3, 4, Set.of(RecvFlag.PEEK)));
        assertEquals(before, fake.count("recv"));
    }

    @Test
    void flagsReachRecvAsTheirBits() throws Exception {
        assertEquals(Sdk.MSG_PEEK | Sdk.MSG_WAITALL | Sdk.MSG_OOB,
                RecvFlag.PEEK.bit | RecvFlag.WAITALL.bit | RecvFlag.OOB.bit);
        assertEquals(8, Sdk.MSG_WAITALL);
        WinsockException e = assertThrows(WinsockException.class,
                () -> socket.recv(new byte[1], 0, 1, EnumSet.of(RecvFlag.OOB)));
        assertEquals(WsaError.WSAEINVAL.code(), e.code(), "the fake's OOB answer");
    }

    @Test
    void closeWakesABlockedFlaggedRecv() throws Exception {
        CompletableFuture<Throwable> f = CompletableFuture.supplyAsync(() -> {
            try {
                socket.recv(new byte[4], 0, 4, EnumSet.of(RecvFlag.WAITALL));
                return null;
            } catch (Throwable t) {
                return t;
            }
        });
        fake.awaitBlockedRecv(raw);
        socket.close();
        assertEquals(SocketClosedException.class, f.get(5, TimeUnit.SECONDS).getClass());
    }

    @Test
    void setKeepAliveSendsTcpKeepaliveInMillisecondsThroughWsaIoctl() throws Exception {
        socket.setKeepAlive(java.time.Duration.ofSeconds(30), java.time.Duration.ofMillis(1500));
        assertArrayEquals(new int[] {1, 30_000, 1500}, fake.keepAliveVals(raw));
        socket.setKeepAlive(java.time.Duration.ofMillis(0xffffffffL), java.time.Duration.ofMillis(1));
        assertArrayEquals(new int[] {1, 0xffffffff, 1}, fake.keepAliveVals(raw), "a ULONG's full range");
        assertEquals(Sdk.SIO_KEEPALIVE_VALS, 0x98000004);
    }

    @Test
    void setKeepAliveRejectsBadDurationsBeforeWsaIoctl() {
        java.time.Duration ok = java.time.Duration.ofSeconds(1);
        assertThrows(NullPointerException.class, () -> socket.setKeepAlive(null, ok));
        assertThrows(NullPointerException.class, () -> socket.setKeepAlive(ok, null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> socket.setKeepAlive(java.time.Duration.ZERO, ok));
        assertTrue(e.getMessage().startsWith("idle"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> socket.setKeepAlive(ok, java.time.Duration.ofMillis(-5)));
        assertTrue(e.getMessage().startsWith("interval"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> socket.setKeepAlive(java.time.Duration.ofNanos(999_999), ok));
        assertThrows(IllegalArgumentException.class,
                () -> socket.setKeepAlive(ok, java.time.Duration.ofMillis(0x1_0000_0000L)));
        assertThrows(IllegalArgumentException.class, () -> socket.setKeepAlive(java.time.Duration.ofSeconds(Long.MAX_VALUE), ok));
        assertEquals(0, fake.count("WSAIoctl"));
        assertEquals(null, fake.keepAliveVals(raw));
    }

    @Test
    void setKeepAliveFailureIsTheTypedWsaError() throws Exception {
        fake.failNext("WSAIoctl", WsaError.WSAEOPNOTSUPP);
        WinsockException e = assertThrows(WinsockException.class,
                () -> socket.setKeepAlive(java.time.Duration.ofSeconds(1), java.time.Duration.ofSeconds(1)));
        assertEquals(WsaError.WSAEOPNOTSUPP.code(), e.code());
        assertEquals("WSAIoctl", e.operation());
    }

    @Test
    void setKeepAliveOnAClosedSocketMakesNoCall() throws Exception {
        socket.close();
        assertThrows(SocketClosedException.class,
                () -> socket.setKeepAlive(java.time.Duration.ofSeconds(1), java.time.Duration.ofSeconds(1)));
        assertEquals(0, fake.count("WSAIoctl"));
    }
}
