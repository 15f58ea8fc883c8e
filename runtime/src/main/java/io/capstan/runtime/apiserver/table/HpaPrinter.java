package io.capstan.runtime.apiserver.table;

import static io.capstan.runtime.apiserver.table.Cells.list;
import static io.capstan.runtime.apiserver.table.Cells.str;
import static io.capstan.runtime.apiserver.table.Columns.AGE;
import static io.capstan.runtime.apiserver.table.Columns.NAME;
import static io.capstan.runtime.apiserver.table.Columns.col;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricStatus;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricTarget;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricValueStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * {@code kubectl get hpa}: NAME REFERENCE TARGETS MINPODS MAXPODS REPLICAS AGE, as Kubernetes'
 * {@code printHorizontalPodAutoscaler} and {@code formatHPAMetrics}: up to two metrics such as
 * {@code cpu: 40%/80%} or {@code 150m/200m (avg)}, {@code <unknown>} for a current value not yet
 * reported, {@code + N more...} after two. Stateless.
 */
final class HpaPrinter {

  private HpaPrinter() {}

  static KindPrinter printer() {
    return TypedPrinter.of(HorizontalPodAutoscaler.class, List.of(NAME,
        col("Reference", "string", "scaleTargetRef points to the target resource to scale."),
        col("Targets", "string", "metrics contains the specifications for which to use to calculate the desired "
            + "replica count."),
        col("MinPods", "string", "minReplicas is the lower limit for the number of replicas."),
        col("MaxPods", "string", "maxReplicas is the upper limit for the number of replicas."),
        col("Replicas", "string", "currentReplicas is current number of replicas of pods managed by this "
            + "autoscaler."), AGE), (hpa, now) -> {
              var spec = hpa.getSpec();
              String reference = spec == null || spec.getScaleTargetRef() == null ? "/"
                  : str(spec.getScaleTargetRef().getKind()) + "/" + str(spec.getScaleTargetRef().getName());
              String min = spec == null || spec.getMinReplicas() == null ? "<unset>" : spec.getMinReplicas().toString();
              return Columns.cells(hpa.getMetadata().getName(), reference,
                  metrics(spec == null ? List.of() : list(spec.getMetrics()),
                      hpa.getStatus() == null ? List.of() : list(hpa.getStatus().getCurrentMetrics())),
                  min, spec == null ? 0L : Cells.num(spec.getMaxReplicas()),
                  hpa.getStatus() == null ? 0L : Cells.num(hpa.getStatus().getCurrentReplicas()),
                  Ages.since(hpa.getMetadata().getCreationTimestamp(), now));
            });
  }

  static String metrics(List<MetricSpec> specs, List<MetricStatus> statuses) {
    if (specs.isEmpty()) {
      return "<none>";
    }
    List<String> shown = new ArrayList<>();
    for (int i = 0; i < specs.size(); i++) {
      MetricSpec spec = specs.get(i);
      MetricStatus status = i < statuses.size() ? statuses.get(i) : null;
      shown.add(switch (str(spec.getType())) {
        case "External" -> value(spec.getExternal().getTarget(), current(status, s -> s.getExternal() == null ? null
            : s.getExternal().getCurrent()));
        case "Pods" -> {
          MetricValueStatus c = current(status, s -> s.getPods() == null ? null : s.getPods().getCurrent());
          yield known(c == null ? null : c.getAverageValue()) + "/"
              + Cells.quantity(spec.getPods().getTarget().getAverageValue());
        }
        case "Object" -> value(spec.getObject().getTarget(), current(status, s -> s.getObject() == null ? null
            : s.getObject().getCurrent()));
        case "Resource" -> resource(spec.getResource().getName(), spec.getResource().getTarget(),
            current(status, s -> s.getResource() == null ? null : s.getResource().getCurrent()));
        case "ContainerResource" -> resource(spec.getContainerResource().getName(),
            spec.getContainerResource().getTarget(), current(status, s -> s.getContainerResource() == null ? null
                : s.getContainerResource().getCurrent()));
        default -> "<unknown type>";
      });
    }
    int max = 2;
    if (shown.size() > max) {
      return String.join(", ", shown.subList(0, max)) + " + " + (shown.size() - max) + " more...";
    }
    return String.join(", ", shown);
  }

  private static MetricValueStatus current(MetricStatus status, Function<MetricStatus, MetricValueStatus> pick) {
    return status == null ? null : pick.apply(status);
  }

  /** External and Object metrics: average value with {@code (avg)}, or value. */
  private static String value(MetricTarget target, MetricValueStatus current) {
    if (target.getAverageValue() != null) {
      return known(current == null ? null : current.getAverageValue()) + "/"
          + Cells.quantity(target.getAverageValue()) + " (avg)";
    }
    return known(current == null ? null : current.getValue()) + "/" + Cells.quantity(target.getValue());
  }

  /** Resource metrics: {@code cpu: 40%/80%}, or {@code memory: 1Gi/2Gi} for an average value. */
  private static String resource(String name, MetricTarget target, MetricValueStatus current) {
    if (target.getAverageValue() != null) {
      return name + ": " + known(current == null ? null : current.getAverageValue()) + "/"
          + Cells.quantity(target.getAverageValue());
    }
    String now = current == null || current.getAverageUtilization() == null ? "<unknown>"
        : current.getAverageUtilization() + "%";
    String goal = target.getAverageUtilization() == null ? "<auto>" : target.getAverageUtilization() + "%";
    return name + ": " + now + "/" + goal;
  }

  private static String known(Quantity q) {
    return q == null ? "<unknown>" : Cells.quantity(q);
  }
}
