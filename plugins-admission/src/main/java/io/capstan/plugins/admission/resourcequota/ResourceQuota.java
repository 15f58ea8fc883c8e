package io.capstan.plugins.admission.resourcequota;

import static java.util.Objects.requireNonNull;

import io.capstan.plugins.admission.informed.InformedLists;
import io.capstan.spi.admission.AdmissionException;
import io.capstan.spi.admission.AdmissionOperation;
import io.capstan.spi.admission.AdmissionRequest;
import io.capstan.spi.admission.ValidatingAdmissionPlugin;
import io.capstan.spi.api.CanonicalQuantity;
import io.capstan.spi.api.QuotaScopes;
import io.capstan.spi.api.QuotaUsage;
import io.capstan.spi.client.ApiClient;
import io.capstan.spi.client.ConflictException;
import io.capstan.spi.client.InformerFactory;
import io.capstan.spi.client.ListOptions;
import io.capstan.spi.clock.Clock;
import io.capstan.spi.plugin.Lifecycle;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kubernetes' ResourceQuota admission plugin. On every create in a namespace that has
 * ResourceQuotas it computes what the object uses ({@link QuotaUsage}), refuses it (403,
 * {@code exceeded quota: NAME, requested: pods=1, used: pods=10, limited: pods=10}) when a quota
 * would be exceeded, and otherwise charges the quotas <em>before</em> the object is stored, by
 * writing their {@code status.used} with compare-and-swap on the quota's resourceVersion. A lost
 * race re-reads the quotas and decides again, so concurrent creates can never together exceed a
 * quota, even across API servers sharing a store. Creates in one namespace are also serialised
 * within this process (a lock stripe per namespace) so they do not spin on conflicts.
 *
 * <p>Updates are charged for what they add (a claim resized, a service turned into a load
 * balancer); an update that retries inside the store's compare-and-swap loop may be charged twice,
 * which the controller's recount corrects. Usage is released by the {@code resourcequota}
 * controller, which recomputes it from the
 * cluster on deletes, as in Kubernetes. A create refused by a later step after being charged is
 * corrected the same way. Dry runs are checked but not charged.
 */
public final class ResourceQuota implements ValidatingAdmissionPlugin, Lifecycle {

  public static final String NAME = "ResourceQuota";

  private static final Logger log = LoggerFactory.getLogger(ResourceQuota.class);
  private static final int MAX_ATTEMPTS = 30;
  private static final int STRIPES = 64;

