package org.winsock4j.net;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.winsock4j.unguarded.UnguardedPorts;
import org.winsock4j.Winsock;
import org.winsock4j.testing.FakeWinsockPort;

/**
 * The compatibility suite against winsock4j's Socket over the fake Winsock (any OS): the Java
 * logic of {@link WinsockSocketImpl} (states, waits, timeouts, interrupts, options, streams)
 * against the same tests as the JDK's Socket. The peer is the fake's script (deliver, peer's
 * FIN, what was sent). The Wine tier runs the suite against the real ws2_32.
 */
class WinsockSocketCompatibilityFakeTest extends SocketCompatibilitySuite {
    private final FakeWinsockPort fake = FakeWinsockPort.started();
    private final Winsock winsock = UnguardedPorts.winsockOver(fake);

    @Override
    protected Socket newSocket() throws IOException {
        return new WinsockSocket(winsock);
    }

    @Override
    protected Peer listen() {
        return new FakePeer();
    }

    @AfterEach
    void noCallReachedAClosedHandle() {
        if (!fake.violations().isEmpty()) {
            throw new AssertionError("the fake saw violations: " + fake.violations());
        }
    }

    /** The fake connects any socket at once; this peer is the fake's view of the client's handle. */
    private final class FakePeer implements Peer {
        private long handle;
        private int consumed;

        @Override
        public InetSocketAddress address() {
            return new InetSocketAddress(InetAddress.getLoopbackAddress(), 4242);
        }

        @Override
        public void accept(Socket client) throws IOException {
            handle = ((WinsockSocket) client).winSocket().rawHandle();
        }

        @Override
        public void send(byte[] data) {
            fake.deliver(handle, data);
        }

        @Override
        public void shutdownOutput() {
            fake.peerCloses(handle);
        }

        @Override
        public byte[] receive(int n) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PATIENCE_SECONDS);
            byte[] sent = fake.sent(handle);
            while (sent.length < consumed + n && System.nanoTime() < deadline) {
                Thread.sleep(1);
                sent = fake.sent(handle);
            }
            byte[] got = Arrays.copyOfRange(sent, consumed, Math.min(sent.length, consumed + n));
            consumed += got.length;
            return got;
        }

        @Override
        public boolean receivesEndOfStream() throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PATIENCE_SECONDS);
            while (System.nanoTime() < deadline) {
                if (!fake.isOpen(handle)) {
                    return !fake.closedAbortively(handle);
                }
                if (fake.outputShutdown(handle)) {
                    return true;
                }
                Thread.sleep(1);
            }
            return false;
        }

        @Override
        public void close() {
            // The fake's sockets are the client's; nothing of the peer's own to close.
        }
    }
}
