package io.capstan.runtime.node;

import io.capstan.spi.client.ConflictException;
import io.capstan.spi.client.DeleteOptions;
import io.capstan.spi.client.NotFoundException;
import io.capstan.spi.node.ContainerConfig;
import io.capstan.spi.node.ContainerRuntimeException;
import io.capstan.spi.node.ContainerState;
import io.capstan.spi.node.ContainerStatus;
import io.capstan.spi.node.ProbeKind;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.Probe;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives one pod of one node toward its spec, level-based: start what should run, restart what
 * exited by the restart policy with CrashLoopBackOff, kill what failed its liveness or startup
 * probe, stop everything on deletion and then remove the pod object; finally write the status if it
 * changed. Called by the shared pod workers, never twice at once for one pod.
 */
final class PodSync {

  private static final Logger LOG = LoggerFactory.getLogger(PodSync.class);
  static final Duration BACKOFF_INITIAL = Duration.ofSeconds(10);
  static final Duration BACKOFF_MAX = Duration.ofMinutes(5);
  static final Duration BACKOFF_RESET = Duration.ofMinutes(10);

  private final NodeAgent agent;

  PodSync(NodeAgent agent) {
    this.agent = agent;
  }

  void run(PodState st, Pod pod) {
    refresh(st);
    if (pod.getMetadata().getDeletionTimestamp() != null) {
      terminate(st, pod);
      return;
    }
    String policy = pod.getSpec().getRestartPolicy() == null ? "Always" : pod.getSpec().getRestartPolicy();
    boolean terminalBefore = isTerminal(PodStatusComposer.phase(st, pod));
    if (!terminalBefore) {
      for (ContainerRecord rec : st.initContainers) {
        if (!rec.done && !drive(st, pod, rec, policy)) {
          break;
        }
      }
      if (st.initDone() && !st.failed) {
        for (ContainerRecord rec : st.containers) {
          if (!rec.done) {
            drive(st, pod, rec, policy);
          }
        }
      }
      refresh(st);
    }
    if (isTerminal(PodStatusComposer.phase(st, pod)) && st.counted) {
      agent.release(st);
      st.initContainers.forEach(this::cancelProbes);
      st.containers.forEach(this::cancelProbes);
      agent.runtime().stopPodSandbox(st.sandboxId);
      refresh(st);
    }
    writeStatus(st, pod);
  }

  static boolean isTerminal(String phase) {
    return "Succeeded".equals(phase) || "Failed".equals(phase);
  }

  /** Reads each container's current state from the runtime (events only say "look again"). */
  void refresh(PodState st) {
    for (ContainerRecord rec : st.initContainers) {
      rec.current = rec.containerId == null ? null : agent.runtime().containerStatus(rec.containerId).orElse(null);
    }
    for (ContainerRecord rec : st.containers) {
      rec.current = rec.containerId == null ? null : agent.runtime().containerStatus(rec.containerId).orElse(null);
    }
  }

  /** Moves one container on; true when it is finished for good (an init container that succeeded). */
  private boolean drive(PodState st, Pod pod, ContainerRecord rec, String policy) {
    ContainerStatus s = rec.current;
    if (rec.containerId == null || s == null) {
      start(st, pod, rec);
      return false;
    }
    if (s.state() == ContainerState.RUNNING) {
      if (rec.probes != null && rec.probes.mustKill() && !rec.killing) {
        rec.killing = true;
        LOG.info("pod {} on {}: container {} {}; killing it", st.key(), agent.name(), rec.name(), rec.probes.killReason());
        agent.runtime().stopContainer(rec.containerId, grace(pod));
      }
      return false;
    }
    if (s.state() != ContainerState.EXITED) {
      return false;
    }
    rec.killing = false;
    cancelProbes(rec);
    if (rec.init) {
      if (s.exitCode() == 0) {
        rec.done = true;
        return true;
      }
      if (policy.equals("Never")) {
        rec.done = true;
        st.failed = true;
        return false;
      }
    } else if (!(policy.equals("Always") || policy.equals("OnFailure") && s.exitCode() != 0)) {
      rec.done = true;
      return true;
    }
    restartWithBackoff(st, pod, rec, s);
    return false;
  }

