package org.winsock4j.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.winsock4j.AddressFamily;
import org.winsock4j.IntOption;
import org.winsock4j.WinSocket;
import org.winsock4j.port.Sdk;

/** socket, bind, listen, connect, accept, send, recv on loopback, IPv4 and IPv6. */
class LoopbackWineTest {

    @ParameterizedTest
    @EnumSource(AddressFamily.class)
    void connectAcceptAndAddresses(AddressFamily family) throws Exception {
        try (Lab.Pair p = Lab.pair(family)) {
            int port = p.listener().localAddress().getPort();
            assertNotEquals(0, port, "bind to port 0 picked an ephemeral port");
            assertEquals(Lab.loopback(family), p.listener().localAddress().getAddress());
            assertEquals(p.listener().localAddress(), p.client().remoteAddress());
            assertEquals(p.client().localAddress(), p.server().remoteAddress());
            assertEquals(port, p.server().localAddress().getPort());
            assertEquals(Sdk.SOCK_STREAM, p.client().option(IntOption.SO_TYPE));
        }
    }

    @ParameterizedTest
    @EnumSource(AddressFamily.class)
    void sendAndRecvArraysBothWays(AddressFamily family) throws Exception {
        try (Lab.Pair p = Lab.pair(family)) {
            byte[] hello = "..hello, winsock..".getBytes(StandardCharsets.US_ASCII);
            assertEquals(16, p.client().send(hello, 2, 16));
            byte[] got = new byte[20];
            int n = 0;
            while (n < 16) {
                n += p.server().recv(got, 2 + n, 16 - n);
            }
            assertEquals("hello, winsock..".substring(0, 16), new String(got, 2, 16, StandardCharsets.US_ASCII));
            assertEquals(3, p.server().send(new byte[] {7, 8, 9}, 0, 3));
            byte[] back = new byte[3];
            int m = 0;
            while (m < 3) {
                m += p.client().recv(back, m, 3 - m);
            }
            assertArrayEquals(new byte[] {7, 8, 9}, back);
        }
    }

    @ParameterizedTest
    @EnumSource(AddressFamily.class)
    void sendAndRecvDirectBuffers(AddressFamily family) throws Exception {
        try (Lab.Pair p = Lab.pair(family)) {
            ByteBuffer out = ByteBuffer.allocateDirect(64);
            out.put("xxdirect".getBytes(StandardCharsets.US_ASCII)).flip().position(2);
            assertEquals(6, p.client().send(out));
            assertEquals(8, out.position());
            ByteBuffer in = ByteBuffer.allocateDirect(64);
            in.position(10);
            while (in.position() < 16) {
                p.server().recv(in);
            }
            byte[] got = new byte[6];
            in.flip().position(10);
            in.get(got);
            assertEquals("direct", new String(got, StandardCharsets.US_ASCII));
        }
    }

    @ParameterizedTest
    @EnumSource(AddressFamily.class)
    void aMegabyteArrivesIntact(AddressFamily family) throws Exception {
        try (Lab.Pair p = Lab.pair(family)) {
            byte[] data = new byte[1 << 20];
            for (int i = 0; i < data.length; i++) {
                data[i] = (byte) (i * 31 + (i >>> 8));
            }
            Thread writer = new Thread(() -> {
                try {
                    int off = 0;
                    while (off < data.length) {
                        off += p.client().send(data, off, Math.min(65536, data.length - off));
                    }
                    p.client().close();
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
            writer.start();
            byte[] got = Lab.readAll(p.server());
            writer.join();
            assertArrayEquals(data, got);
        }
    }

    @ParameterizedTest
    @EnumSource(AddressFamily.class)
    void optionsRoundTrip(AddressFamily family) throws Exception {
        try (WinSocket s = Lab.tcp(family)) {
            s.setOption(IntOption.TCP_NODELAY, 1);
            assertEquals(1, s.option(IntOption.TCP_NODELAY));
            s.setOption(IntOption.SO_RCVBUF, 32768);
            assertTrue(s.option(IntOption.SO_RCVBUF) >= 32768, "SO_RCVBUF at least what was set");
            s.setOption(IntOption.SO_KEEPALIVE, 1);
            assertEquals(1, s.option(IntOption.SO_KEEPALIVE));
        }
    }
}
