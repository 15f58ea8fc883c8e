package io.capstan.plugins.research.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.capstan.runtime.research.TraceObjects;
import io.capstan.runtime.research.TraceReader.TracePod;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fill run builds its pods with setters for speed; they must be the very pods the API form
 * (built with fabric8's builders) describes, plus the uid and the Pending status, or a fill run
 * and a control-plane run would not schedule the same objects.
 */
class TraceObjectsTest {

  static List<TracePod> rows() {
    return List.of(
        new TracePod("cpu-only", 4000, 8192, 0, 0, "", -1, -1),
        new TracePod("share", 8000, 16384, 1, 250, "V100M16|V100M32", 10, 20),
        new TracePod("whole", 32000, 65536, 4, 1000, "", 0, -1));
  }

  @ParameterizedTest
  @MethodSource("rows")
  void setterPodEqualsTheBuilderPodWithUidAndStatus(TracePod row) throws JsonProcessingException {
    Pod fast = TraceObjects.pod(row, row.name() + "-1", "sim-7", "capstan-sim");

    Pod api = TraceObjects.apiPod(row, row.name() + "-1", "capstan-sim");
    api.getMetadata().setUid("sim-7");
    api.setStatus(new PodStatusBuilder().withPhase("Pending").build());

    assertThat(fast).isEqualTo(api);
    ObjectMapper json = new ObjectMapper();
    assertThat(json.writeValueAsString(fast)).isEqualTo(json.writeValueAsString(api));
    assertThat(fast.getSpec().getContainers().get(0).getResources().getRequests())
        .isNotSameAs(fast.getSpec().getContainers().get(0).getResources().getLimits());
  }
}
