package io.capstan.runtime.node;

import io.capstan.spi.node.ContainerState;
import io.capstan.spi.node.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateTerminatedBuilder;
import io.fabric8.kubernetes.api.model.HostIP;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodIP;
import io.fabric8.kubernetes.api.model.PodStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Derives a pod's status from the agent's records, as the kubelet's {@code generateAPIPodStatus}:
 * phase, the four conditions, IPs, start time and one status per container.
 */
final class PodStatusComposer {

  private final String runtimeName;
  private volatile Stamp stamp = new Stamp(Long.MIN_VALUE, "");

  PodStatusComposer(String runtimeName) {
    this.runtimeName = runtimeName;
  }

  PodStatus compose(PodState st, Pod pod, NodeIdentity node, Instant now) {
    PodStatus status = new PodStatus();
    String phase = phase(st, pod);
    status.setPhase(phase);
    status.setHostIP(node.internalIp());
    status.setHostIPs(List.of(new HostIP(node.internalIp())));
    if (st.ip != null) {
      status.setPodIP(st.ip);
      status.setPodIPs(List.of(new PodIP(st.ip)));
    }
    if (st.startTime != null) {
      status.setStartTime(NodeObjects.timestamp(st.startTime));
    }
    if (pod.getStatus() != null) {
      status.setQosClass(pod.getStatus().getQosClass());
    }
    if (st.failed) {
      status.setReason(st.failReason);
      status.setMessage(st.failMessage);
    }
    boolean terminal = phase.equals("Succeeded") || phase.equals("Failed");
    List<io.fabric8.kubernetes.api.model.ContainerStatus> init = new ArrayList<>();
    st.initContainers.forEach(c -> init.add(containerStatus(c, false)));
    List<io.fabric8.kubernetes.api.model.ContainerStatus> app = new ArrayList<>();
    boolean initDone = st.initDone();
    st.containers.forEach(c -> app.add(containerStatus(c, !initDone)));
    if (!init.isEmpty()) {
      status.setInitContainerStatuses(init);
    }
    status.setContainerStatuses(app);
    boolean allReady = !terminal && initDone && app.stream().allMatch(c -> Boolean.TRUE.equals(c.getReady()));
    List<PodCondition> conditions = new ArrayList<>();
    conditions.add(condition(st, "PodReadyToStartContainers", st.sandboxId != null && !terminal, "", now));
    conditions.add(condition(st, "Initialized", initDone, initDone ? "" : "ContainersNotInitialized", now));
    String notReady = terminal ? "PodCompleted" : "ContainersNotReady";
    conditions.add(condition(st, "Ready", allReady, allReady ? "" : notReady, now));
    conditions.add(condition(st, "ContainersReady", allReady, allReady ? "" : notReady, now));
    conditions.add(scheduled(st, pod, now));
    status.setConditions(conditions);
    return status;
  }

  static String phase(PodState st, Pod pod) {
    if (st.failed) {
      return "Failed";
    }
    if (!st.initDone()) {
      return "Pending";
    }
    int running = 0;
    int neverStarted = 0;
    int succeeded = 0;
    int finished = 0;
    for (ContainerRecord c : st.containers) {
      ContainerStatus s = c.current;
      if (s != null && s.state() == ContainerState.RUNNING) {
        running++;
      } else if ((s == null || s.state() == ContainerState.CREATED) && c.previous == null) {
        neverStarted++;
      }
      if (c.done) {
        finished++;
        if (s != null && s.succeeded()) {
          succeeded++;
        }
      }
    }
    if (running == 0 && neverStarted > 0) {
      return "Pending";
    }
    if (finished == st.containers.size()) {
      return succeeded == finished ? "Succeeded" : "Failed";
    }
    return "Running";
  }

  private io.fabric8.kubernetes.api.model.ContainerStatus containerStatus(ContainerRecord c, boolean podInitializing) {
    io.fabric8.kubernetes.api.model.ContainerStatus out = new io.fabric8.kubernetes.api.model.ContainerStatus();
    out.setName(c.name());
    out.setImage(c.spec.getImage());
    out.setImageID(runtimeName + "://" + c.spec.getImage());
    out.setRestartCount(c.restartCount);
    ContainerStatus s = c.current;
    boolean running = s != null && s.state() == ContainerState.RUNNING && !c.killing;
    boolean started = running && (c.probes == null || c.probes.started());
    out.setStarted(s == null ? Boolean.FALSE : started);
    out.setReady(c.init ? c.done : started && (c.probes == null || c.probes.ready()));
    if (c.containerId != null) {
      out.setContainerID(runtimeName + "://" + c.containerId);
    }
    if (c.backoffUntil != null) {
      out.setState(new ContainerStateBuilder().withNewWaiting().withReason("CrashLoopBackOff")
          .withMessage(c.backoffMessage).endWaiting().build());
    } else if (s == null || s.state() == ContainerState.CREATED || s.state() == ContainerState.UNKNOWN) {
      out.setState(new ContainerStateBuilder().withNewWaiting()
          .withReason(podInitializing ? "PodInitializing" : "ContainerCreating").endWaiting().build());
    } else if (s.state() == ContainerState.RUNNING) {
      out.setState(new ContainerStateBuilder().withNewRunning()
          .withStartedAt(NodeObjects.timestamp(s.startedAt().orElseThrow())).endRunning().build());
    } else {
      out.setState(new ContainerStateBuilder().withTerminated(terminated(s)).build());
    }
    if (c.previous != null && c.previous.state() == ContainerState.EXITED) {
      out.setLastState(new ContainerStateBuilder().withTerminated(terminated(c.previous)).build());
    }
    return out;
  }

  private ContainerStateTerminated terminated(ContainerStatus s) {
    return new ContainerStateTerminatedBuilder().withExitCode(s.exitCode()).withReason(s.reason())
        .withMessage(s.message().isEmpty() ? null : s.message())
        .withStartedAt(s.startedAt().map(NodeObjects::timestamp).orElse(null))
        .withFinishedAt(s.finishedAt().map(NodeObjects::timestamp).orElse(null))
        .withContainerID(runtimeName + "://" + s.id()).build();
  }

  private PodCondition condition(PodState st, String type, boolean value, String reason, Instant now) {
    String status = value ? "True" : "False";
    PodState.Transition previous = st.transitions.get(type);
    String time;
    if (previous != null && previous.value() == value) {
      time = previous.time();
    } else {
      time = timestamp(now);
      st.transitions.put(type, new PodState.Transition(value, time));
    }
    PodCondition c = new PodCondition();
    c.setType(type);
    c.setStatus(status);
    c.setLastTransitionTime(time);
    if (!reason.isEmpty()) {
      c.setReason(reason);
    }
    return c;
  }

  /** The RFC 3339 second of {@code now}, one string instance for every pod composed within that second. */
  private String timestamp(Instant now) {
    Stamp last = stamp;
    long second = now.getEpochSecond();
    if (last.second() != second) {
      last = new Stamp(second, NodeObjects.timestamp(now));
      stamp = last;
    }
    return last.text();
  }

  private record Stamp(long second, String text) {}

  private PodCondition scheduled(PodState st, Pod pod, Instant now) {
    if (pod.getStatus() != null && pod.getStatus().getConditions() != null) {
      for (PodCondition c : pod.getStatus().getConditions()) {
        if ("PodScheduled".equals(c.getType())) {
          return c;
        }
      }
    }
    return condition(st, "PodScheduled", true, "", now);
  }
}
