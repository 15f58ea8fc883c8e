package io.capstan.runtime.apiserver.table;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Pod rows at a fixed time. The first cases are TestPrintPod's of Kubernetes'
 * pkg/printers/internalversion/printers_test.go (restarts as the string 1.32 prints); the others
 * walk each branch of {@code printPod}.
 */
class PodPrinterTest {

  static final Instant NOW = Instant.parse("2025-01-01T12:00:00Z");

  private static List<Object> cells(Pod pod) {
    return PodPrinter.printer().cells(pod, NOW);
  }

  private static List<Object> five(Pod pod) {
    return cells(pod).subList(0, 5);
  }

  static PodBuilder pod(String name, int containers) {
    PodBuilder b = new PodBuilder().withNewMetadata().withName(name).endMetadata().withNewSpec().endSpec();
    for (int i = 0; i < containers; i++) {
      b.editSpec().addNewContainer().withName("c" + i).endContainer().endSpec();
    }
    return b;
  }

  private static ContainerStatus running(boolean ready, int restarts) {
    return new ContainerStatusBuilder().withReady(ready).withRestartCount(restarts).withNewState().withNewRunning()
        .endRunning().endState().build();
  }

  private static ContainerStatus waiting(String reason, int restarts) {
    return new ContainerStatusBuilder().withRestartCount(restarts).withNewState().withNewWaiting().withReason(reason)
        .endWaiting().endState().build();
  }

  private static ContainerStatus terminated(String reason, int exitCode, int signal) {
    return new ContainerStatusBuilder().withRestartCount(0).withNewState().withNewTerminated().withReason(reason)
        .withExitCode(exitCode).withSignal(signal).endTerminated().endState().build();
  }

  private static PodCondition condition(String type, String status, String reason) {
    return new PodConditionBuilder().withType(type).withStatus(status).withReason(reason).build();
  }

  @Test
  void kubernetesPrintPodCases() {
    assertThat(five(pod("test1", 2).withNewStatus().withPhase("podPhase")
        .withContainerStatuses(running(true, 3), new ContainerStatusBuilder().withRestartCount(3).build())
        .endStatus().build())).containsExactly("test1", "1/2", "podPhase", "6", "<unknown>");
    assertThat(five(pod("test2", 2).withNewStatus().withPhase("podPhase")
        .withContainerStatuses(running(true, 3), waiting("ContainerWaitingReason", 3)).endStatus().build()))
        .containsExactly("test2", "1/2", "ContainerWaitingReason", "6", "<unknown>");
    ContainerStatus terminatedReason = new ContainerStatusBuilder().withRestartCount(3).withNewState()
        .withNewTerminated().withReason("ContainerTerminatedReason").endTerminated().endState().build();
    assertThat(five(pod("test3", 2).withNewStatus().withPhase("podPhase")
        .withContainerStatuses(waiting("ContainerWaitingReason", 3), terminatedReason).endStatus().build()))
        .containsExactly("test3", "0/2", "ContainerWaitingReason", "6", "<unknown>");
    assertThat(five(pod("test4", 2).withNewStatus().withPhase("podPhase").withContainerStatuses(running(true, 3),
        new ContainerStatusBuilder().withReady(true).withRestartCount(3).build()).endStatus().build()))
        .containsExactly("test4", "1/2", "podPhase", "6", "<unknown>");
    assertThat(five(pod("test5", 2).withNewStatus().withReason("podReason").withPhase("podPhase")
        .withContainerStatuses(running(true, 3), new ContainerStatusBuilder().withReady(true).withRestartCount(3)
            .build()).endStatus().build()))
        .containsExactly("test5", "1/2", "podReason", "6", "<unknown>");
  }

  @Test
  void runningPodWithAllColumns() {
    Pod pod = pod("web-1", 1).editMetadata().withCreationTimestamp("2025-01-01T11:55:00Z").endMetadata()
        .editSpec().withNodeName("node1").endSpec()
        .withNewStatus().withPhase("Running").withPodIP("10.1.0.5").withContainerStatuses(running(true, 0))
        .withConditions(condition("Ready", "True", null)).endStatus().build();
    assertThat(cells(pod)).containsExactly("web-1", "1/1", "Running", "0", "5m", "10.1.0.5", "node1", "<none>",
        "<none>");
    assertThat(PodPrinter.printer().conditions(pod)).isEmpty();
  }

  @Test
  void restartsTellWhenTheLastOneWas() {
    ContainerStatus crashing = new ContainerStatusBuilder(waiting("CrashLoopBackOff", 5)).withNewLastState()
        .withNewTerminated().withExitCode(1).withFinishedAt("2025-01-01T11:57:00Z").endTerminated().endLastState()
        .build();
    ContainerStatus older = new ContainerStatusBuilder(running(true, 2)).withNewLastState().withNewTerminated()
        .withExitCode(1).withFinishedAt("2025-01-01T09:00:00Z").endTerminated().endLastState().build();
    assertThat(five(pod("crash", 2).withNewStatus().withPhase("Running").withContainerStatuses(older, crashing)
        .endStatus().build())).containsExactly("crash", "1/2", "CrashLoopBackOff", "7 (3m ago)", "<unknown>");
  }

