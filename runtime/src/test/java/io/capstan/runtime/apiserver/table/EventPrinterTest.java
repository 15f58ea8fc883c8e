package io.capstan.runtime.apiserver.table;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.MicroTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Event rows at a fixed time, following Kubernetes' printEvent. */
class EventPrinterTest {

  private static final Instant NOW = PodPrinterTest.NOW;

  @Test
  void coreEventsShowObjectSourceAndCounts() {
    EventBuilder e = new EventBuilder().withNewMetadata().withName("web-1.17a").endMetadata()
        .withNewInvolvedObject().withKind("Pod").withName("web-1").withFieldPath("spec.containers{nginx}")
        .endInvolvedObject().withType("Normal").withReason("Pulled").withMessage("  Container image pulled \n")
        .withNewSource().withComponent("kubelet").withHost("node1").endSource()
        .withFirstTimestamp("2025-01-01T11:00:00Z").withLastTimestamp("2025-01-01T11:58:00Z").withCount(4);
    assertThat(EventPrinter.core().cells(e.build(), NOW)).containsExactly("2m", "Normal", "Pulled", "pod/web-1",
        "spec.containers{nginx}", "kubelet, node1", "Container image pulled", "60m", 4L, "web-1.17a");
    assertThat(EventPrinter.core().columns()).extracting(c -> c.name() + ":" + c.priority()).containsExactly(
        "Last Seen:0", "Type:0", "Reason:0", "Object:0", "Subobject:1", "Source:1", "Message:0", "First Seen:1",
        "Count:1", "Name:1");
  }

  @Test
  void newStyleEventsFallBackToEventTimeAndSeries() {
    EventBuilder single = new EventBuilder().withNewMetadata().withName("e").endMetadata().withNewInvolvedObject()
        .withKind("Node").endInvolvedObject().withReportingComponent("scheduler").withReportingInstance("sched-1")
        .withEventTime(new MicroTime("2025-01-01T11:59:30.123456Z"));
    // 29.876s truncate to 29s, as Go converts durations to whole seconds
    assertThat(EventPrinter.core().cells(single.build(), NOW)).containsExactly("29s", "", "", "node", "",
        "scheduler, sched-1", "", "29s", 1L, "e");
    single.withNewSeries().withCount(7).withLastObservedTime(new MicroTime("2025-01-01T11:59:50.000000Z"))
        .endSeries();
    assertThat(EventPrinter.core().cells(single.build(), NOW).subList(0, 1)).containsExactly("10s");
    assertThat(EventPrinter.core().cells(single.build(), NOW).get(8)).isEqualTo(7L);
  }

  @Test
  void eventsK8sIoEventsPrintLikeCoreEvents() {
    var e = new io.fabric8.kubernetes.api.model.events.v1.EventBuilder().withNewMetadata().withName("x")
        .endMetadata().withNewRegarding().withKind("Deployment").withName("web").endRegarding()
        .withNote("Scaled up").withReason("ScalingReplicaSet").withType("Normal")
        .withReportingController("deployment-controller").withEventTime(new MicroTime("2025-01-01T11:55:00.000000Z"))
        .build();
    assertThat(EventPrinter.eventsV1().cells(e, NOW)).containsExactly("5m", "Normal", "ScalingReplicaSet",
        "deployment/web", "", "deployment-controller", "Scaled up", "5m", 1L, "x");
  }
}