  private void restartWithBackoff(PodState st, Pod pod, ContainerRecord rec, ContainerStatus exited) {
    Instant now = agent.clock().now();
    if (rec.backoffUntil == null) {
      Duration ran = Duration.between(exited.startedAt().orElse(exited.createdAt()), exited.finishedAt().orElseThrow());
      if (ran.compareTo(BACKOFF_RESET) >= 0) {
        rec.backoffCount = 0;
      }
      Duration delay = backoff(rec.backoffCount);
      rec.backoffCount++;
      rec.backoffUntil = now.plus(delay);
      rec.backoffMessage = "back-off " + delay.toSeconds() + "s restarting failed container=" + rec.name() + " pod="
          + st.name + "_" + st.namespace + "(" + st.uid + ")";
      agent.requeueAfter(st, delay);
      return;
    }
    if (now.isBefore(rec.backoffUntil)) {
      agent.requeueAfter(st, Duration.between(now, rec.backoffUntil));
      return;
    }
    rec.backoffUntil = null;
    if (rec.previousId != null) {
      agent.runtime().removeContainer(rec.previousId);
    }
    rec.previous = exited;
    rec.previousId = rec.containerId;
    rec.restartCount++;
    start(st, pod, rec);
  }

  /** 10 s doubling per restart, at most 5 minutes, as the kubelet's CrashLoopBackOff. */
  static Duration backoff(int restartsInARow) {
    if (restartsInARow >= 5) {
      return BACKOFF_MAX;
    }
    Duration d = BACKOFF_INITIAL.multipliedBy(1L << restartsInARow);
    return d.compareTo(BACKOFF_MAX) > 0 ? BACKOFF_MAX : d;
  }

