package io.capstan.runtime.apiserver.table;

import static io.capstan.runtime.apiserver.table.Cells.list;
import static io.capstan.runtime.apiserver.table.Cells.str;
import static io.capstan.runtime.apiserver.table.Columns.AGE;
import static io.capstan.runtime.apiserver.table.Columns.NAME;
import static io.capstan.runtime.apiserver.table.Columns.col;
import static io.capstan.runtime.apiserver.table.Columns.wide;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodReadinessGate;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code kubectl get pods}: NAME READY STATUS RESTARTS AGE, wide IP NODE NOMINATED NODE READINESS
 * GATES, line for line Kubernetes' {@code printPod} (pkg/printers/internalversion/printers.go):
 * STATUS is the phase or the status reason, then {@code SchedulingGated}, then the first unfinished
 * init container ({@code Init:1/3}, {@code Init:CrashLoopBackOff}, {@code Init:ExitCode:1}), then
 * the last container reason that applies ({@code ContainerCreating}, {@code CrashLoopBackOff},
 * {@code Completed}, {@code Error}, {@code ExitCode:2}, {@code Signal:9}), {@code NotReady} or
 * {@code Running} for a completed container beside a running one, and last {@code Terminating} (or
 * {@code Unknown} on a lost node) while deleting; sidecar init containers
 * ({@code restartPolicy: Always}) count as containers. RESTARTS adds {@code (5m ago)} after the
 * latest restart. Stateless.
 */
final class PodPrinter {

  static final List<TableColumnDefinition> COLUMNS = List.of(NAME,
      col("Ready", "string", "The aggregate readiness state of this pod for accepting traffic."),
      col("Status", "string", "The aggregate status of the containers in this pod."),
      col("Restarts", "string", "The number of times the containers in this pod have been restarted and when the "
          + "last container in this pod has restarted."),
      AGE,
      wide("IP", "string", "podIP address allocated to the pod. Routable at least within the cluster."),
      wide("Node", "string", "NodeName indicates in which node this pod is scheduled."),
      wide("Nominated Node", "string", "nominatedNodeName is set only when this pod preempts other pods on the node."),
      wide("Readiness Gates", "string", "If specified, all readiness gates will be evaluated for pod readiness."));

  private PodPrinter() {}

  static KindPrinter printer() {
    return new TypedPrinter<>(Pod.class, COLUMNS, PodPrinter::cells, PodPrinter::conditions);
  }

  static List<TableRowCondition> conditions(Pod pod) {
    String phase = pod.getStatus() == null ? "" : str(pod.getStatus().getPhase());
    return switch (phase) {
      case "Succeeded" -> List.of(new TableRowCondition("Completed", "True", "Succeeded",
          "The pod has completed successfully."));
      case "Failed" -> List.of(new TableRowCondition("Completed", "True", "Failed", "The pod failed."));
      default -> List.of();
    };
  }

