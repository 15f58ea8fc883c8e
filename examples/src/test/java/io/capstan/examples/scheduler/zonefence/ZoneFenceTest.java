package io.capstan.examples.scheduler.zonefence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.capstan.spi.plugin.InvalidConfigException;
import io.capstan.spi.scheduler.CycleState;
import io.capstan.spi.scheduler.Status;
import io.capstan.tck.fixtures.TestObjects;
import io.capstan.tck.scheduler.TestNodeInfo;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import org.junit.jupiter.api.Test;

class ZoneFenceTest {

  private final ZoneFence fence = new ZoneFence(new ZoneFenceConfig(List.of("eu-1a", "eu-1b"), null));

  private Status filter(Pod pod, String zone) {
    TestObjects.NodeSpecBuilder node = TestObjects.node("n1");
    if (zone != null) {
      node.label(ZoneFenceConfig.DEFAULT_ZONE_LABEL, zone);
    }
    return fence.filter(new CycleState(), pod, TestNodeInfo.of(node.build()));
  }

  @Test
  void nodesInsideTheFencePass() {
    assertThat(filter(TestObjects.pod("p").build(), "eu-1a").isSuccess()).isTrue();
  }

  @Test
  void nodesOutsideTheFenceOrWithoutAZoneAreRejectedForGood() {
    Status outside = filter(TestObjects.pod("p").build(), "us-2a");
    assertThat(outside.code()).isEqualTo(Status.Code.UNSCHEDULABLE_AND_UNRESOLVABLE);
    assertThat(outside.reasons()).containsExactly("zone us-2a is outside the fence [eu-1a, eu-1b]");
    assertThat(filter(TestObjects.pod("p").build(), null).reasons()).containsExactly("node has no topology.kubernetes.io/zone label");
  }

  @Test
  void aPodCanNarrowButNotWidenTheFence() {
    Pod narrow = TestObjects.pod("p").annotation(ZoneFence.ZONES_ANNOTATION, "eu-1b, us-2a").build();
    assertThat(filter(narrow, "eu-1b").isSuccess()).isTrue();
    assertThat(filter(narrow, "eu-1a").isSuccess()).isFalse();
    assertThat(filter(narrow, "us-2a").isSuccess()).as("us-2a is not in the configured fence").isFalse();
  }

  @Test
  void anEmptyFenceIsAConfigurationErrorThatSaysWhatToWrite() {
    assertThatThrownBy(() -> new ZoneFenceConfig(List.of(), null))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("allowedZones: [");
  }
}
