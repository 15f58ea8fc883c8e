package io.capstan.plugins.admission.cluster;

import io.capstan.runtime.client.informer.DefaultInformerFactory;
import io.capstan.runtime.clock.DeterministicExecutor;
import io.capstan.runtime.clock.VirtualClock;
import io.capstan.spi.client.ApiClient;
import io.capstan.spi.client.InformerFactory;
import io.capstan.spi.client.ResourceClient;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.lang.reflect.Proxy;
import java.time.Instant;

/** Host services for the plugin kit's wiring checks, where nothing reads the cluster. */
public final class WiringOnly {

  private WiringOnly() {}

  /** Hands out resource clients that fail on use. */
  public static final ApiClient CLIENT = new ApiClient() {
    @Override
    @SuppressWarnings("unchecked")
    public <T extends HasMetadata> ResourceClient<T> resources(Class<T> type) {
      return (ResourceClient<T>) Proxy.newProxyInstance(WiringOnly.class.getClassLoader(), new Class<?>[] {ResourceClient.class},
          (proxy, method, args) -> {
            throw new UnsupportedOperationException("not used while wiring");
          });
    }
  };

  /** An informer factory that is never started: plugins may ask it for informers in start(). */
  public static InformerFactory informers() {
    VirtualClock clock = new VirtualClock(Instant.EPOCH);
    return new DefaultInformerFactory(CLIENT, new DeterministicExecutor(clock, 1), clock);
  }
}
