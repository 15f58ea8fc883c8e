package io.capstan.runtime.apiserver.table;

import static io.capstan.runtime.apiserver.table.Cells.num;
import static io.capstan.runtime.apiserver.table.Columns.AGE;
import static io.capstan.runtime.apiserver.table.Columns.NAME;
import static io.capstan.runtime.apiserver.table.Columns.col;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PodTemplate;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.ReplicationController;
import io.fabric8.kubernetes.api.model.ReplicationControllerSpec;
import io.fabric8.kubernetes.api.model.ReplicationControllerStatus;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSetStatus;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpec;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetSpec;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatus;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetSpec;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The workload printers of Kubernetes ({@code printDeployment}, {@code printReplicaSet},
 * {@code printStatefulSet}, {@code printDaemonSet}, {@code printReplicationController},
 * {@code printControllerRevision}, {@code printPodTemplate}). A missing {@code spec.replicas}
 * counts as 1, the value Kubernetes defaults it to before anything prints it. Stateless.
 */
final class WorkloadPrinters {

  private static final String SELECTOR_DOC = "Label selector for pods.";

  private WorkloadPrinters() {}

  static KindPrinter deployment() {
    return TypedPrinter.of(Deployment.class, Columns.of(List.of(NAME,
        col("Ready", "string", "Number of the pod with ready state"),
        col("Up-to-date", "string", "Total number of non-terminated pods targeted by this deployment that have the "
            + "desired template spec."),
        col("Available", "string", "Total number of available pods (ready for at least minReadySeconds) targeted by "
            + "this deployment."), AGE), Columns.containersImages(SELECTOR_DOC)), WorkloadPrinters::deploymentCells);
  }

  static List<Object> deploymentCells(Deployment d, Instant now) {
    DeploymentSpec spec = d.getSpec() == null ? new DeploymentSpec() : d.getSpec();
    DeploymentStatus s = d.getStatus() == null ? new DeploymentStatus() : d.getStatus();
    String[] ci = Cells.containersAndImages(containers(spec.getTemplate()));
    return Columns.cells(d.getMetadata().getName(), num(s.getReadyReplicas()) + "/" + replicas(spec.getReplicas()),
        num(s.getUpdatedReplicas()), num(s.getAvailableReplicas()), Ages.since(d.getMetadata().getCreationTimestamp(),
            now), ci[0], ci[1], Cells.selectorString(spec.getSelector()));
  }

  static KindPrinter replicaSet() {
    return TypedPrinter.of(ReplicaSet.class, Columns.of(List.of(NAME,
        col("Desired", "integer", "Replicas is the number of desired pods."),
        col("Current", "integer", "Replicas is the most recently observed number of replicas."),
        col("Ready", "integer", "The number of ready replicas for this replica set."), AGE),
        Columns.containersImages(SELECTOR_DOC)), WorkloadPrinters::replicaSetCells);
  }

  static List<Object> replicaSetCells(ReplicaSet rs, Instant now) {
    ReplicaSetSpec spec = rs.getSpec() == null ? new ReplicaSetSpec() : rs.getSpec();
    ReplicaSetStatus s = rs.getStatus() == null ? new ReplicaSetStatus() : rs.getStatus();
    String[] ci = Cells.containersAndImages(containers(spec.getTemplate()));
    return Columns.cells(rs.getMetadata().getName(), replicas(spec.getReplicas()), num(s.getReplicas()),
        num(s.getReadyReplicas()), Ages.since(rs.getMetadata().getCreationTimestamp(), now), ci[0], ci[1],
        Cells.formatLabelSelector(spec.getSelector()));
  }

  static KindPrinter replicationController() {
    return TypedPrinter.of(ReplicationController.class, Columns.of(List.of(NAME,
        col("Desired", "integer", "Replicas is the number of desired replicas."),
        col("Current", "integer", "Replicas is the most recently observed number of replicas."),
        col("Ready", "integer", "The number of ready replicas for this replication controller."), AGE),
        Columns.containersImages(SELECTOR_DOC)), WorkloadPrinters::replicationControllerCells);
  }

  static List<Object> replicationControllerCells(ReplicationController rc, Instant now) {
    ReplicationControllerSpec spec = rc.getSpec() == null ? new ReplicationControllerSpec() : rc.getSpec();
    ReplicationControllerStatus s = rc.getStatus() == null ? new ReplicationControllerStatus() : rc.getStatus();
    String[] ci = Cells.containersAndImages(containers(spec.getTemplate()));
    return Columns.cells(rc.getMetadata().getName(), replicas(spec.getReplicas()), num(s.getReplicas()),
        num(s.getReadyReplicas()), Ages.since(rc.getMetadata().getCreationTimestamp(), now), ci[0], ci[1],
        Cells.formatLabels(spec.getSelector()));
  }

