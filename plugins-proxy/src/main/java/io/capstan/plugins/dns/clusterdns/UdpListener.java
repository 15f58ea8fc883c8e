package io.capstan.plugins.dns.clusterdns;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DNS UDP listener: one thread receives each datagram and answers it inline (an answer is an
 * index lookup, microseconds), so one thread serves any number of clients; a forwarded query is
 * answered when its upstream replies, without holding this thread.
 */
final class UdpListener implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(UdpListener.class);

  private final DatagramSocket socket;
  private final ClusterDnsResponder responder;
  private final Thread thread;
  private volatile boolean running = true;

  UdpListener(InetSocketAddress bind, ClusterDnsResponder responder) throws IOException {
    this.responder = requireNonNull(responder, "responder");
    this.socket = new DatagramSocket(null);
    try {
      socket.setReuseAddress(true);
      socket.bind(bind);
    } catch (SocketException e) {
      socket.close();
      throw new IOException("cluster DNS cannot listen on UDP " + bind + ": " + e.getMessage()
          + " (set dns.port to a free port; ports below 1024 need root)", e);
    }
    this.thread = new Thread(this::run, "capstan-dns-udp");
    this.thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  InetSocketAddress address() {
    return (InetSocketAddress) socket.getLocalSocketAddress();
  }

  private void run() {
    byte[] buffer = new byte[65535];
    while (running) {
      DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
      try {
        socket.receive(packet);
        SocketAddress client = packet.getSocketAddress();
        // cluster answers complete here; forwarded ones later, on the forwarder's thread
        responder.respond(packet.getData(), packet.getLength(), true).thenAccept(response -> response.ifPresent(bytes -> {
          try {
            socket.send(new DatagramPacket(bytes, bytes.length, client));
          } catch (IOException e) {
            LOG.debug("dns udp: answering {}: {}", client, e.toString());
          }
        }));
      } catch (IOException e) {
        if (running) {
          LOG.debug("dns udp: {}", e.toString());
        }
      } catch (RuntimeException e) {
        LOG.warn("dns udp: query from {} failed: {}", packet.getSocketAddress(), e.toString(), e);
      }
    }
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    socket.close();
    thread.join(5000);
  }
}
