package io.capstan.runtime.scheduler;

import static java.util.Objects.requireNonNull;

import io.capstan.runtime.scheduler.cache.SchedulerCache;
import io.capstan.runtime.scheduler.cache.Snapshot;
import io.capstan.runtime.scheduler.explain.ExplainRecord;
import io.capstan.runtime.scheduler.framework.FitError;
import io.capstan.runtime.scheduler.framework.Framework;
import io.capstan.runtime.scheduler.queue.QueuedPod;
import io.capstan.runtime.scheduler.queue.SchedulingQueue;
import io.capstan.spi.client.ApiClient;
import io.capstan.spi.client.InformerFactory;
import io.capstan.spi.clock.Cancellable;
import io.capstan.spi.clock.Clock;
import io.capstan.spi.clock.TaskExecutor;
import io.capstan.spi.plugin.Lifecycle;
import io.capstan.spi.scheduler.CycleState;
import io.capstan.spi.scheduler.PostFilterResult;
import io.capstan.spi.scheduler.Status;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduler component: informers feed the cache and the queue; a scheduling task on the
 * injected executor pops pods one at a time and runs the scheduling cycle of the pod's profile
 * (chosen by {@code spec.schedulerName}; pods of unknown names are left alone); each binding cycle
 * runs as its own task while the next pod is scheduled. With the deterministic executor and a fixed
 * seed, the same inputs give the same decisions.
 */
public final class Scheduler implements Lifecycle {

  private static final Logger log = LoggerFactory.getLogger(Scheduler.class);

  /** Told about every pod bound, with the time from its first entry into the queue. */
  public interface BindListener {
    void bound(Pod pod, String node, Duration queueToBound);
  }

  private final Map<String, Framework> profiles;
  private final ApiClient client;
  private final InformerFactory informers;
  private final boolean ownsInformers;
  private final Clock clock;
  private final TaskExecutor executor;
  private final SchedulerOptions options;
  private final SchedulerCache cache;
  private final SchedulingQueue queue;
  private final SchedulingCycle cycle;
  private final SchedulerReporter reporter;
  private final SchedulerHostServices host;
  private final java.util.concurrent.Executor binding;
  private final java.util.Optional<java.util.concurrent.ExecutorService> bindingPool;
  private final AtomicBoolean pumping = new AtomicBoolean();
  private final List<BindListener> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final List<Cancellable> timers = new ArrayList<>();
  private volatile boolean running;

  /**
   * @param profiles the frameworks by schedulerName; all must share one QueueSort plugin
   * @param ownsInformers whether {@link #start()} / {@link #close()} start and stop the factory
   */
  public Scheduler(List<Framework> profiles, ApiClient client, InformerFactory informers, boolean ownsInformers,
      Clock clock, TaskExecutor executor, SchedulerOptions options, SchedulingQueue.Settings queueSettings,
      SchedulerCache cache, Snapshot snapshot) {
    if (profiles.isEmpty()) {
      throw new IllegalArgumentException("a scheduler needs at least one profile");
    }
    Map<String, Framework> byName = new LinkedHashMap<>();
    profiles.forEach(f -> byName.put(f.profileName(), f));
    this.profiles = Map.copyOf(byName);
    this.client = requireNonNull(client, "client");
    this.informers = requireNonNull(informers, "informers");
    this.ownsInformers = ownsInformers;
    this.clock = requireNonNull(clock, "clock");
    this.executor = requireNonNull(executor, "executor");
    this.options = requireNonNull(options, "options");
    this.cache = requireNonNull(cache, "cache");
    this.cycle = new SchedulingCycle(cache, snapshot, options.seed(),
        options.batching() ? Optional.of(clock) : Optional.empty());
    Function<Pod, Optional<Framework>> lookup = this::profileFor;
    this.queue = new SchedulingQueue(profiles.get(0).queueSort().comparator(), lookup, clock, executor, queueSettings,
        this::kick);
    if (options.bindThreads() > 0 && !(executor instanceof io.capstan.runtime.clock.DeterministicExecutor)) {
      AtomicInteger n = new AtomicInteger();
      java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(options.bindThreads(), r -> {
        Thread t = new Thread(r, "capstan-scheduler-bind-" + n.incrementAndGet());
        t.setDaemon(true);
        return t;
      });
      this.bindingPool = java.util.Optional.of(pool);
      this.binding = pool;
    } else {
      this.bindingPool = java.util.Optional.empty();
      this.binding = executor;
    }
    this.reporter = new SchedulerReporter(client, clock, binding, options.events());
    this.host = new SchedulerHostServices(client, informers, queue.nominator(), clock, reporter);
    profiles.forEach(f -> f.handle().attachHost(host));
  }

