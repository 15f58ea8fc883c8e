package io.capstan.tck.dns;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * Queries a DNS server with dnsjava's {@link SimpleResolver} over UDP or TCP, one question per
 * message, as a stub resolver would (recursion desired, no EDNS unless asked).
 */
public final class DnsQueries {

  private final InetSocketAddress server;

  public DnsQueries(InetSocketAddress server) {
    this.server = requireNonNull(server, "server");
  }

  /** The response to {@code name} of {@code type} (e.g. {@link Type#A}) over UDP. */
  public Message udp(String name, int type) throws IOException {
    return send(name, type, false, false);
  }

  /** The response over TCP. */
  public Message tcp(String name, int type) throws IOException {
    return send(name, type, true, false);
  }

  /**
   * The raw UDP response, truncation left as the server sent it (no retry over TCP).
   */
  public Message udpNoRetry(String name, int type) throws IOException {
    return send(name, type, false, true);
  }

  private Message send(String name, int type, boolean tcp, boolean ignoreTruncation) throws IOException {
    SimpleResolver resolver = new SimpleResolver(server);
    resolver.setTCP(tcp);
    resolver.setIgnoreTruncation(ignoreTruncation);
    resolver.setTimeout(Duration.ofSeconds(3));
    resolver.setEDNS(-1);
    Name qname = Name.fromString(name.endsWith(".") ? name : name + ".");
    return resolver.send(Message.newQuery(Record.newRecord(qname, type, DClass.IN)));
  }

  /** The answer records of a response. */
  public static List<Record> answers(Message response) {
    return response.getSection(Section.ANSWER);
  }

  /** The answers' data in presentation form ({@code 10.96.0.10}, {@code 0 100 80 web.default.svc.cluster.local.}). */
  public static List<String> data(Message response) {
    return answers(response).stream().map(Record::rdataToString).sorted().toList();
  }
}
