package io.capstan.runtime.dns;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.client.InformerFactory;
import io.capstan.spi.client.ResourceEventHandler;
import io.capstan.spi.client.SharedInformer;
import io.capstan.spi.dns.ClusterDns;
import io.capstan.spi.dns.DnsService;
import io.capstan.spi.dns.DnsSettings;
import io.capstan.spi.plugin.Lifecycle;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code dns} component: opens the selected {@link ClusterDns} on {@code dns.bind}:{@code dns.port}
 * and keeps it current from the process's Service and Endpoints informers. Every event of either
 * kind republishes exactly that one Service (read from both caches by key, never a scan), so
 * the plugin's index follows the cluster without polling; updates are serialised so that the last
 * one applied always reflects both caches.
 */
public final class DnsHost implements Lifecycle {

  private static final Logger LOG = LoggerFactory.getLogger(DnsHost.class);

  private final ClusterDns dns;
  private final DnsSettings settings;
  private final SharedInformer<Service> services;
  private final SharedInformer<Endpoints> endpoints;
  private final Trigger<Service> serviceTrigger = new Trigger<>();
  private final Trigger<Endpoints> endpointsTrigger = new Trigger<>();
  private final AtomicLong published = new AtomicLong();
  private volatile List<InetSocketAddress> addresses = List.of();

  public DnsHost(InformerFactory informers, ClusterDns dns, DnsSettings settings) {
    this.dns = requireNonNull(dns, "dns");
    this.settings = requireNonNull(settings, "settings");
    this.services = requireNonNull(informers, "informers").sharedInformer(Service.class);
    this.endpoints = informers.sharedInformer(Endpoints.class);
  }

  @Override
  public void start() throws Exception {
    addresses = dns.listen(settings);
    services.addEventHandler(serviceTrigger);
    endpoints.addEventHandler(endpointsTrigger);
    LOG.info("dns: cluster DNS for {} at {}", settings.zone(), addresses);
  }

  /** Where the DNS answers (UDP and TCP). */
  public List<InetSocketAddress> addresses() {
    return addresses;
  }

  public DnsSettings settings() {
    return settings;
  }

  /** How many Service publications (updates and removals) reached the plugin. */
  public long publishedCount() {
    return published.get();
  }

  private synchronized void publish(String namespace, String name) {
    Optional<DnsService> view = services.lister().get(namespace, name)
        .flatMap(s -> DnsServiceBuilder.build(s, endpoints.lister().get(namespace, name)));
    if (view.isPresent()) {
      dns.update(view.get());
    } else {
      dns.remove(namespace, name);
    }
    published.incrementAndGet();
  }

  @Override
  public void close() {
    services.removeEventHandler(serviceTrigger);
    endpoints.removeEventHandler(endpointsTrigger);
  }

  /** A change of a Service or of its Endpoints (same namespace and name) republishes that Service. */
  private final class Trigger<T extends HasMetadata> implements ResourceEventHandler<T> {
    private void fire(T object) {
      publish(object.getMetadata().getNamespace(), object.getMetadata().getName());
    }

    @Override
    public void onAdd(T object) {
      fire(object);
    }

    @Override
    public void onUpdate(T oldObject, T newObject) {
      if (oldObject != newObject) {
        fire(newObject);
      }
    }

    @Override
    public void onDelete(T lastKnown, boolean finalStateUnknown) {
      fire(lastKnown);
    }
  }
}