  @Test
  void finishedContainersShowTheirReason() {
    assertThat(five(pod("done", 1).withNewStatus().withPhase("Succeeded")
        .withContainerStatuses(terminated("Completed", 0, 0)).endStatus().build()).get(2)).isEqualTo("Completed");
    assertThat(five(pod("err", 1).withNewStatus().withPhase("Failed")
        .withContainerStatuses(terminated("Error", 1, 0)).endStatus().build()).get(2)).isEqualTo("Error");
    assertThat(five(pod("code", 1).withNewStatus().withPhase("Failed")
        .withContainerStatuses(terminated(null, 2, 0)).endStatus().build()).get(2)).isEqualTo("ExitCode:2");
    assertThat(five(pod("sig", 1).withNewStatus().withPhase("Failed")
        .withContainerStatuses(terminated(null, 137, 9)).endStatus().build()).get(2)).isEqualTo("Signal:9");
    Pod succeeded = pod("ok", 1).withNewStatus().withPhase("Succeeded").endStatus().build();
    assertThat(PodPrinter.printer().conditions(succeeded)).containsExactly(new TableRowCondition("Completed", "True",
        "Succeeded", "The pod has completed successfully."));
    assertThat(PodPrinter.printer().conditions(pod("ko", 1).withNewStatus().withPhase("Failed").endStatus().build()))
        .extracting(TableRowCondition::reason).containsExactly("Failed");
  }

  @Test
  void aCompletedContainerBesideARunningOneIsRunningOnlyWhenThePodIsReady() {
    PodBuilder mixed = pod("mixed", 2).withNewStatus().withPhase("Running")
        .withContainerStatuses(new ContainerStatusBuilder(terminated("Completed", 0, 0)).withReady(false).build(),
            running(true, 0)).endStatus();
    assertThat(five(mixed.build()).subList(1, 3)).containsExactly("1/2", "NotReady");
    assertThat(five(mixed.editStatus().withConditions(condition("Ready", "True", null)).endStatus().build()).get(2))
        .isEqualTo("Running");
  }

  @Test
  void initContainersReportProgressAndFailures() {
    PodBuilder init = pod("init", 1).editSpec().addNewInitContainer().withName("i0").endInitContainer()
        .addNewInitContainer().withName("i1").endInitContainer().addNewInitContainer().withName("i2")
        .endInitContainer().endSpec();
    assertThat(five(init.withNewStatus().withPhase("Pending").withInitContainerStatuses(terminated(null, 0, 0),
        new ContainerStatusBuilder().withRestartCount(0).build()).withContainerStatuses(waiting("PodInitializing", 0))
        .endStatus().build())).containsExactly("init", "0/1", "Init:1/3", "0", "<unknown>");
    assertThat(five(init.withNewStatus().withPhase("Pending").withInitContainerStatuses(waiting("CrashLoopBackOff",
        4)).endStatus().build())).containsExactly("init", "0/1", "Init:CrashLoopBackOff", "4", "<unknown>");
    assertThat(five(init.withNewStatus().withPhase("Pending").withInitContainerStatuses(terminated(null, 1, 0))
        .endStatus().build()).get(2)).isEqualTo("Init:ExitCode:1");
    assertThat(five(init.withNewStatus().withPhase("Pending").withInitContainerStatuses(terminated(null, 137, 9))
        .endStatus().build()).get(2)).isEqualTo("Init:Signal:9");
    assertThat(five(init.withNewStatus().withPhase("Pending").withInitContainerStatuses(terminated("OOMKilled", 137,
        0)).endStatus().build()).get(2)).isEqualTo("Init:OOMKilled");
  }

  @Test
  void sidecarInitContainersCountAsContainers() {
    Pod pod = pod("side", 1).editSpec().addToInitContainers(new ContainerBuilder().withName("proxy")
        .withRestartPolicy("Always").build()).endSpec().withNewStatus().withPhase("Running")
        .withInitContainerStatuses(new ContainerStatusBuilder(running(true, 1)).withName("proxy").withStarted(true)
            .build()).withContainerStatuses(running(true, 2)).withConditions(condition("Initialized", "True", null))
        .endStatus().build();
    assertThat(five(pod)).containsExactly("side", "2/2", "Running", "3", "<unknown>");
  }

  @Test
  void schedulingGatesTerminationAndLostNodes() {
    assertThat(five(pod("gated", 1).withNewStatus().withPhase("Pending").withConditions(condition("PodScheduled",
        "False", "SchedulingGated")).endStatus().build()).get(2)).isEqualTo("SchedulingGated");
    PodBuilder deleting = pod("bye", 1).editMetadata().withDeletionTimestamp("2025-01-01T11:59:00Z").endMetadata()
        .withNewStatus().withPhase("Running").withContainerStatuses(running(true, 0)).endStatus();
    assertThat(five(deleting.build()).get(2)).isEqualTo("Terminating");
    assertThat(five(deleting.editStatus().withReason("NodeLost").endStatus().build()).get(2)).isEqualTo("Unknown");
    assertThat(five(deleting.editStatus().withReason(null).withPhase("Succeeded")
        .withContainerStatuses(terminated("Completed", 0, 0)).endStatus().build()).get(2)).isEqualTo("Completed");
  }

  @Test
  void wideColumnsPreferPodIpsAndCountReadinessGates() {
    Pod pod = pod("gates", 1).editSpec().addNewReadinessGate().withConditionType("example.com/a").endReadinessGate()
        .addNewReadinessGate().withConditionType("example.com/b").endReadinessGate().endSpec()
        .withNewStatus().withPhase("Running").withPodIP("10.0.0.1").addNewPodIP().withIp("10.0.0.9").endPodIP()
        .withNominatedNodeName("node2").withConditions(condition("example.com/a", "True", null),
            condition("example.com/b", "False", null)).endStatus().build();
    assertThat(cells(pod).subList(5, 9)).containsExactly("10.0.0.9", "<none>", "node2", "1/2");
  }
}