  private final Provider<ApiClient> client;
  private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];
  /** Whether a namespace has quotas at all: the informer, else a live list remembered 30 s (Kubernetes' quotaAccessor). */
  private final InformedLists<io.fabric8.kubernetes.api.model.ResourceQuota> quotas;
  private final Optional<Provider<InformerFactory>> informers;

  @Inject
  public ResourceQuota(Provider<ApiClient> client, Provider<InformerFactory> informers, Clock clock) {
    this(client, Optional.of(informers), clock::nanoTime);
  }

  /** Listing quotas live on every request, without an informer. */
  public ResourceQuota(Provider<ApiClient> client) {
    this(client, Optional.empty(), System::nanoTime);
  }

  private ResourceQuota(Provider<ApiClient> client, Optional<Provider<InformerFactory>> informers,
      java.util.function.LongSupplier nanoTime) {
    this.client = requireNonNull(client, "client");
    this.quotas = new InformedLists<>(io.fabric8.kubernetes.api.model.ResourceQuota.class, client, nanoTime);
    this.informers = informers;
    for (int i = 0; i < STRIPES; i++) {
      stripes[i] = new ReentrantLock();
    }
  }

  @Override
  public void start() {
    informers.ifPresent(factory -> quotas.attach(factory.get())); // the host starts the informers
  }

  @Override
  public void close() {
    // the informers are the host's
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean handles(AdmissionOperation operation) {
    return operation == AdmissionOperation.CREATE || operation == AdmissionOperation.UPDATE;
  }

  @Override
  public void validate(AdmissionRequest request) {
    if (request.namespace().isEmpty() || !request.subresource().isEmpty()) {
      return;
    }
    if (quotas.list(request.namespace()).isEmpty()) {
      return; // the common case: no quota, nothing to compute, no lock (the charge below reads the quotas live)
    }
    HasMetadata object = request.requireObject();
    Map<String, CanonicalQuantity> delta = delta(request, object);
    if (delta.isEmpty()) {
      return;
    }
    Map<String, Set<String>> containers = object instanceof Pod pod ? statedByContainer(pod) : Map.of();
    ReentrantLock lock = stripes[Math.floorMod(request.namespace().hashCode(), STRIPES)];
    lock.lock();
    try {
      chargeWithRetries(request, object, delta, containers);
    } finally {
      lock.unlock();
    }
  }

  private void chargeWithRetries(AdmissionRequest request, HasMetadata object, Map<String, CanonicalQuantity> delta,
      Map<String, Set<String>> containers) {
    var quotas = client.get().resources(io.fabric8.kubernetes.api.model.ResourceQuota.class);
    Set<String> done = new HashSet<>();
    for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      List<io.fabric8.kubernetes.api.model.ResourceQuota> current = new ArrayList<>(
          quotas.list(ListOptions.inNamespace(request.namespace())).items());
      current.removeIf(q -> done.contains(q.getMetadata().getName()));
      if (current.isEmpty()) {
        return;
      }
      current.sort(Comparator.comparing(q -> q.getMetadata().getName()));
      List<io.fabric8.kubernetes.api.model.ResourceQuota> charged = QuotaCheck.charge(NAME, current, object, delta, containers,
          (quota, keys) -> observed(request, object.getClass(), quota, keys));
      if (request.dryRun()) {
        return;
      }
      boolean conflict = false;
      for (io.fabric8.kubernetes.api.model.ResourceQuota quota : charged) {
        try {
          quotas.updateStatus(quota);
          done.add(quota.getMetadata().getName());
        } catch (ConflictException e) {
          conflict = true;
          break;
        }
      }
      if (!conflict) {
        return;
      }
      log.debug("quota of {}/{} changed while charging {}; attempt {}", request.namespace(), request.resource(), request.name(), attempt);
    }
    throw AdmissionException.forbidden(NAME, "status unknown for quota in namespace " + request.namespace()
        + ": it kept changing during " + MAX_ATTEMPTS + " attempts to charge it; try again");
  }

  /**
   * What the request adds: the object's whole usage on create; on update only what grew (a claim
   * resized, a service turned into a load balancer), as Kubernetes charges updates. Shrinking is
   * released by the controller.
   */
  private static Map<String, CanonicalQuantity> delta(AdmissionRequest request, HasMetadata object) {
    Map<String, CanonicalQuantity> usage = QuotaUsage.of(request.group(), request.resource(), object);
    if (request.operation() != AdmissionOperation.UPDATE || request.oldObject().isEmpty()) {
      return usage;
    }
    Map<String, CanonicalQuantity> before = QuotaUsage.of(request.group(), request.resource(), request.oldObject().get());
    Map<String, CanonicalQuantity> grown = new TreeMap<>();
    usage.forEach((k, v) -> {
      CanonicalQuantity diff = v.subtract(before.getOrDefault(k, CanonicalQuantity.ZERO));
      if (diff.signum() > 0) {
        grown.put(k, diff);
      }
    });
    return grown;
  }

  /** A quota's usage of {@code keys} recomputed from the objects of the requested kind in the namespace. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private Map<String, CanonicalQuantity> observed(AdmissionRequest request, Class<? extends HasMetadata> type,
      io.fabric8.kubernetes.api.model.ResourceQuota quota, Set<String> keys) {
    Map<String, CanonicalQuantity> used = new TreeMap<>();
    keys.forEach(k -> used.put(k, CanonicalQuantity.ZERO));
    List<? extends HasMetadata> items;
    try {
      items = client.get().resources((Class) type).list(ListOptions.inNamespace(request.namespace())).items();
    } catch (IllegalArgumentException unknownKind) {
      log.warn("cannot list {} to compute quota {}/{}: {}", request.resource(), request.namespace(),
          quota.getMetadata().getName(), unknownKind.getMessage());
      return used;
    }
    for (HasMetadata item : items) {
      if (QuotaScopes.matches(quota.getSpec(), item)) {
        QuotaUsage.of(request.group(), request.resource(), item).forEach((k, v) -> used.computeIfPresent(k, (key, sum) -> sum.add(v)));
      }
    }
    return used;
  }

  /** For each container, the quota resource names its requests and limits state (Kubernetes' container constraint). */
  static Map<String, Set<String>> statedByContainer(Pod pod) {
    Map<String, Set<String>> out = new LinkedHashMap<>();
    if (pod.getSpec() == null) {
      return out;
    }
    List<Container> all = new ArrayList<>();
    if (pod.getSpec().getContainers() != null) {
      all.addAll(pod.getSpec().getContainers());
    }
    if (pod.getSpec().getInitContainers() != null) {
      all.addAll(pod.getSpec().getInitContainers());
    }
    for (Container c : all) {
      Set<String> stated = new HashSet<>();
      QuotaUsage.of(c.getResources(), true).keySet().forEach(k -> {
        stated.add(k);
        stated.add("requests." + k);
      });
      QuotaUsage.of(c.getResources(), false).keySet().forEach(k -> stated.add("limits." + k));
      out.put(c.getName() == null ? "" : c.getName(), stated);
    }
    return out;
  }
}
