package io.capstan.plugins.admission.informed;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.client.ApiClient;
import io.capstan.spi.client.InformerFactory;
import io.capstan.spi.client.SharedInformer;
import io.fabric8.kubernetes.api.model.HasMetadata;
import jakarta.inject.Provider;
import java.util.Optional;

/**
 * Reads of one kind for admission and authentication plugins, as Kubernetes' plugins read through
 * their listers: from the API server's shared informer once it has synced, and live through the
 * client when the cache does not have the object (it may have been created a moment ago and not
 * have reached the informer yet) or before the informer is attached and synced. A hit costs a map
 * lookup instead of a storage read and a JSON decode on every request.
 *
 * <p>Objects from the cache are shared with every other reader: callers must not modify them.
 * A cached object can lag the store by the informer's delivery delay (milliseconds), the same
 * staleness Kubernetes' admission plugins accept.
 */
public final class InformedReads<T extends HasMetadata> {

  private final Class<T> type;
  private final Provider<ApiClient> client;
  private volatile SharedInformer<T> informer;

  public InformedReads(Class<T> type, Provider<ApiClient> client) {
    this.type = requireNonNull(type, "type");
    this.client = requireNonNull(client, "client");
  }

  /** Reads from {@code factory}'s informer of the kind from now on (the host starts the factory). */
  public void attach(InformerFactory factory) {
    informer = requireNonNull(factory, "factory").sharedInformer(type);
  }

  /** The object, from the synced cache when it is there, else read live. */
  public Optional<T> get(String namespace, String name) {
    SharedInformer<T> cache = informer;
    if (cache != null && cache.hasSynced()) {
      Optional<T> cached = cache.lister().get(namespace, name);
      if (cached.isPresent()) {
        return cached;
      }
    }
    return live(namespace, name);
  }

  /** The object read live through the client, bypassing the cache. */
  public Optional<T> live(String namespace, String name) {
    return client.get().resources(type).get(namespace, name);
  }
}