  static List<Object> cells(Pod pod, Instant now) {
    PodSpec spec = pod.getSpec() == null ? new PodSpec() : pod.getSpec();
    PodStatus status = pod.getStatus() == null ? new PodStatus() : pod.getStatus();
    int restarts = 0;
    int restartableInitRestarts = 0;
    int totalContainers = list(spec.getContainers()).size();
    int readyContainers = 0;
    Instant lastRestart = null;
    Instant lastRestartableInitRestart = null;
    String phase = str(status.getPhase());
    String reason = str(status.getReason()).isEmpty() ? phase : status.getReason();
    for (PodCondition c : list(status.getConditions())) {
      if ("PodScheduled".equals(c.getType()) && "SchedulingGated".equals(c.getReason())) {
        reason = "SchedulingGated";
      }
    }

    Map<String, Container> initContainers = new HashMap<>();
    for (Container c : list(spec.getInitContainers())) {
      initContainers.put(c.getName(), c);
      if (restartable(c)) {
        totalContainers++;
      }
    }
    boolean initializing = false;
    List<ContainerStatus> initStatuses = list(status.getInitContainerStatuses());
    for (int i = 0; i < initStatuses.size(); i++) {
      ContainerStatus c = initStatuses.get(i);
      restarts += Cells.num(c.getRestartCount());
      lastRestart = later(lastRestart, lastTerminated(c));
      boolean sidecar = restartable(initContainers.get(c.getName()));
      if (sidecar) {
        restartableInitRestarts += Cells.num(c.getRestartCount());
        lastRestartableInitRestart = later(lastRestartableInitRestart, lastTerminated(c));
      }
      ContainerState state = c.getState() == null ? new ContainerState() : c.getState();
      ContainerStateTerminated terminated = state.getTerminated();
      if (terminated != null && Cells.num(terminated.getExitCode()) == 0) {
        continue;
      } else if (sidecar && Boolean.TRUE.equals(c.getStarted())) {
        if (Boolean.TRUE.equals(c.getReady())) {
          readyContainers++;
        }
        continue;
      } else if (terminated != null) {
        reason = str(terminated.getReason()).isEmpty()
            ? Cells.num(terminated.getSignal()) != 0 ? "Init:Signal:" + terminated.getSignal()
                : "Init:ExitCode:" + Cells.num(terminated.getExitCode())
            : "Init:" + terminated.getReason();
      } else if (state.getWaiting() != null && !str(state.getWaiting().getReason()).isEmpty()
          && !state.getWaiting().getReason().equals("PodInitializing")) {
        reason = "Init:" + state.getWaiting().getReason();
      } else {
        reason = "Init:" + i + "/" + list(spec.getInitContainers()).size();
      }
      initializing = true;
      break;
    }

    if (!initializing || conditionTrue(status, "Initialized")) {
      restarts = restartableInitRestarts;
      lastRestart = lastRestartableInitRestart;
      boolean hasRunning = false;
      List<ContainerStatus> statuses = list(status.getContainerStatuses());
      for (int i = statuses.size() - 1; i >= 0; i--) {
        ContainerStatus c = statuses.get(i);
        restarts += Cells.num(c.getRestartCount());
        lastRestart = later(lastRestart, lastTerminated(c));
        ContainerState state = c.getState() == null ? new ContainerState() : c.getState();
        ContainerStateTerminated terminated = state.getTerminated();
        if (state.getWaiting() != null && !str(state.getWaiting().getReason()).isEmpty()) {
          reason = state.getWaiting().getReason();
        } else if (terminated != null && !str(terminated.getReason()).isEmpty()) {
          reason = terminated.getReason();
        } else if (terminated != null) {
          reason = Cells.num(terminated.getSignal()) != 0 ? "Signal:" + terminated.getSignal()
              : "ExitCode:" + Cells.num(terminated.getExitCode());
        } else if (Boolean.TRUE.equals(c.getReady()) && state.getRunning() != null) {
          hasRunning = true;
          readyContainers++;
        }
      }
      if (reason.equals("Completed") && hasRunning) {
        reason = conditionTrue(status, "Ready") ? "Running" : "NotReady";
      }
    }

    boolean deleting = pod.getMetadata() != null && pod.getMetadata().getDeletionTimestamp() != null;
    if (deleting && "NodeLost".equals(status.getReason())) {
      reason = "Unknown";
    } else if (deleting && !phase.equals("Failed") && !phase.equals("Succeeded")) {
      reason = "Terminating";
    }
    String restartText = Integer.toString(restarts);
    if (restarts != 0 && lastRestart != null) {
      restartText = restarts + " (" + Ages.human(Duration.between(lastRestart, now)) + " ago)";
    }
    return Columns.cells(pod.getMetadata().getName(), readyContainers + "/" + totalContainers, reason, restartText,
        Ages.since(pod.getMetadata().getCreationTimestamp(), now), podIp(status), orNone(spec.getNodeName()),
        orNone(status.getNominatedNodeName()), readinessGates(spec, status));
  }

  /** {@code podutil.IsRestartableInitContainer}: a sidecar, {@code restartPolicy: Always}. */
  private static boolean restartable(Container c) {
    return c != null && "Always".equals(c.getRestartPolicy());
  }

  private static Instant lastTerminated(ContainerStatus c) {
    if (c.getLastState() == null || c.getLastState().getTerminated() == null) {
      return null;
    }
    return Ages.parse(c.getLastState().getTerminated().getFinishedAt()).orElse(null);
  }

  /** The later of two times, null being Go's zero time. */
  private static Instant later(Instant current, Instant candidate) {
    return candidate != null && (current == null || current.isBefore(candidate)) ? candidate : current;
  }

  private static boolean conditionTrue(PodStatus status, String type) {
    for (PodCondition c : list(status.getConditions())) {
      if (type.equals(c.getType())) {
        return "True".equals(c.getStatus());
      }
    }
    return false;
  }

  /**
   * {@code status.podIPs[0].ip}; Kubernetes fills {@code podIPs} from {@code podIP}, so a status
   * with only {@code podIP} prints it too.
   */
  private static String podIp(PodStatus status) {
    if (!list(status.getPodIPs()).isEmpty() && !str(status.getPodIPs().get(0).getIp()).isEmpty()) {
      return status.getPodIPs().get(0).getIp();
    }
    return orNone(status.getPodIP());
  }

  private static String readinessGates(PodSpec spec, PodStatus status) {
    List<PodReadinessGate> gates = list(spec.getReadinessGates());
    if (gates.isEmpty()) {
      return "<none>";
    }
    int trueConditions = 0;
    for (PodReadinessGate gate : gates) {
      for (PodCondition c : list(status.getConditions())) {
        if (str(gate.getConditionType()).equals(c.getType())) {
          if ("True".equals(c.getStatus())) {
            trueConditions++;
          }
          break;
        }
      }
    }
    return trueConditions + "/" + gates.size();
  }

  static String orNone(String s) {
    return s == null || s.isEmpty() ? "<none>" : s;
  }
}
