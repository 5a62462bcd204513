package org.winsock4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.winsock4j.AddressFamily;

/**
 * A TLS engine loop over the {@code channel()} view: two {@link SSLEngine}s, client and server,
 * handshake and exchange a message over a real loopback connection, each side moving records
 * through its WinSocket's ByteChannel as an application's TLS layer would. The key is a
 * self-signed RSA test key (tls-test.p12 beside this class, for tests only).
 */
class TlsOverChannelWineTest {
    private static final char[] PASSWORD = "winsock4j".toCharArray();

    static SSLContext context() throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = TlsOverChannelWineTest.class.getResourceAsStream("tls-test.p12")) {
            keys.load(in, PASSWORD);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, PASSWORD);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(keys); // the self-signed certificate trusts itself
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return tls;
    }

    /** One side of a TLS session over a channel: handshake, then whole messages. */
    private static final class TlsSide {
        final SSLEngine engine;
        final ByteChannel channel;
        ByteBuffer netIn;
        ByteBuffer netOut;
        ByteBuffer appIn;

        TlsSide(SSLEngine engine, ByteChannel channel) {
            this.engine = engine;
            this.channel = channel;
            netIn = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
            netOut = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
            appIn = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
        }

        void handshake() throws IOException {
            engine.beginHandshake();
            ByteBuffer empty = ByteBuffer.allocate(0);
            for (;;) {
                switch (engine.getHandshakeStatus()) {
                    case NEED_WRAP -> {
                        netOut.clear();
                        engine.wrap(empty, netOut);
                        flush();
                    }
                    case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> unwrapOnce();
                    case NEED_TASK -> {
                        for (Runnable task; (task = engine.getDelegatedTask()) != null; ) {
                            task.run();
                        }
                    }
                    case FINISHED, NOT_HANDSHAKING -> {
                        return;
                    }
                }
            }
        }

        private void flush() throws IOException {
            netOut.flip();
            while (netOut.hasRemaining()) {
                channel.write(netOut);
            }
        }

        /** Unwraps one record, reading from the channel while the engine needs more bytes. */
        private void unwrapOnce() throws IOException {
            for (;;) {
                netIn.flip();
                SSLEngineResult r = engine.unwrap(netIn, appIn);
                netIn.compact();
                if (r.getStatus() == SSLEngineResult.Status.OK || r.getStatus() == SSLEngineResult.Status.CLOSED) {
                    return;
                }
                if (r.getStatus() != SSLEngineResult.Status.BUFFER_UNDERFLOW) {
                    throw new SSLException("unwrap: " + r);
                }
                if (channel.read(netIn) < 0) {
                    throw new IOException("end of stream in the middle of a TLS record");
                }
            }
        }

        void send(String message) throws IOException {
            netOut.clear();
            SSLEngineResult r = engine.wrap(ByteBuffer.wrap(message.getBytes(StandardCharsets.UTF_8)), netOut);
            assertEquals(SSLEngineResult.Status.OK, r.getStatus());
            flush();
        }

        String receive() throws IOException {
            appIn.clear();
            while (appIn.position() == 0) {
                unwrapOnce();
            }
            appIn.flip();
            return StandardCharsets.UTF_8.decode(appIn).toString();
        }
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aTlsEngineLoopRunsOverTheChannelView() throws Exception {
        SSLContext tls = context();
        Lab.Pair pair = Lab.pair(AddressFamily.INET);
        try {
            SSLEngine serverEngine = tls.createSSLEngine();
            serverEngine.setUseClientMode(false);
            SSLEngine clientEngine = tls.createSSLEngine("localhost", 443);
            clientEngine.setUseClientMode(true);
            TlsSide server = new TlsSide(serverEngine, pair.server().channel());
            TlsSide client = new TlsSide(clientEngine, pair.client().channel());

            CompletableFuture<String> served = CompletableFuture.supplyAsync(() -> {
                try {
                    server.handshake();
                    String got = server.receive();
                    server.send("echo " + got);
                    return got;
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            client.handshake();
            client.send("hello over TLS");
            assertEquals("echo hello over TLS", client.receive());
            assertEquals("hello over TLS", served.get(30, TimeUnit.SECONDS));
            assertTrue(clientEngine.getSession().getProtocol().startsWith("TLS"), clientEngine.getSession().getProtocol());
            assertEquals(serverEngine.getSession().getCipherSuite(), clientEngine.getSession().getCipherSuite());
        } finally {
            pair.close();
        }
    }
}
