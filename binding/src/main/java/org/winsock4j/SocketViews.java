package org.winsock4j;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ByteChannel;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.IllegalBlockingModeException;
import java.util.Objects;

/**
 * The java.io and java.nio views of a {@link WinSocket} ({@link WinSocket#inputStream()},
 * {@link WinSocket#outputStream()}, {@link WinSocket#channel()}). They hold no state of their own
 * beyond a one-byte scratch array: every read and write is the socket's own {@code recv} or
 * {@code send}, so the lifetime rules (the guard, close waking a blocked call, interrupts) are the
 * socket's. Closing any view closes the socket, as {@link WinSocket#close()} does.
 */
final class SocketViews {
    private SocketViews() {
    }

    private static void requireBlocking(WinSocket socket) {
        if (!socket.isBlocking()) {
            // As java.nio's streams over a non-blocking SocketChannel: a stream cannot say "nothing yet".
            throw new IllegalBlockingModeException();
        }
    }

    /** {@link WinSocket#inputStream()}. */
    static final class In extends InputStream {
        private final WinSocket socket;
        private final byte[] one = new byte[1];

        In(WinSocket socket) {
            this.socket = socket;
        }

        @Override
        public int read() throws IOException {
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            if (len == 0) {
                return 0;
            }
            requireBlocking(socket);
            int n;
            do {
                // 0 is an empty datagram (a stream socket's recv gives at least a byte or -1):
                // it carries no bytes, and java.io's read returns at least one (WinSocket#inputStream).
                n = socket.recv(b, off, len);
            } while (n == 0);
            return n;
        }

        @Override
        public int available() throws IOException {
            return socket.available();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }

        @Override
        public String toString() {
            return "InputStream of " + socket;
        }
    }

    /** {@link WinSocket#outputStream()}. */
    static final class Out extends OutputStream {
        private final WinSocket socket;
        private final byte[] one = new byte[1];

        Out(WinSocket socket) {
            this.socket = socket;
        }

        @Override
        public void write(int b) throws IOException {
            one[0] = (byte) b;
            write(one, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            requireBlocking(socket);
            while (len > 0) {
                int n = socket.send(b, off, len);
                off += n;
                len -= n;
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }

        @Override
        public String toString() {
            return "OutputStream of " + socket;
        }
    }

    /** {@link WinSocket#channel()}. */
    static final class Channel implements ByteChannel {
        private final WinSocket socket;

        Channel(WinSocket socket) {
            this.socket = socket;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            Objects.requireNonNull(dst, "dst");
            if (!socket.isOpen()) {
                throw new ClosedChannelException();
            }
            try {
                return socket.recv(dst);
            } catch (WinsockException.WouldBlock nothingYet) {
                return 0;
            } catch (SocketClosedException closed) {
                throw (AsynchronousCloseException) new AsynchronousCloseException().initCause(closed);
            }
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            Objects.requireNonNull(src, "src");
            if (!socket.isOpen()) {
                throw new ClosedChannelException();
            }
            int total = 0;
            try {
                while (src.hasRemaining()) {
                    total += socket.send(src);
                    if (!socket.isBlocking()) {
                        break;
                    }
                }
            } catch (WinsockException.WouldBlock full) {
                // Non-blocking: what was taken so far (maybe 0), as a non-blocking SocketChannel.
            } catch (SocketClosedException closed) {
                throw (AsynchronousCloseException) new AsynchronousCloseException().initCause(closed);
            }
            return total;
        }

        @Override
        public boolean isOpen() {
            return socket.isOpen();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }

        @Override
        public String toString() {
            return "ByteChannel of " + socket;
        }
    }
}