  public Optional<Framework> profileFor(Pod pod) {
    String name = pod.getSpec() == null || pod.getSpec().getSchedulerName() == null
        ? "default-scheduler" : pod.getSpec().getSchedulerName();
    return Optional.ofNullable(profiles.get(name));
  }

  public Map<String, Framework> profiles() {
    return profiles;
  }

  /** Scheduler events dropped because more were waiting to be written than the event queue holds. */
  public long droppedEvents() {
    return reporter.droppedEvents();
  }

  /** Pods placed by opportunistic batching instead of a full cycle. */
  public long batchedPods() {
    return cycle.batchedPods();
  }

  public SchedulingQueue queue() {
    return queue;
  }

  public SchedulerCache cache() {
    return cache;
  }

  public void addBindListener(BindListener listener) {
    listeners.add(requireNonNull(listener, "listener"));
  }

  @Override
  public synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    new SchedulerEventHandlers(this, cache, queue).register(informers);
    host.registerInformers();
    queue.start();
    timers.add(executor.scheduleAtFixedRate(Duration.ofSeconds(30), Duration.ofSeconds(30),
        () -> cache.cleanupExpiredAssumedPods(clock.now())));
    if (ownsInformers) {
      informers.start();
    }
    log.info("scheduler started with profiles {}", profiles.keySet());
  }

  @Override
  public synchronized void close() {
    if (!running) {
      return;
    }
    running = false;
    timers.forEach(Cancellable::cancel);
    queue.close();
    profiles.values().forEach(f -> f.rejectWaitingPods("scheduler stopped"));
    if (ownsInformers) {
      informers.stop();
    }
    bindingPool.ifPresent(java.util.concurrent.ExecutorService::shutdown);
  }

  boolean responsibleFor(Pod pod) {
    return profileFor(pod).isPresent();
  }

  /** A pod entered the active queue: make sure a scheduling task runs. */
  private void kick() {
    if (running && pumping.compareAndSet(false, true)) {
      executor.execute(this::pump);
    }
  }

  private void pump() {
    try {
      for (int n = 0; n < options.bindBatch() && running; n++) {
        Optional<QueuedPod> next = queue.pop();
        if (next.isEmpty()) {
          pumping.set(false);
          if (queue.sizes()[0] > 0) {
            kick();
          }
          return;
        }
        try {
          scheduleOne(next.get());
        } catch (RuntimeException e) {
          log.error("scheduling pod {} failed unexpectedly", next.get().info().podInfo().key(), e);
          queue.requeue(next.get(), Set.of(), queue.schedulingCycle());
        }
      }
      executor.execute(this::pump); // yield the thread to binding cycles, then go on
    } catch (RuntimeException e) {
      pumping.set(false);
      throw e;
    }
  }

  private void scheduleOne(QueuedPod qp) {
    Pod pod = qp.info().pod();
    Optional<Framework> found = profileFor(pod);
    if (found.isEmpty() || pod.getMetadata().getDeletionTimestamp() != null) {
      queue.done(qp.uid());
      return;
    }
    Framework fw = found.get();
    long podCycle = queue.schedulingCycle();
    cycle.updateSnapshot();
    CycleState state = new CycleState();
    ExplainRecord explain = options.explainFor(fw.profileName()) ? new ExplainRecord() : null;
    SchedulingCycle.Result result = cycle.schedule(fw, state, pod, explain);
    if (result.error().isPresent()) {
      fail(fw, qp, podCycle, Set.of(), "SchedulerError", result.error().get().message(), Optional.empty(), explain);
      return;
    }
    if (result.fitError().isPresent()) {
      FitError fit = result.fitError().get();
      Optional<String> nominated = Optional.empty();
      if (fw.hasPostFilters()) {
        List<String> names = cycle.snapshot().list().stream().map(n -> n.nodeName()).toList();
        PostFilterResult post = fw.runPostFilter(state, pod, fit.allStatuses(names));
        if (post.status().isError()) {
          fail(fw, qp, podCycle, Set.of(), "SchedulerError", post.status().message(), Optional.empty(), explain);
          return;
        }
        fit = fit.withPostFilterMessage(post.status().message());
        nominated = post.nominatedNodeName();
        nominated.ifPresent(n -> queue.nominator().add(qp.info().podInfo(), n));
      }
      fail(fw, qp, podCycle, fit.unschedulablePlugins(), "Unschedulable", fit.message(), nominated, explain);
      return;
    }
    String node = result.node().orElseThrow();
    cache.assumePod(qp.info().podInfo(), node);
    Status reserve = fw.runReserve(state, pod, node);
    if (!reserve.isSuccess()) {
      fw.runUnreserve(state, pod, node);
      cache.forgetPod(qp.uid());
      fail(fw, qp, podCycle, reserve.plugin().map(Set::of).orElse(Set.of()), reserve.isError() ? "SchedulerError"
          : "Unschedulable", reserve.message(), Optional.empty(), explain);
      return;
    }
    Status permit = fw.runPermit(state, pod, node);
    if (!permit.isSuccess() && !permit.isWait()) {
      fw.runUnreserve(state, pod, node);
      cache.forgetPod(qp.uid());
      fail(fw, qp, podCycle, permit.plugin().map(Set::of).orElse(Set.of()), permit.isError() ? "SchedulerError"
          : "Unschedulable", permit.message(), Optional.empty(), explain);
      return;
    }
    queue.nominator().delete(qp.uid());
    if (permit.isWait()) {
      fw.waitOnPermit(pod).whenComplete((s, e) -> binding.execute(() ->
          bindingCycle(fw, qp, state, node, podCycle, e != null ? Status.error(e) : s, explain)));
    } else {
      binding.execute(() -> bindingCycle(fw, qp, state, node, podCycle, Status.success(), explain));
    }
  }

  private void bindingCycle(Framework fw, QueuedPod qp, CycleState state, String node, long podCycle, Status permit,
      ExplainRecord explain) {
    Pod pod = qp.info().pod();
    Status s = permit;
    if (s.isSuccess()) {
      s = fw.runPreBind(state, pod, node);
    }
    if (s.isSuccess()) {
      s = fw.runBind(state, pod, node);
    }
    if (!s.isSuccess()) {
      fw.runUnreserve(state, pod, node);
      cache.forgetPod(qp.uid());
      Status failed = s;
      String message = failed.isRejected() ? failed.message() : "Binding rejected: " + failed.message();
      fail(fw, qp, podCycle, failed.plugin().filter(p -> !failed.isError()).map(Set::of).orElse(Set.of()),
          failed.isError() ? "SchedulerError" : "Unschedulable", message, Optional.empty(), explain);
      return;
    }
    cache.finishBinding(qp.uid(), clock.now());
    fw.runPostBind(state, pod, node);
    queue.done(qp.uid());
    Duration latency = Duration.between(qp.info().initialAttemptTimestamp(), clock.now());
    for (BindListener l : listeners) {
      l.bound(pod, node, latency);
    }
    reporter.scheduled(pod, node, fw.profileName(), Optional.ofNullable(explain));
  }

  private void fail(Framework fw, QueuedPod qp, long podCycle, Set<String> plugins, String reason, String message,
      Optional<String> nominated, ExplainRecord explain) {
    Pod pod = qp.info().pod();
    log.debug("pod {} not scheduled ({}): {}", qp.info().podInfo().key(), reason, message);
    queue.requeue(qp, plugins, podCycle);
    reporter.failed(pod, fw.profileName(), reason, message, nominated, Optional.ofNullable(explain));
  }

  /** Binds through the API server's {@code pods/binding}; what {@code FrameworkHandle.bind} does. */
  Status bindThroughApi(Pod pod, String node) {
    return ApiBinder.bind(client, pod, node);
  }
}
