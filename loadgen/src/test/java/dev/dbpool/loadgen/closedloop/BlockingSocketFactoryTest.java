package dev.dbpool.loadgen.closedloop;

import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.channels.SocketChannel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The property the closed loop relies on: after a connect and a read with a timeout (what pgjdbc and
 * HikariCP do to every connection), the socket is back in blocking mode, so that a read without a
 * timeout is one blocking system call. A local server socket stands in for PostgreSQL.
 */
class BlockingSocketFactoryTest {

    @Test
    void theSocketIsBlockingAgainAfterATimedConnectAndATimedRead() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket socket = new BlockingSocketFactory().createSocket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()), 5_000);
            try (Socket peer = server.accept()) {
                SocketChannel channel = socket.getChannel();
                assertThat(channel).isNotNull();
                assertThat(channel.isBlocking()).isTrue();

                socket.setSoTimeout(50);
                InputStream in = socket.getInputStream();
                assertThatThrownBy(in::read).isInstanceOf(SocketTimeoutException.class);
                assertThat(channel.isBlocking()).isTrue();

                socket.setSoTimeout(0);
                OutputStream out = peer.getOutputStream();
                out.write(42);
                out.flush();
                assertThat(in.read()).isEqualTo(42);
                assertThat(channel.isBlocking()).isTrue();
            }
        }
    }

    @Test
    void theConnectingVariantsReturnConnectedSockets() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 4, InetAddress.getLoopbackAddress())) {
            InetAddress loopback = InetAddress.getLoopbackAddress();
            BlockingSocketFactory factory = new BlockingSocketFactory();
            try (Socket a = factory.createSocket(loopback, server.getLocalPort());
                 Socket b = factory.createSocket(loopback.getHostAddress(), server.getLocalPort())) {
                assertThat(a.isConnected()).isTrue();
                assertThat(b.isConnected()).isTrue();
                assertThat(a.getChannel()).isNotNull();
            }
        }
    }
}