  private void start(PodState st, Pod pod, ContainerRecord rec) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(NodeAgent.LABEL_NAMESPACE, st.namespace);
    labels.put(NodeAgent.LABEL_NAME, st.name);
    labels.put(NodeAgent.LABEL_UID, st.uid);
    labels.put(NodeAgent.LABEL_CONTAINER, rec.name());
    if (rec.init) {
      labels.put("capstan.io/init-container", "true");
    }
    // a hint for runtimes that invent behaviour (the simulated one lets a Job's pods complete)
    labels.put("capstan.io/restart-policy", pod.getSpec().getRestartPolicy() == null ? "Always" : pod.getSpec().getRestartPolicy());
    // the kubelet's service variables first, so the container's own env wins on a clash
    Map<String, String> env = new LinkedHashMap<>(io.capstan.runtime.node.env.ServiceEnvironment.forPod(st.namespace,
        io.capstan.runtime.node.env.ServiceEnvironment.enableServiceLinks(pod), agent.services()));
    for (EnvVar e : PodRequests.list(rec.spec.getEnv())) {
      if (e.getValue() != null) {
        env.put(e.getName(), e.getValue());
      }
    }
    Map<String, String> annotations = new LinkedHashMap<>(pod.getMetadata().getAnnotations() == null ? Map.of()
        : pod.getMetadata().getAnnotations());
    // CRI's ContainerConfig carries no ports; the process runtime reads them here to check they are free
    String ports = PodRequests.list(rec.spec.getPorts()).stream()
        .map(p -> p.getContainerPort() + "/" + (p.getProtocol() == null ? "TCP" : p.getProtocol()))
        .collect(java.util.stream.Collectors.joining(","));
    if (!ports.isEmpty()) {
      annotations.put("process.capstan.io/ports", ports);
    }
    ContainerConfig config = new ContainerConfig(rec.name(), rec.restartCount,
        rec.spec.getImage() == null ? "" : rec.spec.getImage(), PodRequests.list(rec.spec.getCommand()),
        PodRequests.list(rec.spec.getArgs()), env, rec.spec.getWorkingDir() == null ? "" : rec.spec.getWorkingDir(),
        labels, annotations);
    try {
      String id = agent.runtime().createContainer(st.sandboxId, config);
      rec.containerId = id;
      agent.runtime().startContainer(id);
      rec.current = agent.runtime().containerStatus(id).orElse(null);
      if (rec.hasProbes()) {
        rec.probes = new ProbeState(rec.spec.getLivenessProbe(), rec.spec.getReadinessProbe(), rec.spec.getStartupProbe());
        for (ProbeKind kind : ProbeKind.values()) {
          Probe probe = rec.probes.probe(kind);
          if (probe != null) {
            schedule(st, rec, id, kind, probe);
          }
        }
      } else {
        rec.probes = null;
      }
    } catch (ContainerRuntimeException e) {
      LOG.warn("pod {} on {}: container {} could not start: {}", st.key(), agent.name(), rec.name(), e.getMessage());
      st.failed = true;
      st.failReason = "CreateContainerError";
      st.failMessage = e.getMessage();
    }
  }

  private void schedule(PodState st, ContainerRecord rec, String id, ProbeKind kind, Probe probe) {
    Duration initial = Duration.ofSeconds(probe.getInitialDelaySeconds() == null ? 0 : probe.getInitialDelaySeconds());
    Duration period = Duration.ofSeconds(probe.getPeriodSeconds() == null || probe.getPeriodSeconds() <= 0 ? 10 : probe.getPeriodSeconds());
    ProbeState probes = rec.probes;
    java.util.concurrent.atomic.AtomicBoolean inFlight = new java.util.concurrent.atomic.AtomicBoolean();
    probes.addTimer(agent.executor().scheduleAtFixedRate(initial.plus(Duration.ofMillis(1)), period, () -> {
      boolean running = agent.runtime().containerStatus(id).map(s -> s.state() == ContainerState.RUNNING).orElse(false);
      if (!running) {
        return;
      }
      java.util.Optional<Boolean> answer = agent.runtime().probe(id, kind, probe);
      if (answer.isPresent()) {
        record(st, probes, kind, answer.get());
      } else if (AgentProbes.runsHandler(probe)) {
        // the runtime leaves httpGet/tcpSocket to the agent: against the pod IP, asynchronously
        if (inFlight.compareAndSet(false, true)) {
          agent.probes().check(probe, rec.spec, st.ip).whenComplete((result, error) -> {
            inFlight.set(false);
            if (error == null) {
              result.ifPresent(ok -> record(st, probes, kind, ok));
            }
          });
        }
      } else if (probes.warnOnce(kind)) {
        // as the kubelet: a probe that errors gives no result, so readiness stays false and liveness true
        LOG.warn("pod {} on {}: container {}'s {} probe cannot run: runtime {} does not run exec (or gRPC) probes",
            st.key(), agent.name(), rec.name(), kind.name().toLowerCase(java.util.Locale.ROOT), agent.runtime().version().name());
      }
    }));
  }

  private void record(PodState st, ProbeState probes, ProbeKind kind, boolean success) {
    if (probes.record(kind, success)) {
      agent.requeueAfter(st, Duration.ZERO);
    }
  }

  private void cancelProbes(ContainerRecord rec) {
    if (rec.probes != null) {
      rec.probes.cancel();
    }
  }

  private static Duration grace(Pod pod) {
    Long own = pod.getSpec().getTerminationGracePeriodSeconds();
    return Duration.ofSeconds(own == null ? 30 : own);
  }

  private void terminate(PodState st, Pod pod) {
    if (!st.terminating) {
      st.terminating = true;
      Long seconds = pod.getMetadata().getDeletionGracePeriodSeconds();
      Duration grace = seconds == null ? grace(pod) : Duration.ofSeconds(seconds);
      LOG.debug("pod {} on {}: stopping its containers with a {}s grace period", st.key(), agent.name(), grace.toSeconds());
      for (ContainerRecord rec : all(st)) {
        cancelProbes(rec);
        rec.backoffUntil = null;
        if (rec.containerId != null) {
          agent.runtime().stopContainer(rec.containerId, grace);
        }
      }
      refresh(st);
    }
    for (ContainerRecord rec : all(st)) {
      if (rec.current != null && rec.current.state() != ContainerState.EXITED) {
        return; // the runtime reports the exit; the event brings us back
      }
    }
    agent.forget(st);
    try {
      agent.client().resources(Pod.class).delete(st.namespace, st.name,
          DeleteOptions.DEFAULTS.withGracePeriodSeconds(0).withPreconditionUid(st.uid));
    } catch (NotFoundException | ConflictException gone) {
      // already removed, or a new pod of the same name
    }
  }

  private static java.util.List<ContainerRecord> all(PodState st) {
    java.util.List<ContainerRecord> out = new java.util.ArrayList<>(st.initContainers);
    out.addAll(st.containers);
    return out;
  }

  void writeStatus(PodState st, Pod pod) {
    PodStatus next = agent.composer().compose(st, pod, agent.identity(), agent.clock().now());
    if (next.equals(pod.getStatus())) {
      st.written = null; // the cache shows it: nothing to remember (a status costs about 2 KiB per pod)
      return;
    }
    if (next.equals(st.written)) {
      return; // written, the cache has not caught up yet
    }
    try {
      // the cached pod's metadata and spec as they are (the client copies or serializes what it
      // sends): no deep copy of the whole pod per status write
      agent.client().resources(Pod.class).updateStatus(new Pod(pod.getApiVersion(), pod.getKind(), pod.getMetadata(),
          pod.getSpec(), next));
      st.written = next;
    } catch (ConflictException stale) {
      agent.client().resources(Pod.class).get(st.namespace, st.name)
          .filter(fresh -> st.uid.equals(fresh.getMetadata().getUid()))
          .ifPresent(fresh -> {
            agent.client().resources(Pod.class).updateStatus(new PodBuilder(fresh).withStatus(next).build());
            st.written = next;
          });
    } catch (NotFoundException gone) {
      // deleted meanwhile; the delete event tears the pod down
    }
  }
}
