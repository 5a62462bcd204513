package org.winsock4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.winsock4j.testing.FakeWinsockPort;

/**
 * Eleven threads send, recv, set options, read the input stream, write the channel, ask FIONREAD,
 * poll one socket, poll a PollSet, receive datagrams (recvFrom, blocking once the delivered ones
 * are taken), peek and set the keep-alive timing while another thread closes, over and over, on
 * platform threads and on virtual threads, on the socket itself and through borrowed views of it
 * (issue 22, item 1: the owner's close must wait for its views' calls): no call
 * may reach the port after closesocket, closesocket must never run while another call is in
 * progress, and every call must end in a result or the typed closed exception.
 */
class CloseRaceStressFakeTest {
    private static final int ROUNDS = 300;
    private static final int THREADS = 11;

    /**
     * On platform threads, and on virtual threads (issue 14), where the calls that would block
     * park on the poller instead and a close must unpark them; the workers call the socket
     * itself, or each its own borrowed view of it while the owner closes.
     */
    @ParameterizedTest(name = "virtual threads: {0}, through borrowed views: {1}")
    @CsvSource({"false,false", "true,false", "false,true", "true,true"})
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void closeRacingElevenThreadsNeverLetsACallThrough(boolean virtualThreads, boolean throughViews) throws Exception {
        FakeWinsockPort fake = FakeWinsockPort.started();
        Winsock winsock = Winsock.over(fake);
        ExecutorService pool = virtualThreads ? VirtualThreadsFakeTest.virtualThreads() : Executors.newFixedThreadPool(THREADS + 1);
        long totalClosedRefusals = 0;
        long totalCompleted = 0;
        try {
            for (int round = 0; round < ROUNDS; round++) {
                WinSocket socket = winsock.open(AddressFamily.INET, SocketType.STREAM, Protocol.TCP);
                long raw = socket.rawHandle();
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), 4000));
                fake.deliver(raw, new byte[1 << 16]);
                for (int d = 0; d < 8; d++) {
                    fake.deliverDatagram(raw, new byte[4], new InetSocketAddress(InetAddress.getLoopbackAddress(), 5000));
                }
                CountDownLatch go = new CountDownLatch(1);
                List<Future<long[]>> workers = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    int kind = t % 11;
                    WinSocket caller = throughViews ? winsock.borrow(raw) : socket;
                    workers.add(pool.submit(() -> hammer(caller, kind, go)));
                }
                // The closer is a platform thread with a latch of its own in both variants:
                // virtual threads are not preempted, so a worker whose calls never wait (the fake
                // takes every send at once) can hold the only carrier until the close; a virtual
                // closer, or one queued on the workers' latch (whose release passes from waiter
                // to waiter, through virtual threads that cannot run), would never close.
                CountDownLatch closeNow = new CountDownLatch(1);
                java.util.concurrent.FutureTask<Object> closer = new java.util.concurrent.FutureTask<>(() -> {
                    closeNow.await();
                    Thread.yield();
                    socket.close();
                    return null;
                });
                Thread closerThread = new Thread(closer, "closer");
                closerThread.setDaemon(true);
                closerThread.start();
                go.countDown();
                closeNow.countDown();
                closer.get(30, TimeUnit.SECONDS);
                for (Future<long[]> w : workers) {
                    long[] outcome = w.get(30, TimeUnit.SECONDS);
                    totalCompleted += outcome[0];
                    totalClosedRefusals += outcome[1];
                }
                assertEquals(1, fake.count("closesocket", raw), "closesocket exactly once in round " + round);
                assertEquals(0, fake.callsAfterClose(raw), "calls after closesocket in round " + round);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(List.of(), fake.violations());
        assertEquals((long) ROUNDS * THREADS, totalClosedRefusals, "every worker ended on the closed exception");
        assertTrue(totalCompleted > 0, "some calls completed before the close");
    }

    /**
     * connect with a timeout, waiting on a connect that never completes, while another thread
     * closes: the wait ends in the closed exception (or its own timeout when the close came
     * late), no call reaches the port after closesocket, closesocket never overlaps a call.
     */
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void closeRacingConnectWithTimeoutNeverLetsACallThrough() throws Exception {
        FakeWinsockPort fake = FakeWinsockPort.started();
        Winsock winsock = Winsock.over(fake);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        long closedRefusals = 0;
        try {
            for (int round = 0; round < ROUNDS; round++) {
                WinSocket socket = winsock.open(AddressFamily.INET, SocketType.STREAM, Protocol.TCP);
                long raw = socket.rawHandle();
                fake.failNext("connect", org.winsock4j.WsaError.WSAEWOULDBLOCK);
                int r = round;
                CountDownLatch go = new CountDownLatch(1);
                Future<Boolean> connector = pool.submit(() -> {
                    go.await();
                    try {
                        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), 4000),
                                java.time.Duration.ofMillis(r % 2 == 0 ? 10_000 : 3));
                        return false;
                    } catch (SocketClosedException closed) {
                        return true;
                    } catch (WinsockException.TimedOut late) {
                        return false;
                    }
                });
                Future<?> closer = pool.submit(() -> {
                    go.await();
                    Thread.sleep(r % 3);
                    socket.close();
                    return null;
                });
                go.countDown();
                closer.get(30, TimeUnit.SECONDS);
                if (connector.get(30, TimeUnit.SECONDS)) {
                    closedRefusals++;
                }
                assertEquals(1, fake.count("closesocket", raw), "closesocket exactly once in round " + round);
                assertEquals(0, fake.callsAfterClose(raw), "calls after closesocket in round " + round);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(List.of(), fake.violations());
        assertTrue(closedRefusals >= ROUNDS / 2, "the 10 s waits all end on the close: " + closedRefusals);
    }

    /** Calls until refused as closed; returns {completed calls, closed refusals}. */
    private static long[] hammer(WinSocket socket, int kind, CountDownLatch go) throws InterruptedException {
        go.await();
        long completed = 0;
        byte[] buffer = new byte[16];
        PollSet set = new PollSet();
        set.register(socket, java.util.EnumSet.of(Readiness.READABLE, Readiness.WRITABLE));
        for (;;) {
            try {
                switch (kind) {
                    case 0 -> socket.send(buffer, 0, buffer.length);
                    case 1 -> socket.recv(buffer, 0, 1);
                    case 2 -> socket.setOption(IntOption.TCP_NODELAY, 1);
                    case 3 -> socket.inputStream().read(buffer, 0, 1);
                    case 4 -> socket.channel().write(ByteBuffer.wrap(buffer));
                    case 5 -> socket.poll(java.util.EnumSet.of(Readiness.READABLE), java.time.Duration.ofMillis(5));
                    case 6 -> {
                        // A PollSet reports its closed socket as INVALID instead of throwing.
                        if (set.poll(java.time.Duration.ofMillis(5)).getOrDefault(socket, java.util.Set.of())
                                .contains(Readiness.INVALID)) {
                            return new long[] {completed, 1};
                        }
                    }
                    case 8 -> socket.recvFrom(ByteBuffer.wrap(buffer));
                    case 9 -> socket.recv(buffer, 0, 1, java.util.EnumSet.of(RecvFlag.PEEK));
                    case 10 -> socket.setKeepAlive(java.time.Duration.ofSeconds(1), java.time.Duration.ofSeconds(1));
                    default -> socket.available();
                }
                completed++;
            } catch (SocketClosedException closed) {
                return new long[] {completed, 1};
            } catch (ClosedChannelException closed) {
                // The channel's form of the same (AsynchronousCloseException when the close came
                // during the call, its cause the SocketClosedException).
                return new long[] {completed, 1};
            } catch (IOException other) {
                fail("a call ended in neither a result nor the closed exception", other);
            }
        }
    }
}
