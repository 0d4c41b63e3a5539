package dev.dbpool.loadgen.closedloop;

import javax.net.SocketFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.SocketChannel;

/**
 * pgjdbc's {@code socketFactory} for the closed loop: sockets whose reads block in the kernel, one
 * {@code read} per response, as a thread-per-connection client's reads can.
 *
 * <p>The JDK's default socket ({@code NioSocketImpl}, JDK 13 and later) puts its file descriptor in
 * non-blocking mode for good the first time it connects or reads with a timeout (pgjdbc connects with
 * {@code connectTimeout}, HikariCP validates with a network timeout). From then on every read that
 * finds no data yet (the usual case: the client reads right after sending) costs a failed
 * {@code read} (EAGAIN), a {@code poll} and a second {@code read}: about 3.3 system calls per
 * transaction instead of 2. The socket of a {@link SocketChannel} goes non-blocking only for the
 * duration of a timed operation and back to blocking after it, so with pgjdbc's {@code socketTimeout}
 * at 0 its reads are plain blocking reads. See {@link ClosedLoopRun#poolConfig}.
 */
public final class BlockingSocketFactory extends SocketFactory {

    /** pgjdbc instantiates the factory by its class name, through this constructor. */
    public BlockingSocketFactory() {
    }

    /** An unconnected socket (pgjdbc connects it, with its {@code connectTimeout}). */
    @Override
    public Socket createSocket() throws IOException {
        return SocketChannel.open().socket();
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port), null);
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return connected(new InetSocketAddress(host, port), new InetSocketAddress(localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port), null);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return connected(new InetSocketAddress(address, port), new InetSocketAddress(localAddress, localPort));
    }

    private Socket connected(InetSocketAddress remote, InetSocketAddress local) throws IOException {
        Socket socket = createSocket();
        try {
            if (local != null) {
                socket.bind(local);
            }
            socket.connect(remote);
            return socket;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }
}
