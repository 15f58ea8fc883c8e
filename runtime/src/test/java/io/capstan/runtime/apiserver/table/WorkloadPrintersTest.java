package io.capstan.runtime.apiserver.table;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.ReplicationControllerBuilder;
import io.fabric8.kubernetes.api.model.apps.ControllerRevisionBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Workload rows at a fixed time, following Kubernetes' printDeployment and its siblings. */
class WorkloadPrintersTest {

  private static final Instant NOW = PodPrinterTest.NOW;
  private static final PodTemplateSpec TEMPLATE = new PodTemplateSpecBuilder().withNewMetadata()
      .addToLabels("app", "web").endMetadata().withNewSpec().addNewContainer().withName("nginx")
      .withImage("nginx:1.27").endContainer().addNewContainer().withName("log").withImage("busybox").endContainer()
      .addToNodeSelector("disk", "ssd").endSpec().build();

  @Test
  void deploymentsShowReadyOverDesired() {
    DeploymentBuilder d = new DeploymentBuilder().withNewMetadata().withName("web")
        .withCreationTimestamp("2025-01-01T11:00:00Z").endMetadata().withNewSpec().withReplicas(3)
        .withNewSelector().addToMatchLabels("app", "web").addNewMatchExpression().withKey("tier")
        .withOperator("In").withValues("fe", "be").endMatchExpression().endSelector().withTemplate(TEMPLATE)
        .endSpec().withNewStatus().withReadyReplicas(2).withUpdatedReplicas(3).withAvailableReplicas(2).endStatus();
    assertThat(WorkloadPrinters.deployment().cells(d.build(), NOW)).containsExactly("web", "2/3", 3L, 2L, "60m",
        "nginx,log", "nginx:1.27,busybox", "app=web,tier in (be,fe)");
    assertThat(WorkloadPrinters.deployment().columns()).extracting(TableColumnDefinition::name)
        .containsExactly("Name", "Ready", "Up-to-date", "Available", "Age", "Containers", "Images", "Selector");
    assertThat(WorkloadPrinters.deployment().cells(new DeploymentBuilder().withNewMetadata().withName("fresh")
        .endMetadata().build(), NOW)).containsExactly("fresh", "0/1", 0L, 0L, "<unknown>", "", "", "");
  }

  @Test
  void replicaSetsStatefulSetsDaemonSetsAndControllers() {
    ReplicaSetBuilder rs = new ReplicaSetBuilder().withNewMetadata().withName("web-5d4f").endMetadata().withNewSpec()
        .withReplicas(2).withNewSelector().addToMatchLabels("app", "web").endSelector().withTemplate(TEMPLATE)
        .endSpec().withNewStatus().withReplicas(2).withReadyReplicas(1).endStatus();
    assertThat(WorkloadPrinters.replicaSet().cells(rs.build(), NOW)).containsExactly("web-5d4f", 2L, 2L, 1L,
        "<unknown>", "nginx,log", "nginx:1.27,busybox", "app=web");
    StatefulSetBuilder sts = new StatefulSetBuilder().withNewMetadata().withName("db").endMetadata().withNewSpec()
        .withReplicas(3).withTemplate(TEMPLATE).endSpec().withNewStatus().withReadyReplicas(3).endStatus();
    assertThat(WorkloadPrinters.statefulSet().cells(sts.build(), NOW)).containsExactly("db", "3/3", "<unknown>",
        "nginx,log", "nginx:1.27,busybox");
    DaemonSetBuilder ds = new DaemonSetBuilder().withNewMetadata().withName("agent").endMetadata().withNewSpec()
        .withTemplate(TEMPLATE).endSpec().withNewStatus().withDesiredNumberScheduled(3).withCurrentNumberScheduled(3)
        .withNumberReady(2).withUpdatedNumberScheduled(3).withNumberAvailable(2).endStatus();
    assertThat(WorkloadPrinters.daemonSet().cells(ds.build(), NOW)).containsExactly("agent", 3L, 3L, 2L, 3L, 2L,
        "disk=ssd", "<unknown>", "nginx,log", "nginx:1.27,busybox", "<none>");
    ReplicationControllerBuilder rc = new ReplicationControllerBuilder().withNewMetadata().withName("old")
        .endMetadata().withNewSpec().withReplicas(2).addToSelector("app", "old").withTemplate(TEMPLATE).endSpec();
    assertThat(WorkloadPrinters.replicationController().cells(rc.build(), NOW)).containsExactly("old", 2L, 0L, 0L,
        "<unknown>", "nginx,log", "nginx:1.27,busybox", "app=old");
  }

  @Test
  void daemonSetWithoutSelectorPrintsNone() {
    DaemonSetBuilder ds = new DaemonSetBuilder().withNewMetadata().withName("agent").endMetadata().withNewSpec()
        .withNewSelector().endSelector().endSpec();
    assertThat(WorkloadPrinters.daemonSet().cells(ds.build(), NOW).get(10)).isEqualTo("<none>");
    assertThat(WorkloadPrinters.daemonSet().cells(ds.build(), NOW).get(6)).isEqualTo("<none>");
  }

  @Test
  void controllerRevisionsNameTheirController() {
    ControllerRevisionBuilder cr = new ControllerRevisionBuilder().withNewMetadata().withName("db-7c9")
        .addNewOwnerReference().withApiVersion("apps/v1").withKind("StatefulSet").withName("db").withController(true)
        .withUid("u").endOwnerReference().endMetadata().withRevision(4L);
    assertThat(WorkloadPrinters.controllerRevision().cells(cr.build(), NOW)).containsExactly("db-7c9",
        "statefulset.apps/db", 4L, "<unknown>");
  }
}
