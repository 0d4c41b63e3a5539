package dev.dbpool.loadgen.netfault;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A loopback TCP proxy between the pools under test and PostgreSQL, on which the soak's network faults
 * act: {@link #latency(Duration) latency} (every chunk, either way, is held for a delay before it is
 * passed on), {@link #blackhole(boolean) blackhole} (nothing is passed on either way, and nothing is
 * reset: the connections stay open, as when a network path dies without telling anyone; when it
 * ends, what was held is delivered, as TCP's retransmissions would) and {@link #resetAll() reset}
 * (every connection is closed with SO_LINGER 0, so both ends get an RST).
 *
 * <p>It listens on 127.0.0.1 only, on a port of the system's choosing, and copies bytes without
 * looking at them: two threads a direction per connection (one reads and stamps each chunk with the
 * time it may go, one writes it then), so that a delay holds each chunk for the delay and does not add
 * up across chunks. {@link #close()} resets every connection and stops the listener; it is idempotent.
 */
public final class FaultProxy implements AutoCloseable {

    private static final int CHUNK = 16 * 1024;
    private static final AtomicInteger PROXIES = new AtomicInteger();

    private final ServerSocket listener;
    private final InetSocketAddress target;
    private final Set<Link> links = ConcurrentHashMap.newKeySet();
    private final Object gate = new Object();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicInteger threadCount = new AtomicInteger();
    private final String name = "soak-netfault-" + PROXIES.incrementAndGet();
    private final Thread acceptor;
    private volatile long latencyNanos;
    private volatile boolean blackholed;
    private volatile boolean closed;

    private FaultProxy(ServerSocket listener, InetSocketAddress target) {
        this.listener = listener;
        this.target = target;
        this.acceptor = thread("accept", this::acceptLoop);
    }

    /**
     * Starts a proxy to {@code host:port} on 127.0.0.1.
     *
     * @throws UncheckedIOException when no loopback port can be opened
     */
    public static FaultProxy start(String host, int port) {
        try {
            ServerSocket listener = new ServerSocket();
            listener.setReuseAddress(true);
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
            FaultProxy proxy = new FaultProxy(listener, InetSocketAddress.createUnresolved(host, port));
            proxy.acceptor.start();
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the soak's network-fault proxy on 127.0.0.1", e);
        }
    }

    /** The loopback port the pools connect to. */
    public int port() {
        return listener.getLocalPort();
    }

    /** Every chunk, either way, is held this long before it is passed on; {@link Duration#ZERO} ends it. */
    public void latency(Duration delay) {
        latencyNanos = Math.max(0, delay.toNanos());
    }

    /** While on, no byte passes either way and nothing is reset; off delivers what was held. */
    public void blackhole(boolean on) {
        synchronized (gate) {
            blackholed = on;
            gate.notifyAll();
        }
    }

    /** Resets every open connection at once (SO_LINGER 0: an RST to the pool and to the server). */
    public int resetAll() {
        int count = 0;
        for (Link link : links) {
            link.reset();
            count++;
        }
        return count;
    }

    /** Connections open through the proxy now. */
    public int openConnections() {
        return links.size();
    }

    /** Connections accepted since the start. */
    public long acceptedConnections() {
        return accepted.get();
    }

    /** Ends every fault (no latency, no blackhole): the state between runs. */
    public void heal() {
        latency(Duration.ZERO);
        blackhole(false);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        heal();
        try {
            listener.close();
        } catch (IOException e) {
            // closing anyway
        }
        resetAll();
        try {
            acceptor.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                return;    // closed
            }
            accepted.incrementAndGet();
            Socket server = new Socket();
            try {
                client.setTcpNoDelay(true);
                server.setTcpNoDelay(true);
                server.connect(new InetSocketAddress(target.getHostString(), target.getPort()), 5_000);
            } catch (IOException e) {
                closeQuietly(client, true);
                closeQuietly(server, true);
                continue;
            }
            Link link = new Link(client, server);
            links.add(link);
            if (closed) {
                link.reset();
                return;
            }
            link.start();
        }
    }

    private Thread thread(String role, Runnable body) {
        Thread t = new Thread(body, name + "-" + role + "-" + threadCount.incrementAndGet());
        t.setDaemon(true);
        return t;
    }

    private void awaitFlowing() throws InterruptedException {
        if (!blackholed) {
            return;
        }
        synchronized (gate) {
            while (blackholed && !closed) {
                gate.wait();
            }
        }
    }

    private static void closeQuietly(Socket socket, boolean reset) {
        try {
            if (reset && !socket.isClosed()) {
                socket.setSoLinger(true, 0);
            }
        } catch (SocketException e) {
            // not connected: a plain close does
        }
        try {
            socket.close();
        } catch (IOException e) {
            // nothing left to do
        }
    }

    /** One proxied connection: the pool's socket, the server's, and a pipe each way. */
    private final class Link {
        private final Socket client;
        private final Socket server;
        private final AtomicInteger pipesOpen = new AtomicInteger(2);
        private volatile boolean done;

        Link(Socket client, Socket server) {
            this.client = client;
            this.server = server;
        }

        void start() {
            new Pipe(this, client, server, "up").start();
            new Pipe(this, server, client, "down").start();
        }

        /** A pipe finished cleanly (end of stream passed on); the link closes when both have. */
        void pipeDone() {
            if (pipesOpen.decrementAndGet() == 0) {
                finish(false);
            }
        }

        void reset() {
            finish(true);
        }

        void finish(boolean reset) {
            if (done) {
                return;
            }
            done = true;
            closeQuietly(client, reset);
            closeQuietly(server, reset);
            links.remove(this);
        }
    }

    /** Bytes one way: a reader that stamps each chunk, a writer that holds it until its time and the gate is open. */
    private final class Pipe {
        private static final byte[] END = new byte[0];
        private final Link link;
        private final Socket from;
        private final Socket to;
        private final String direction;
        private final LinkedBlockingQueue<Chunk> queue = new LinkedBlockingQueue<>();

        Pipe(Link link, Socket from, Socket to, String direction) {
            this.link = link;
            this.from = from;
            this.to = to;
            this.direction = direction;
        }

        void start() {
            thread(direction + "-read", this::read).start();
            thread(direction + "-write", this::write).start();
        }

        private void read() {
            byte[] buffer = new byte[CHUNK];
            try {
                InputStream in = from.getInputStream();
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    queue.put(new Chunk(Arrays.copyOf(buffer, n), System.nanoTime() + latencyNanos));
                }
                queue.put(new Chunk(END, System.nanoTime() + latencyNanos));
            } catch (IOException e) {
                link.reset();
                queue.offer(new Chunk(null, 0));
            } catch (InterruptedException e) {
                link.reset();
            }
        }

        private void write() {
            try {
                OutputStream out = to.getOutputStream();
                while (true) {
                    Chunk chunk = queue.take();
                    if (chunk.bytes == null) {
                        return;    // the reader failed and reset the link
                    }
                    long wait;
                    while ((wait = chunk.dueNanos - System.nanoTime()) > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    awaitFlowing();
                    if (link.done) {
                        return;
                    }
                    if (chunk.bytes == END) {
                        to.shutdownOutput();
                        link.pipeDone();
                        return;
                    }
                    out.write(chunk.bytes);
                    out.flush();
                }
            } catch (IOException e) {
                link.reset();
            } catch (InterruptedException e) {
                link.reset();
            }
        }
    }

    private record Chunk(byte[] bytes, long dueNanos) {
    }
}
