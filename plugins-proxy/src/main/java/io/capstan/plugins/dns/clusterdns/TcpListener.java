package io.capstan.plugins.dns.clusterdns;

import static java.util.Objects.requireNonNull;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DNS TCP listener (RFC 7766): each message is preceded by its two-byte length; a connection
 * may carry several queries and is closed after {@code idleTimeout} without one. Connections are
 * served by at most {@code maxConnections} pooled threads; one more is refused (closed) rather than
 * queued, so a flood cannot grow threads.
 */
final class TcpListener implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(TcpListener.class);

  private final ServerSocket server;
  private final ClusterDnsResponder responder;
  private final Duration idleTimeout;
  private final ExecutorService connections;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final Thread acceptor;
  private volatile boolean running = true;

  TcpListener(InetSocketAddress bind, ClusterDnsResponder responder, Duration idleTimeout, int maxConnections)
      throws IOException {
    this.responder = requireNonNull(responder, "responder");
    this.idleTimeout = requireNonNull(idleTimeout, "idleTimeout");
    this.server = new ServerSocket();
    try {
      server.setReuseAddress(true);
      server.bind(bind, 128);
    } catch (IOException e) {
      server.close();
      throw new IOException("cluster DNS cannot listen on TCP " + bind + ": " + e.getMessage()
          + " (set dns.port to a free port; ports below 1024 need root)", e);
    }
    this.connections = new ThreadPoolExecutor(0, maxConnections, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
        r -> {
          Thread t = new Thread(r, "capstan-dns-tcp");
          t.setDaemon(true);
          return t;
        });
    this.acceptor = new Thread(this::accept, "capstan-dns-tcp-accept");
    this.acceptor.setDaemon(true);
  }

  void start() {
    acceptor.start();
  }

  InetSocketAddress address() {
    return (InetSocketAddress) server.getLocalSocketAddress();
  }

  private void accept() {
    while (running) {
      Socket socket;
      try {
        socket = server.accept();
      } catch (IOException e) {
        if (running) {
          LOG.debug("dns tcp accept: {}", e.toString());
        }
        continue;
      }
      try {
        connections.execute(() -> serve(socket));
      } catch (RejectedExecutionException e) {
        LOG.debug("dns tcp: too many connections, closing one from {}", socket.getRemoteSocketAddress());
        closeQuietly(socket);
      }
    }
  }

  private void serve(Socket socket) {
    open.add(socket);
    try (socket) {
      socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, idleTimeout.toMillis()));
      DataInputStream in = new DataInputStream(socket.getInputStream());
      DataOutputStream out = new DataOutputStream(socket.getOutputStream());
      while (running) {
        int length = in.readUnsignedShort();
        byte[] query = in.readNBytes(length);
        if (query.length < length) {
          return;
        }
        Optional<byte[]> response = responder.respond(query, length, false).join(); // bounded by the upstream timeouts
        if (response.isEmpty()) {
          return;
        }
        byte[] bytes = response.get();
        out.writeShort(bytes.length);
        out.write(bytes);
        out.flush();
      }
    } catch (EOFException | SocketTimeoutException e) {
      // the client is done, or idle too long
    } catch (IOException e) {
      if (running) {
        LOG.debug("dns tcp {}: {}", socket.getRemoteSocketAddress(), e.toString());
      }
    } catch (RuntimeException e) {
      LOG.warn("dns tcp {}: query failed: {}", socket.getRemoteSocketAddress(), e.toString(), e);
    } finally {
      open.remove(socket);
    }
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      LOG.trace("closing: {}", e.toString());
    }
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    try {
      server.close();
    } catch (IOException e) {
      LOG.trace("closing the listener: {}", e.toString());
    }
    open.forEach(TcpListener::closeQuietly);
    connections.shutdownNow();
    acceptor.join(5000);
    connections.awaitTermination(5, TimeUnit.SECONDS);
  }
}
