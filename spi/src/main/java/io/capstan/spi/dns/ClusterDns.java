package io.capstan.spi.dns;

import io.capstan.spi.plugin.Lifecycle;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * Answers DNS queries for the cluster's Services, as CoreDNS's {@code kubernetes} plugin does
 * ({@code <svc>.<ns>.svc.<zone>} A/AAAA, SRV for named ports, CNAME for ExternalName, records per
 * ready endpoint of a headless Service; see the {@code cluster-dns} plugin's README for the exact
 * table).
 *
 * <p><b>How it is driven.</b> The {@code dns} host watches Services and Endpoints through shared
 * informers. After {@link #start()} it calls {@link #listen(DnsSettings)} once, then, for every
 * change of a Service or of its Endpoints, {@link #update(DnsService)} with the Service's complete
 * DNS view (or {@link #remove} when the Service is gone). The plugin keeps an index by name and
 * answers from it; it never talks to the API itself and never scans all Services per query.
 *
 * <p><b>Threading and blocking.</b> {@code update} and {@code remove} come from informer dispatch
 * threads, one call at a time (the host serialises them), and must return quickly: update the
 * index, nothing else. Queries are answered on the plugin's own resources, concurrently with
 * updates; an answer reflects either the old or the new state of a Service, never a mixture.
 *
 * <p><b>Errors.</b> {@code listen} throws when the address cannot be bound (taken, or a port below
 * 1024 without root); the host stops start-up with that message.
 */
public interface ClusterDns extends Lifecycle {

  /**
   * Opens the UDP and TCP listeners on {@code settings}' address and answers for
   * {@code settings.zone()} from then on. Called once, after {@link #start()}.
   *
   * @return the addresses listened on (UDP and TCP share them); a configured port 0 is resolved
   */
  List<InetSocketAddress> listen(DnsSettings settings) throws IOException;

  /** Adds a Service or replaces everything known about it. */
  void update(DnsService service);

  /** Forgets a Service; unknown names are ignored. */
  void remove(String namespace, String name);

  /** Where the server listens now; empty before {@link #listen} and after {@link #close()}. */
  List<InetSocketAddress> addresses();
}
