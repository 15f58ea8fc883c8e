package io.capstan.plugins.dns.clusterdns;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * A recursive resolver stand-in on 127.0.0.1 (dnsjava wire format over UDP): answers every A
 * question with {@code address} and every PTR with {@code ptr.example.}, records the names it was
 * asked, and can be told to hold its answers until released or to never answer.
 */
final class FakeUpstream implements AutoCloseable {

  private final DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
  private final String address;
  private final boolean silent;
  private final CountDownLatch release;
  final List<String> asked = new CopyOnWriteArrayList<>();
  private final Thread thread;

  /**
   * @param silent never answer (a dead upstream: the client times out)
   * @param held answer only after {@link #release()}
   */
  FakeUpstream(String address, boolean silent, boolean held) throws IOException {
    this.address = address;
    this.silent = silent;
    this.release = new CountDownLatch(held ? 1 : 0);
    thread = new Thread(this::serve, "fake-upstream");
    thread.setDaemon(true);
    thread.start();
  }

  InetSocketAddress address() {
    return (InetSocketAddress) socket.getLocalSocketAddress();
  }

  String spec() {
    return "127.0.0.1:" + address().getPort();
  }

  void release() {
    release.countDown();
  }

  private void serve() {
    byte[] buffer = new byte[4096];
    while (!socket.isClosed()) {
      try {
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        socket.receive(packet);
        Message query = new Message(Arrays.copyOf(packet.getData(), packet.getLength()));
        Record question = query.getQuestion();
        asked.add(question.getName().toString());
        if (silent) {
          continue;
        }
        release.await();
        Message response = new Message(query.getHeader().getID());
        response.getHeader().setFlag(Flags.QR);
        response.getHeader().setFlag(Flags.RA);
        response.addRecord(question, Section.QUESTION);
        if (question.getType() == Type.A) {
          response.addRecord(new ARecord(question.getName(), DClass.IN, 60, InetAddress.getByName(address)), Section.ANSWER);
        } else if (question.getType() == Type.PTR) {
          response.addRecord(new PTRRecord(question.getName(), DClass.IN, 60, Name.fromString("ptr.example.")),
              Section.ANSWER);
        }
        byte[] out = response.toWire();
        socket.send(new DatagramPacket(out, out.length, packet.getSocketAddress()));
      } catch (IOException e) {
        // closed, or a datagram we cannot read
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  @Override
  public void close() {
    release.countDown();
    socket.close();
  }
}
