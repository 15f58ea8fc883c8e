package io.capstan.runtime.apiserver.resource;

import static java.util.Objects.requireNonNull;

import io.capstan.runtime.apiserver.admission.AdmissionChain;
import io.capstan.runtime.apiserver.storage.ObjectStorage;
import io.capstan.runtime.apiserver.watch.WatchCaches;
import io.capstan.spi.api.KindRegistry;

/**
 * Everything the API offers on resources, in-process: what the HTTP layer serves and what
 * in-process clients call without HTTP or JSON.
 */
public record ResourceApi(ServedKinds served, ResourceReads reads, ResourceWrites writes, Deleter deleter,
    Subresources subresources, ObjectStrategy strategy, WatchCaches caches) {

  public ResourceApi {
    requireNonNull(served, "served");
    requireNonNull(reads, "reads");
    requireNonNull(writes, "writes");
    requireNonNull(deleter, "deleter");
    requireNonNull(subresources, "subresources");
    requireNonNull(strategy, "strategy");
    requireNonNull(caches, "caches");
  }

  /** The kinds served now (CRDs come and go); an immutable snapshot. */
  public KindRegistry kinds() {
    return served.current();
  }

  /** Wires the parts over one storage, serving a fixed set of kinds. */
  public static ResourceApi create(KindRegistry kinds, ObjectStorage storage, WatchCaches caches, AdmissionChain admission,
      ObjectStrategy strategy) {
    return create(new ServedKinds(kinds), storage, caches, admission, strategy);
  }

  /** Wires the parts over one storage. */
  public static ResourceApi create(ServedKinds kinds, ObjectStorage storage, WatchCaches caches, AdmissionChain admission,
      ObjectStrategy strategy) {
    return create(kinds, storage, caches, admission, strategy, WriteHooks.NONE);
  }

  /** Wires the parts over one storage, with kind-specific write hooks (service allocation). */
  public static ResourceApi create(ServedKinds kinds, ObjectStorage storage, WatchCaches caches, AdmissionChain admission,
      ObjectStrategy strategy, WriteHooks hooks) {
    ResourceReads reads = new ResourceReads(storage, caches);
    Deleter deleter = new Deleter(storage, admission, strategy);
    ResourceWrites writes = new ResourceWrites(storage, admission, strategy, deleter, hooks);
    Subresources subresources = new Subresources(kinds, reads, writes, deleter, strategy);
    return new ResourceApi(kinds, reads, writes, deleter, subresources, strategy, caches);
  }
}
