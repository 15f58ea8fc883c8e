package io.capstan.plugins.proxy.userspace;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A UDP echo backend on loopback: answers each datagram with {@code <name>:<payload>} and remembers
 * the source addresses it saw (the proxy's per-session sockets).
 */
final class UdpEcho implements AutoCloseable {

  final String name;
  final AtomicInteger datagrams = new AtomicInteger();
  final Set<InetSocketAddress> sources = ConcurrentHashMap.newKeySet();
  private final DatagramSocket socket;
  private final Thread thread;

  UdpEcho(String name) throws IOException {
    this.name = name;
    this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    this.thread = new Thread(this::run, "udp-echo-" + name);
    this.thread.setDaemon(true);
    this.thread.start();
  }

  int port() {
    return socket.getLocalPort();
  }

  private void run() {
    byte[] buffer = new byte[65535];
    while (!socket.isClosed()) {
      DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
      try {
        socket.receive(packet);
        datagrams.incrementAndGet();
        sources.add((InetSocketAddress) packet.getSocketAddress());
        byte[] reply = (name + ":" + new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8))
            .getBytes(StandardCharsets.UTF_8);
        socket.send(new DatagramPacket(reply, reply.length, packet.getSocketAddress()));
      } catch (IOException e) {
        return;
      }
    }
  }

  @Override
  public void close() throws InterruptedException {
    socket.close();
    thread.join(2000);
  }
}
