package io.capstan.plugins.dns.clusterdns;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Header;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a query in wire format into a response in wire format: one question per message, standard
 * queries only, EDNS0 honoured (its payload size bounds UDP answers, which are truncated with TC
 * set when they do not fit, so the client retries over TCP). Names outside the cluster and reverse
 * zones, and reverse names the cluster does not know (CoreDNS's {@code fallthrough in-addr.arpa
 * ip6.arpa}), go to the {@link UpstreamForwarder} when it has upstreams; otherwise they get REFUSED.
 */
final class ClusterDnsResponder {

  private static final Logger LOG = LoggerFactory.getLogger(ClusterDnsResponder.class);

  /** The plain-DNS UDP limit (RFC 1035). */
  static final int UDP_LIMIT = 512;
  /** The largest EDNS0 payload answered (DNS flag day 2020's recommendation). */
  static final int EDNS_PAYLOAD = 1232;

  private final ClusterDnsLookup lookup;
  private final UpstreamForwarder forwarder;

  ClusterDnsResponder(ClusterDnsLookup lookup, UpstreamForwarder forwarder) {
    this.lookup = requireNonNull(lookup, "lookup");
    this.forwarder = requireNonNull(forwarder, "forwarder");
  }

  /**
   * The response to {@code length} bytes of {@code query}; empty when the bytes are not even a DNS
   * header (nothing to answer to). Cluster answers are complete on return; forwarded ones complete
   * when an upstream answered or all failed (SERVFAIL). The bytes are read before this returns.
   *
   * @param udp true to bound the answer by the UDP limit (512, or the query's EDNS0 size)
   */
  CompletableFuture<Optional<byte[]>> respond(byte[] query, int length, boolean udp) {
    byte[] bytes = length == query.length ? query : java.util.Arrays.copyOf(query, length);
    Message request;
    try {
      request = new Message(bytes);
    } catch (IOException e) {
      if (length < Header.LENGTH) {
        return CompletableFuture.completedFuture(Optional.empty());
      }
      // A header we can read, the rest we cannot: FORMERR with the same id.
      Message error = new Message(((bytes[0] & 0xff) << 8) | (bytes[1] & 0xff));
      error.getHeader().setFlag(Flags.QR);
      error.getHeader().setRcode(Rcode.FORMERR);
      return CompletableFuture.completedFuture(Optional.of(error.toWire()));
    }
    if (request.getHeader().getFlag(Flags.QR)) {
      return CompletableFuture.completedFuture(Optional.empty()); // a response sent to us: never answer those (loops)
    }
    Optional<Message> response = answer(request);
    if (response.isEmpty()) {
      return forwarder.forward(request).thenApply(upstream -> Optional.of(wire(request, upstream, udp)));
    }
    return CompletableFuture.completedFuture(Optional.of(wire(request, response.get(), udp)));
  }

  /** The response in wire format, with EDNS0 as the client asked and within its UDP limit. */
  private static byte[] wire(Message request, Message response, boolean udp) {
    OPTRecord opt = request.getOPT();
    Record upstreamOpt = response.getOPT();
    if (opt == null && upstreamOpt != null) {
      response.removeRecord(upstreamOpt, Section.ADDITIONAL); // the client speaks plain DNS
    }
    int limit = UDP_LIMIT;
    if (opt != null) {
      limit = Math.max(UDP_LIMIT, Math.min(opt.getPayloadSize(), EDNS_PAYLOAD));
      if (upstreamOpt == null) {
        response.addRecord(new OPTRecord(EDNS_PAYLOAD, 0, 0), Section.ADDITIONAL);
      }
    }
    return udp ? response.toWire(limit) : response.toWire();
  }

  /** The response message to a parsed request; empty when the name is for the upstreams. */
  Optional<Message> answer(Message request) {
    Message response = new Message(request.getHeader().getID());
    Header header = response.getHeader();
    header.setFlag(Flags.QR);
    if (request.getHeader().getFlag(Flags.RD)) {
      header.setFlag(Flags.RD);
    }
    header.setOpcode(request.getHeader().getOpcode());
    Record question = request.getQuestion();
    if (request.getHeader().getOpcode() != Opcode.QUERY) {
      header.setRcode(Rcode.NOTIMP);
      return Optional.of(response);
    }
    if (question == null || request.getHeader().getCount(Section.QUESTION) != 1) {
      header.setRcode(Rcode.FORMERR);
      return Optional.of(response);
    }
    response.addRecord(question, Section.QUESTION);
    ClusterDnsAnswer result = lookup.lookup(question.getName(), question.getType());
    if (forwarder.enabled() && (result.rcode() == Rcode.REFUSED
        || (result.rcode() == Rcode.NXDOMAIN && lookup.isReverse(question.getName())))) {
      return Optional.empty();
    }
    header.setRcode(result.rcode());
    if (result.authoritative()) {
      header.setFlag(Flags.AA);
    }
    result.answers().forEach(r -> response.addRecord(r, Section.ANSWER));
    result.authority().forEach(r -> response.addRecord(r, Section.AUTHORITY));
    result.additional().forEach(r -> response.addRecord(r, Section.ADDITIONAL));
    LOG.trace("dns: {} {} -> {} ({} answers)", question.getName(), org.xbill.DNS.Type.string(question.getType()),
        Rcode.string(result.rcode()), result.answers().size());
    return Optional.of(response);
  }
}