  static KindPrinter statefulSet() {
    return TypedPrinter.of(StatefulSet.class, Columns.of(List.of(NAME,
        col("Ready", "string", "Number of the pod with ready state"), AGE), Columns.containersImages(null)),
        WorkloadPrinters::statefulSetCells);
  }

  static List<Object> statefulSetCells(StatefulSet sts, Instant now) {
    StatefulSetSpec spec = sts.getSpec() == null ? new StatefulSetSpec() : sts.getSpec();
    long ready = sts.getStatus() == null ? 0 : num(sts.getStatus().getReadyReplicas());
    String[] ci = Cells.containersAndImages(containers(spec.getTemplate()));
    return Columns.cells(sts.getMetadata().getName(), ready + "/" + replicas(spec.getReplicas()),
        Ages.since(sts.getMetadata().getCreationTimestamp(), now), ci[0], ci[1]);
  }

  static KindPrinter daemonSet() {
    return TypedPrinter.of(DaemonSet.class, Columns.of(List.of(NAME,
        col("Desired", "integer", "The total number of nodes that should be running the daemon pod."),
        col("Current", "integer", "The number of nodes that are running at least 1 daemon pod and are supposed to "
            + "run the daemon pod."),
        col("Ready", "integer", "The number of nodes that should be running the daemon pod and have one or more of "
            + "the daemon pod running and ready."),
        col("Up-to-date", "integer", "The total number of nodes that are running updated daemon pod"),
        col("Available", "integer", "The number of nodes that should be running the daemon pod and have one or more "
            + "of the daemon pod running and available."),
        col("Node Selector", "string", "NodeSelector is a selector which must be true for the pod to fit on a node."),
        AGE), Columns.containersImages(SELECTOR_DOC)), WorkloadPrinters::daemonSetCells);
  }

  static List<Object> daemonSetCells(DaemonSet ds, Instant now) {
    DaemonSetSpec spec = ds.getSpec() == null ? new DaemonSetSpec() : ds.getSpec();
    DaemonSetStatus s = ds.getStatus() == null ? new DaemonSetStatus() : ds.getStatus();
    PodTemplateSpec template = spec.getTemplate();
    String[] ci = Cells.containersAndImages(containers(template));
    String nodeSelector = Cells.formatLabels(template == null || template.getSpec() == null ? null
        : template.getSpec().getNodeSelector());
    return Columns.cells(ds.getMetadata().getName(), num(s.getDesiredNumberScheduled()),
        num(s.getCurrentNumberScheduled()), num(s.getNumberReady()), num(s.getUpdatedNumberScheduled()),
        num(s.getNumberAvailable()), nodeSelector, Ages.since(ds.getMetadata().getCreationTimestamp(), now), ci[0],
        ci[1], Cells.formatLabelSelector(spec.getSelector()));
  }

  static KindPrinter controllerRevision() {
    return TypedPrinter.of(ControllerRevision.class, List.of(NAME,
        col("Controller", "string", "Controller of the object"),
        col("Revision", "string", "Revision indicates the revision of the state represented by Data."), AGE),
        (cr, now) -> Columns.cells(cr.getMetadata().getName(), controller(cr.getMetadata().getOwnerReferences()),
            cr.getRevision() == null ? 0L : cr.getRevision(),
            Ages.since(cr.getMetadata().getCreationTimestamp(), now)));
  }

  static KindPrinter podTemplate() {
    return TypedPrinter.of(PodTemplate.class, List.of(NAME,
        col("Containers", "string", Columns.CONTAINERS_DOC), col("Images", "string", Columns.IMAGES_DOC),
        col("Pod Labels", "string", "The labels for the pod template.")), (pt, now) -> {
          String[] ci = Cells.containersAndImages(containers(pt.getTemplate()));
          return Columns.cells(pt.getMetadata().getName(), ci[0], ci[1], Cells.formatLabels(
              pt.getTemplate() == null || pt.getTemplate().getMetadata() == null ? null
                  : pt.getTemplate().getMetadata().getLabels()));
        });
  }

  /** {@code formatResourceName(GroupKind, name, true)} of the controlling owner, or {@code <none>}. */
  private static String controller(List<OwnerReference> owners) {
    for (OwnerReference o : Cells.list(owners)) {
      if (Boolean.TRUE.equals(o.getController())) {
        String apiVersion = Cells.str(o.getApiVersion());
        String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
        String kind = Cells.str(o.getKind());
        if (kind.isEmpty() && group.isEmpty()) {
          return Cells.str(o.getName());
        }
        return (group.isEmpty() ? kind : kind + "." + group).toLowerCase(Locale.ROOT) + "/" + o.getName();
      }
    }
    return "<none>";
  }

  private static List<Container> containers(PodTemplateSpec template) {
    return template == null || template.getSpec() == null ? List.of() : template.getSpec().getContainers();
  }

  private static long replicas(Integer replicas) {
    return replicas == null ? 1L : replicas.longValue();
  }
}
