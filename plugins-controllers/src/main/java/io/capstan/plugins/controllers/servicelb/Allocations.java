package io.capstan.plugins.controllers.servicelb;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.api.ObjectKey;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which Service holds which pool address. One lock guards both directions, so no address is ever
 * given to two Services, also when several workers reconcile different Services at once.
 */
final class Allocations {

  private final List<AddressPool> pools;
  private final Map<ObjectKey, String> byService = new HashMap<>();
  private final Map<String, ObjectKey> byAddress = new HashMap<>();

  Allocations(List<AddressPool> pools) {
    this.pools = List.copyOf(requireNonNull(pools, "pools"));
  }

  List<AddressPool> pools() {
    return pools;
  }

  boolean inPools(String ip) {
    return pools.stream().anyMatch(p -> p.contains(ip));
  }

  synchronized Optional<String> of(ObjectKey service) {
    return Optional.ofNullable(byService.get(service));
  }

  synchronized Optional<ObjectKey> holder(String ip) {
    return AddressPool.canonical(ip).map(byAddress::get);
  }

  /**
   * Gives {@code ip} to {@code service} if it is in a pool and free (or already the service's);
   * the service's previous address, if different, is released.
   */
  synchronized boolean claim(ObjectKey service, String ip) {
    Optional<String> canonical = AddressPool.canonical(ip);
    if (canonical.isEmpty() || !inPools(ip)) {
      return false;
    }
    ObjectKey holder = byAddress.get(canonical.get());
    if (holder != null && !holder.equals(service)) {
      return false;
    }
    release(service);
    byService.put(service, canonical.get());
    byAddress.put(canonical.get(), service);
    return true;
  }

  /** Gives {@code service} the lowest free address of the first pool that has one. */
  synchronized Optional<String> allocate(ObjectKey service) {
    Optional<String> held = of(service);
    if (held.isPresent()) {
      return held;
    }
    for (AddressPool pool : pools) {
      Optional<String> free = pool.firstFree(byAddress::containsKey);
      if (free.isPresent()) {
        claim(service, free.get());
        return free;
      }
    }
    return Optional.empty();
  }

  /** Frees the service's address; returns it. */
  synchronized Optional<String> release(ObjectKey service) {
    String ip = byService.remove(service);
    if (ip != null) {
      byAddress.remove(ip);
    }
    return Optional.ofNullable(ip);
  }

  /** How many addresses are held. */
  synchronized int size() {
    return byService.size();
  }
}
