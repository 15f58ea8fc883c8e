package io.capstan.plugins.admission.informed;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.client.ApiClient;
import io.capstan.spi.client.InformerFactory;
import io.capstan.spi.client.ListOptions;
import io.capstan.spi.client.SharedInformer;
import io.fabric8.kubernetes.api.model.HasMetadata;
import jakarta.inject.Provider;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The objects of one kind in a namespace, for admission plugins, read as Kubernetes' LimitRanger
 * and ResourceQuota read them: from the API server's synced shared informer; when it holds none,
 * from a live list that is remembered for {@link #LIVE_TTL} per namespace (their
 * {@code liveLookupCache}), so a namespace without LimitRanges or quotas — the common case — costs
 * a map lookup per request instead of a storage list. An object created a moment ago is seen once
 * the informer has it (milliseconds), the staleness Kubernetes accepts. Without an informer every
 * call lists live. Returned objects may be shared: callers must not modify them.
 */
public final class InformedLists<T extends HasMetadata> {

  /** Kubernetes' {@code liveTTL} of LimitRanger's and ResourceQuota's live lookups. */
  public static final Duration LIVE_TTL = Duration.ofSeconds(30);
  private static final int MAX_REMEMBERED = 10_000;

  private record Live<T>(long untilNanos, List<T> items) {}

  private final Class<T> type;
  private final Provider<ApiClient> client;
  private final LongSupplier nanoTime;
  private final Map<String, Live<T>> remembered = new ConcurrentHashMap<>();
  private volatile SharedInformer<T> informer;

  /** @param nanoTime the injected clock's {@code nanoTime}, which times the remembered live lists */
  public InformedLists(Class<T> type, Provider<ApiClient> client, LongSupplier nanoTime) {
    this.type = requireNonNull(type, "type");
    this.client = requireNonNull(client, "client");
    this.nanoTime = requireNonNull(nanoTime, "nanoTime");
  }

  /** Reads from {@code factory}'s informer of the kind from now on (the host starts the factory). */
  public void attach(InformerFactory factory) {
    informer = requireNonNull(factory, "factory").sharedInformer(type);
  }

  /** The namespace's objects (cached, else remembered from a recent live list, else listed live). */
  public List<T> list(String namespace) {
    SharedInformer<T> cache = informer;
    if (cache == null || !cache.hasSynced()) {
      return live(namespace);
    }
    List<T> cached = cache.lister().list(namespace);
    if (!cached.isEmpty()) {
      return cached;
    }
    long now = nanoTime.getAsLong();
    Live<T> hit = remembered.get(namespace);
    if (hit != null && now < hit.untilNanos()) {
      return hit.items();
    }
    List<T> items = live(namespace);
    if (remembered.size() >= MAX_REMEMBERED) {
      remembered.clear();
    }
    remembered.put(namespace, new Live<>(now + LIVE_TTL.toNanos(), items));
    return items;
  }

  /** The namespace's objects listed live through the client. */
  public List<T> live(String namespace) {
    return List.copyOf(client.get().resources(type).list(ListOptions.inNamespace(namespace)).items());
  }
}
