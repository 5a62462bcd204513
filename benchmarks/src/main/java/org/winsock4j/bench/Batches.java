package org.winsock4j.bench;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.SocketChannel;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.winsock4j.AddressFamily;
import org.winsock4j.Protocol;
import org.winsock4j.SocketType;
import org.winsock4j.WinSocket;
import org.winsock4j.Winsock;

/** The socket batches of {@link CloseBench}, one per kind of socket object. */
public final class Batches {
    private Batches() {}

    /** Raw SOCKET values from the binding's raw mapping (Ws2_32.socket). */
    @State(Scope.Thread)
    public static class Raw extends SocketBatch {
        long[] sockets;

        long next() {
            return sockets[take()];
        }

        @Override void allocate(int n) {
            sockets = new long[n];
        }

        @Override void create(int i, InetSocketAddress to) {
            sockets[i] = RawSockets.tcp();
            if (to != null) {
                RawSockets.connect(sockets[i], to);
                acceptPeer();
            }
        }

        @Override void closeLeftover(int i) {
            RawSockets.closeAbortively(sockets[i]);
        }

        @Override void release() {
            sockets = null;
        }
    }

    /** WinSockets on Winsock.system(): blocking, default linger (SO_DONTLINGER). */
    @State(Scope.Thread)
    public static class Win extends SocketBatch {
        WinSocket[] sockets;

        WinSocket next() {
            return sockets[take()];
        }

        @Override void allocate(int n) {
            sockets = new WinSocket[n];
        }

        @Override void create(int i, InetSocketAddress to) throws Exception {
            sockets[i] = Winsock.system().open(AddressFamily.INET, SocketType.STREAM, Protocol.TCP);
            if (to != null) {
                sockets[i].connect(to);
                acceptPeer();
            }
        }

        @Override void closeLeftover(int i) throws Exception {
            sockets[i].closeAbortively();
        }

        @Override void release() {
            sockets = null;
        }
    }

    /** As {@link Win}, but each peer has already sent its FIN (shutdown SD_SEND) when the iteration starts. */
    @State(Scope.Thread)
    public static class WinPeerFin extends Win {
        @Override boolean peerSendsFin() {
            return true;
        }
    }

    /**
     * java.net.Socket. An unconnected one is made real by reading SO_RCVBUF (Socket() alone
     * creates no native socket until it is first used).
     */
    @State(Scope.Thread)
    public static class Jdk extends SocketBatch {
        Socket[] sockets;

        Socket next() {
            return sockets[take()];
        }

        @Override void allocate(int n) {
            sockets = new Socket[n];
        }

        @Override void create(int i, InetSocketAddress to) throws Exception {
            Socket s = new Socket();
            if (to != null) {
                s.connect(to);
                acceptPeer();
            } else {
                s.getReceiveBufferSize();
            }
            sockets[i] = s;
        }

        @Override void closeLeftover(int i) throws Exception {
            sockets[i].setSoLinger(true, 0);
            sockets[i].close();
        }

        @Override void release() {
            sockets = null;
        }
    }

    /** java.nio.channels.SocketChannel, blocking (SocketChannel.open() creates the native socket). */
    @State(Scope.Thread)
    public static class Channel extends SocketBatch {
        SocketChannel[] sockets;

        SocketChannel next() {
            return sockets[take()];
        }

        @Override void allocate(int n) {
            sockets = new SocketChannel[n];
        }

        @Override void create(int i, InetSocketAddress to) throws Exception {
            sockets[i] = to != null ? SocketChannel.open(to) : SocketChannel.open();
            if (to != null) {
                acceptPeer();
            }
        }

        @Override void closeLeftover(int i) throws Exception {
            sockets[i].socket().setSoLinger(true, 0);
            sockets[i].close();
        }

        @Override void release() {
            sockets = null;
        }
    }
}
