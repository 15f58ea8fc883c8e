package io.capstan.plugins.dns.clusterdns;

import static java.util.Objects.requireNonNull;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CoreDNS's {@code forward} with {@code policy sequential} and {@code prefer_udp}: a query the
 * cluster zone does not answer goes to the first upstream, and on a timeout or a network error to
 * the next; when every upstream failed the client gets SERVFAIL. Queries go over UDP (with EDNS0)
 * whichever way the client asked; a truncated upstream answer is fetched again over TCP, and the
 * listener cuts the answer down to what a UDP client can take. Non-blocking: dnsjava's NIO client sends and times
 * out, and completions run on one daemon thread of this forwarder (never on the listener thread,
 * and never a thread per query), so a slow upstream never holds up cluster answers.
 */
final class UpstreamForwarder implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(UpstreamForwarder.class);

  private final List<InetSocketAddress> upstreams;
  private final List<SimpleResolver> resolvers;
  private final ExecutorService completions;

  UpstreamForwarder(List<InetSocketAddress> upstreams, Duration timeout) {
    this.upstreams = List.copyOf(requireNonNull(upstreams, "upstreams"));
    this.resolvers = this.upstreams.stream().map(a -> resolver(a, timeout)).toList();
    this.completions = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "capstan-dns-forward");
      t.setDaemon(true);
      return t;
    });
  }

  private static SimpleResolver resolver(InetSocketAddress address, Duration timeout) {
    SimpleResolver resolver = new SimpleResolver(address);
    resolver.setTimeout(timeout);
    return resolver;
  }

  boolean enabled() {
    return !upstreams.isEmpty();
  }

  List<InetSocketAddress> upstreams() {
    return upstreams;
  }

  /** The upstream's response to {@code query} with the query's id, or SERVFAIL when none answered. */
  CompletableFuture<Message> forward(Message query) {
    return attempt(query, 0);
  }

  private CompletableFuture<Message> attempt(Message query, int i) {
    if (i >= resolvers.size()) {
      return CompletableFuture.completedFuture(serverFailure(query));
    }
    return resolvers.get(i).sendAsync(query.clone(), completions).toCompletableFuture()
        .handle((response, failure) -> {
          if (failure == null) {
            response.getHeader().setID(query.getHeader().getID());
            return CompletableFuture.completedFuture(response);
          }
          LOG.debug("dns: upstream {} failed for {}: {}", upstreams.get(i), query.getQuestion(), failure.toString());
          return attempt(query, i + 1);
        }).thenCompose(next -> next);
  }

  static Message serverFailure(Message query) {
    Message response = new Message(query.getHeader().getID());
    response.getHeader().setFlag(Flags.QR);
    if (query.getHeader().getFlag(Flags.RD)) {
      response.getHeader().setFlag(Flags.RD);
    }
    response.getHeader().setRcode(Rcode.SERVFAIL);
    if (query.getQuestion() != null) {
      response.addRecord(query.getQuestion(), Section.QUESTION);
    }
    return response;
  }

  @Override
  public void close() {
    completions.shutdownNow();
  }
}
