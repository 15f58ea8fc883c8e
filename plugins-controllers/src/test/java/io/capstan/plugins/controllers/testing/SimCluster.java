package io.capstan.plugins.controllers.testing;

import static java.util.Objects.requireNonNull;

import io.capstan.plugins.store.memory.MemoryStore;
import io.capstan.plugins.store.memory.MemoryStoreConfig;
import io.capstan.runtime.apiserver.admission.AdmissionChain;
import io.capstan.runtime.apiserver.admission.ObjectValidator;
import io.capstan.runtime.apiserver.resource.NameGenerator;
import io.capstan.runtime.apiserver.resource.ObjectStrategy;
import io.capstan.runtime.apiserver.resource.ResourceApi;
import io.capstan.runtime.apiserver.storage.ObjectCodec;
import io.capstan.runtime.apiserver.storage.ObjectStorage;
import io.capstan.runtime.apiserver.watch.WatchCaches;
import io.capstan.runtime.client.informer.DefaultInformerFactory;
import io.capstan.runtime.client.inprocess.InProcessApiClient;
import io.capstan.runtime.clock.DeterministicExecutor;
import io.capstan.runtime.clock.VirtualClock;
import io.capstan.spi.api.KindRegistry;
import io.capstan.spi.api.ResourceKind;
import io.capstan.spi.auth.UserInfo;
import io.capstan.spi.client.ApiClient;
import io.capstan.spi.client.ListOptions;
import io.capstan.spi.client.ResourceClient;
import io.capstan.spi.controller.Controller;
import io.capstan.spi.controller.EventType;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A whole API server in one JVM on the {@code memory} store, with every task (store watch
 * fan-out, watch caches, informers, controller keys) on one {@link DeterministicExecutor} over a
 * {@link VirtualClock}: {@link #settle()} runs until nothing is left to do now, {@link #advance}
 * moves simulated time. No sleeps, no waits, fully reproducible. Controllers run in a minimal
 * host ({@link DirectHost}) that honours their {@code setup} and {@code Result}s.
 */
public final class SimCluster implements AutoCloseable {

  public static final Instant EPOCH = Instant.parse("2026-01-05T00:00:00Z");

  /** An event a controller recorded. */
  public record RecordedEvent(String kind, String namespace, String name, EventType type, String reason,
      String message) {}

  private final VirtualClock clock;
  private final DeterministicExecutor executor;
  private final MemoryStore store;
  private final WatchCaches caches;
  private final ResourceApi api;
  private final ApiClient client;
  private final DefaultInformerFactory informers;
  private final List<RecordedEvent> events = new CopyOnWriteArrayList<>();
  private final List<DirectHost> hosts = new ArrayList<>();

  private SimCluster(Instant epoch, List<ResourceKind> extraKinds) throws Exception {
    clock = new VirtualClock(epoch);
    executor = new DeterministicExecutor(clock, 1);
    store = new MemoryStore(new MemoryStoreConfig(null, Duration.ofMinutes(5), null, null), clock, executor);
    store.start();
    ObjectCodec codec = new ObjectCodec();
    caches = new WatchCaches(store, codec, 10_000, executor, Duration.ofMinutes(5));
    List<ResourceKind> kinds = new ArrayList<>(KindRegistry.builtIn().all());
    kinds.addAll(extraKinds);
    api = ResourceApi.create(KindRegistry.of(kinds), new ObjectStorage(store, codec), caches,
        new AdmissionChain(List.of(), ObjectValidator.NONE),
        new ObjectStrategy(clock::now, () -> UUID.randomUUID().toString(), new NameGenerator(new Random(7))));
    api.kinds().all().forEach(caches::of);
    client = new InProcessApiClient(api, UserInfo.of("system:capstan", UserInfo.GROUP_MASTERS), executor, Optional.empty());
    informers = new DefaultInformerFactory(client, executor, clock);
    for (String ns : List.of("default", "kube-system")) {
      client.resources(io.fabric8.kubernetes.api.model.Namespace.class)
          .create(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build());
    }
  }

  /** A cluster running {@code controllers}, settled. */
  public static SimCluster start(Controller... controllers) throws Exception {
    return start(List.of(), controllers);
  }

  /** A cluster that also serves {@code extraKinds}, running {@code controllers}, settled. */
  public static SimCluster start(List<ResourceKind> extraKinds, Controller... controllers) throws Exception {
    SimCluster cluster = new SimCluster(EPOCH, extraKinds);
    for (Controller controller : controllers) {
      cluster.hosts.add(new DirectHost(controller, cluster));
    }
    cluster.informers.start();
    cluster.settle();
    return cluster;
  }

  /** Starts one more controller now (as after an outage of the controller manager) and settles. */
  public void run(Controller controller) {
    hosts.add(new DirectHost(controller, this));
    settle();
  }

  /**
   * Stops every running controller and starts {@code fresh} in their place, as a controller manager
   * restart does (in-memory state such as expectations is lost); the shared caches stay.
   */
  public void restart(Controller... fresh) {
    hosts.forEach(DirectHost::stop);
    for (Controller controller : fresh) {
      hosts.add(new DirectHost(controller, this));
    }
    settle();
  }

  public ApiClient client() {
    return client;
  }

  public VirtualClock clock() {
    return clock;
  }

  DeterministicExecutor executor() {
    return executor;
  }

  DefaultInformerFactory informers() {
    return informers;
  }

  void record(RecordedEvent event) {
    events.add(event);
  }

  /** Every event recorded so far by any controller. */
  public List<RecordedEvent> events() {
    return List.copyOf(events);
  }

  /** Runs everything due now, including what that work causes, until nothing is left. */
  public void settle() {
    executor.runUntilIdle();
  }

  /** Moves simulated time forward, running everything due on the way. */
  public void advance(Duration duration) {
    executor.advance(duration);
  }

  public <T extends HasMetadata> ResourceClient<T> resources(Class<T> type) {
    return client.resources(requireNonNull(type, "type"));
  }

  /** Creates the object and settles. */
  public <T extends HasMetadata> T create(T object) {
    @SuppressWarnings("unchecked")
    T created = (T) resources((Class<T>) object.getClass()).create(object);
    settle();
    return created;
  }

  public <T extends HasMetadata> Optional<T> get(Class<T> type, String namespace, String name) {
    return resources(type).get(namespace, name);
  }

  public <T extends HasMetadata> T require(Class<T> type, String namespace, String name) {
    return get(type, namespace, name).orElseThrow(() -> new AssertionError(type.getSimpleName() + " " + namespace + "/" + name + " not found"));
  }

  public <T extends HasMetadata> List<T> list(Class<T> type, String namespace) {
    return resources(type).list(ListOptions.inNamespace(namespace)).items();
  }

  /**
   * Writes a pod's status as its node agent would: the phase, the Ready condition, and for a
   * finished pod a terminated container state with the current time; then settles.
   */
  public io.fabric8.kubernetes.api.model.Pod podStatus(String namespace, String name, String phase, boolean ready) {
    ResourceClient<io.fabric8.kubernetes.api.model.Pod> pods = resources(io.fabric8.kubernetes.api.model.Pod.class);
    io.fabric8.kubernetes.api.model.Pod pod = pods.get(namespace, name).orElseThrow(() -> new AssertionError("no pod " + name));
    String now = clock.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    io.fabric8.kubernetes.api.model.PodStatusBuilder status = new io.fabric8.kubernetes.api.model.PodStatusBuilder()
        .withPhase(phase).withPodIP("10.0.0." + (Math.abs(name.hashCode()) % 250 + 1))
        .addNewCondition().withType("Ready").withStatus(ready ? "True" : "False").withLastTransitionTime(now).endCondition();
    boolean terminal = phase.equals("Succeeded") || phase.equals("Failed");
    status.addNewContainerStatus().withName("c").withReady(ready).withImage("busybox")
        .withNewState().withTerminated(terminal ? new io.fabric8.kubernetes.api.model.ContainerStateTerminatedBuilder()
            .withExitCode(phase.equals("Succeeded") ? 0 : 1).withFinishedAt(now).build() : null).endState().endContainerStatus();
    pod.setStatus(status.build());
    io.fabric8.kubernetes.api.model.Pod written = pods.updateStatus(pod);
    settle();
    return written;
  }

  /** The number of reconciles run so far by every controller. */
  public int reconciles() {
    return hosts.stream().mapToInt(DirectHost::reconciles).sum();
  }

  /** The number of reconciles that ended in an error (conflicts excluded). */
  public int errors() {
    return hosts.stream().mapToInt(DirectHost::errors).sum();
  }

  @Override
  public void close() {
    informers.stop();
    caches.close();
    store.close();
    executor.close();
  }
}
