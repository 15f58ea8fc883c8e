package io.capstan.runtime.scheduler.framework;

import static java.util.Objects.requireNonNull;
import static io.capstan.runtime.scheduler.framework.Framework.guard;
import static io.capstan.runtime.scheduler.framework.Framework.key;

import io.capstan.spi.clock.TaskExecutor;
import io.capstan.spi.scheduler.BindPlugin;
import io.capstan.spi.scheduler.CycleState;
import io.capstan.spi.scheduler.PermitPlugin;
import io.capstan.spi.scheduler.PermitResult;
import io.capstan.spi.scheduler.PostBindPlugin;
import io.capstan.spi.scheduler.PreBindPlugin;
import io.capstan.spi.scheduler.ReservePlugin;
import io.capstan.spi.scheduler.SchedulerPlugin;
import io.capstan.spi.scheduler.Status;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The binding cycle's extension points of one profile (Kubernetes' framework.go): Reserve and
 * Unreserve in reverse order, Permit with waits on the injected executor, PreBind, the first
 * non-Skip Bind, PostBind.
 */
final class BindingCycle {

  private static final Logger log = LoggerFactory.getLogger(BindingCycle.class);

  private final Map<ExtensionPoint, List<SchedulerPlugin>> plugins;
  private final FrameworkHandleImpl handle;
  private final TaskExecutor executor;
  private final FrameworkMetrics metrics;

  BindingCycle(Map<ExtensionPoint, List<SchedulerPlugin>> plugins, FrameworkHandleImpl handle, TaskExecutor executor,
      FrameworkMetrics metrics) {
    this.plugins = plugins;
    this.handle = handle;
    this.executor = executor;
    this.metrics = metrics;
  }

  private <T> List<T> typed(ExtensionPoint point, Class<T> type) {
    return plugins.getOrDefault(point, List.of()).stream().map(type::cast).toList();
  }

  Status runReserve(CycleState state, Pod pod, String nodeName) {
    long start = System.nanoTime();
    try {
      for (ReservePlugin p : typed(ExtensionPoint.RESERVE, ReservePlugin.class)) {
        Status s = guard(p, () -> p.reserve(state, pod, nodeName));
        if (!s.isSuccess()) {
          return (s.isRejected() ? s : Status.error("running Reserve plugin " + p.name() + ": " + s.message()))
              .withPlugin(p.name());
        }
      }
      return Status.success();
    } finally {
      metrics.record(ExtensionPoint.RESERVE, System.nanoTime() - start);
    }
  }

  /** Calls every Reserve plugin's unreserve in reverse order; failures are logged. */
  void runUnreserve(CycleState state, Pod pod, String nodeName) {
    List<ReservePlugin> list = typed(ExtensionPoint.RESERVE, ReservePlugin.class);
    for (int i = list.size() - 1; i >= 0; i--) {
      ReservePlugin p = list.get(i);
      try {
        p.unreserve(state, pod, nodeName);
      } catch (RuntimeException e) {
        log.warn("Unreserve of plugin {} failed for pod {}: {}", p.name(), key(pod), e.toString());
      }
    }
  }

  /**
   * Runs Permit plugins: a rejection or error ends it; WAITs register the pod as waiting (each
   * plugin with its timeout on the clock) and return WAIT; otherwise SUCCESS.
   */
  Status runPermit(CycleState state, Pod pod, String nodeName) {
    long start = System.nanoTime();
    try {
      Map<String, Duration> waits = new java.util.LinkedHashMap<>();
      for (PermitPlugin p : typed(ExtensionPoint.PERMIT, PermitPlugin.class)) {
        PermitResult r;
        try {
          r = requireNonNull(p.permit(state, pod, nodeName), "permit result");
        } catch (RuntimeException e) {
          return Status.error(e).withPlugin(p.name());
        }
        Status s = r.status();
        if (s.isWait()) {
          waits.put(p.name(), r.timeout());
        } else if (!s.isSuccess()) {
          return (s.isRejected() ? s : Status.error("running Permit plugin " + p.name() + ": " + s.message()))
              .withPlugin(p.name());
        }
      }
      if (waits.isEmpty()) {
        return Status.success();
      }
      WaitingPodImpl waiting = new WaitingPodImpl(pod, nodeName);
      String uid = pod.getMetadata().getUid();
      handle.waitingPods.put(uid, waiting);
      waits.forEach((plugin, timeout) -> waiting.addPending(plugin, executor.schedule(timeout,
          () -> waiting.reject(plugin, "rejected due to timeout after waiting " + timeout.toMillis() / 1000.0
              + "s at plugin " + plugin))));
      return Status.waiting();
    } finally {
      metrics.record(ExtensionPoint.PERMIT, System.nanoTime() - start);
    }
  }

  /** Completes when the waiting pod is allowed or rejected; at once if it is not waiting. */
  CompletableFuture<Status> waitOnPermit(Pod pod) {
    String uid = pod.getMetadata().getUid();
    WaitingPodImpl waiting = handle.waitingPods.get(uid);
    if (waiting == null) {
      return CompletableFuture.completedFuture(Status.success());
    }
    return waiting.result().whenComplete((s, e) -> handle.waitingPods.remove(uid, waiting));
  }

  Status runPreBind(CycleState state, Pod pod, String nodeName) {
    long start = System.nanoTime();
    try {
      for (PreBindPlugin p : typed(ExtensionPoint.PRE_BIND, PreBindPlugin.class)) {
        Status pre = guard(p, () -> p.preBindPreFlight(state, pod, nodeName));
        if (pre.isSkip()) {
          continue;
        }
        if (!pre.isSuccess()) {
          return pre.withPlugin(p.name());
        }
        Status s = guard(p, () -> p.preBind(state, pod, nodeName));
        if (!s.isSuccess()) {
          return (s.isRejected() ? s : Status.error("running PreBind plugin " + p.name() + ": " + s.message()))
              .withPlugin(p.name());
        }
      }
      return Status.success();
    } finally {
      metrics.record(ExtensionPoint.PRE_BIND, System.nanoTime() - start);
    }
  }

  /** The first binder that does not SKIP handles the pod; SKIP from all is an error. */
  Status runBind(CycleState state, Pod pod, String nodeName) {
    long start = System.nanoTime();
    try {
      for (BindPlugin p : typed(ExtensionPoint.BIND, BindPlugin.class)) {
        Status s = guard(p, () -> p.bind(state, pod, nodeName));
        if (s.isSkip()) {
          continue;
        }
        return s.isSuccess() ? s : (s.isRejected() ? s : Status.error("running Bind plugin " + p.name() + ": " + s.message()))
            .withPlugin(p.name());
      }
      return Status.error("no Bind plugin handled pod " + key(pod) + " (all returned Skip)");
    } finally {
      metrics.record(ExtensionPoint.BIND, System.nanoTime() - start);
    }
  }

  void runPostBind(CycleState state, Pod pod, String nodeName) {
    long start = System.nanoTime();
    for (PostBindPlugin p : typed(ExtensionPoint.POST_BIND, PostBindPlugin.class)) {
      try {
        p.postBind(state, pod, nodeName);
      } catch (RuntimeException e) {
        log.warn("PostBind of plugin {} failed for pod {}: {}", p.name(), key(pod), e.toString());
      }
    }
    metrics.record(ExtensionPoint.POST_BIND, System.nanoTime() - start);
  }

  /** Rejects every pod waiting at Permit (on shutdown). */
  void rejectWaitingPods(String message) {
    handle.waitingPods.values().forEach(w -> w.reject("", message));
  }

}
