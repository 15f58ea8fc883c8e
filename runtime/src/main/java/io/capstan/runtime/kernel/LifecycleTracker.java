package io.capstan.runtime.kernel;

import com.google.inject.spi.ProvisionListener;
import io.capstan.spi.plugin.Lifecycle;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Records every {@link Lifecycle} service in the order Guice finishes constructing it.
 * Guice constructs a service's dependencies before the service itself, so this order is a valid
 * dependency order: start in it, stop in reverse.
 */
final class LifecycleTracker implements ProvisionListener {

  private final List<Lifecycle> order = new ArrayList<>();
  private final Set<Lifecycle> seen = Collections.newSetFromMap(new IdentityHashMap<>());

  @Override
  public synchronized <T> void onProvision(ProvisionInvocation<T> provision) {
    T instance = provision.provision();
    // Scope is not checked: a plugin's `bind(S).to(Impl).in(Singleton)` provisions through Impl's
    // unscoped constructor binding. Lifecycle services are singletons by contract; identity dedup
    // keeps each instance once.
    if (instance instanceof Lifecycle lifecycle && seen.add(lifecycle)) {
      order.add(lifecycle);
    }
  }

  /** The services in dependency order (dependencies first). */
  synchronized List<Lifecycle> inStartOrder() {
    return List.copyOf(order);
  }
}
