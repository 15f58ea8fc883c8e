package io.capstan.runtime.client.informer;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.client.ApiClient;
import io.capstan.spi.client.InformerFactory;
import io.capstan.spi.client.SharedInformer;
import io.capstan.spi.clock.Clock;
import io.capstan.spi.clock.TaskExecutor;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runtime's {@link InformerFactory}: one {@link DefaultSharedInformer} per kind, created on first
 * request, all with the same {@link InformerOptions}, as client-go's {@code sharedInformerFactory}.
 * Informers requested after {@link #start()} start at once. {@link #stop()} is final, like closing
 * client-go's stop channel: a stopped factory neither starts again nor starts new informers.
 *
 * <p>Thread-safe; no method blocks (starting only schedules work on the executor).
 */
public final class DefaultInformerFactory implements InformerFactory {

  private static final Logger LOG = LoggerFactory.getLogger(DefaultInformerFactory.class);

  private final ApiClient client;
  private final TaskExecutor executor;
  private final Clock clock;
  private final InformerOptions options;
  // guarded by this; insertion order, so start() and logs follow the order of requests
  // keyed by class, or by "group/version/plural" for kinds held as GenericKubernetesResource
  private final Map<Object, DefaultSharedInformer<?>> informers = new LinkedHashMap<>();
  private boolean started; // guarded by this
  private boolean stopped; // guarded by this

  /** A factory whose informers use {@link InformerOptions#defaults()} (no resync). */
  public DefaultInformerFactory(ApiClient client, TaskExecutor executor, Clock clock) {
    this(client, executor, clock, InformerOptions.defaults());
  }

  /**
   * @param client where informers list and watch: the in-process or the HTTP client
   * @param executor runs all informer work; must measure delays on {@code clock}
   */
  public DefaultInformerFactory(ApiClient client, TaskExecutor executor, Clock clock,
      InformerOptions options) {
    this.client = requireNonNull(client, "client");
    this.executor = requireNonNull(executor, "executor");
    this.clock = requireNonNull(clock, "clock");
    this.options = requireNonNull(options, "options");
  }

  @Override
  public <T extends HasMetadata> SharedInformer<T> sharedInformer(Class<T> type) {
    return informer(type);
  }

  /**
   * The informer of a kind as the concrete class, for hosts that wait on {@link
   * DefaultSharedInformer#synced()}.
   */
  public synchronized <T extends HasMetadata> DefaultSharedInformer<T> informer(Class<T> type) {
    requireNonNull(type, "type");
    return create(type, type, () -> client.resources(type));
  }

  /**
   * The informer of a kind; for kinds held as {@code GenericKubernetesResource} (custom resources,
   * which share that class) one informer per group, version and resource, listing and watching
   * through {@link ApiClient#resources(io.capstan.spi.api.ResourceKind)}.
   */
  @Override
  @SuppressWarnings("unchecked") // a GenericKubernetesResource kind's client holds GenericKubernetesResource
  public synchronized SharedInformer<? extends HasMetadata> sharedInformer(io.capstan.spi.api.ResourceKind kind) {
    requireNonNull(kind, "kind");
    if (kind.javaType() != GenericKubernetesResource.class) {
      return informer(kind.javaType());
    }
    return create(key(kind), GenericKubernetesResource.class,
        () -> (io.capstan.spi.client.ResourceClient<GenericKubernetesResource>) client.resources(kind));
  }

  @Override
  public synchronized void release(io.capstan.spi.api.ResourceKind kind) {
    if (kind.javaType() == GenericKubernetesResource.class) {
      DefaultSharedInformer<?> informer = informers.remove(key(kind));
      if (informer != null) {
        informer.stop();
      }
    }
  }

  private static String key(io.capstan.spi.api.ResourceKind kind) {
    return kind.group() + "/" + kind.version() + "/" + kind.plural();
  }

  @SuppressWarnings("unchecked") // the map only ever holds DefaultSharedInformer<T> under a key of T
  private <T extends HasMetadata> DefaultSharedInformer<T> create(Object key, Class<T> type,
      java.util.function.Supplier<io.capstan.spi.client.ResourceClient<T>> resources) {
    DefaultSharedInformer<T> informer = (DefaultSharedInformer<T>) informers.get(key);
    if (informer == null) {
      informer = new DefaultSharedInformer<>(type, resources.get(), executor, clock, options);
      informers.put(key, informer);
      if (started && !stopped) {
        informer.start();
      } else if (stopped) {
        LOG.warn("{} informer requested from a stopped informer factory; it will stay empty",
            type.getSimpleName());
      }
    }
    return informer;
  }

  /**
   * @throws IllegalStateException after {@link #stop()}
   */
  @Override
  public synchronized void start() {
    if (stopped) {
      throw new IllegalStateException(
          "the informer factory was stopped and cannot start again; create a new one");
    }
    if (started) {
      return;
    }
    started = true;
    informers.values().forEach(DefaultSharedInformer::start);
  }

  @Override
  public synchronized void stop() {
    if (stopped) {
      return;
    }
    stopped = true;
    informers.values().forEach(DefaultSharedInformer::stop);
  }

  @Override
  public synchronized boolean hasSynced() {
    return informers.values().stream().allMatch(DefaultSharedInformer::hasSynced);
  }

  /**
   * Completes when every informer created so far has synced; fails if one is stopped first.
   * Informers created later are not waited for: call again after creating them.
   */
  public synchronized CompletableFuture<Void> synced() {
    List<CompletableFuture<Void>> all = new ArrayList<>();
    informers.values().forEach(informer -> all.add(informer.synced()));
    return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new));
  }

  @Override
  @SuppressWarnings("unchecked") // keys are Class<T extends HasMetadata>, checked on the way in
  public synchronized Set<Class<? extends HasMetadata>> types() {
    Set<Class<? extends HasMetadata>> types = new LinkedHashSet<>();
    informers.keySet().stream().filter(Class.class::isInstance)
        .forEach(type -> types.add((Class<? extends HasMetadata>) type));
    return Set.copyOf(types);
  }
}
