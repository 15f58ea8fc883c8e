package io.capstan.plugins.admission.limitranger;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.LimitRangeBuilder;
import io.fabric8.kubernetes.api.model.LimitRangeItem;
import io.fabric8.kubernetes.api.model.LimitRangeItemBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LimitChecksTest {

  private static LimitRange range(LimitRangeItem... items) {
    return new LimitRangeBuilder().withNewMetadata().withName("lr").endMetadata().withNewSpec().withLimits(items).endSpec().build();
  }

  private static Pod pod(Map<String, String> requests, Map<String, String> limits) {
    return new PodBuilder().withNewMetadata().withName("p").endMetadata().withNewSpec().addNewContainer().withName("c").withImage("i")
        .withNewResources().withRequests(q(requests)).withLimits(q(limits)).endResources().endContainer().endSpec().build();
  }

  private static Map<String, Quantity> q(Map<String, String> values) {
    java.util.Map<String, Quantity> out = new java.util.TreeMap<>();
    values.forEach((k, v) -> out.put(k, new Quantity(v)));
    return out;
  }

  @Test
  void containerMaxMinAndRatioUseKubernetesMessages() {
    LimitRange range = range(new LimitRangeItemBuilder().withType("Container").withMax(q(Map.of("cpu", "2")))
        .withMin(q(Map.of("memory", "64Mi"))).withMaxLimitRequestRatio(q(Map.of("cpu", "2"))).build());
    assertThat(LimitChecks.pod(range, pod(Map.of("cpu", "1", "memory", "32Mi"), Map.of("cpu", "3"))))
        .containsExactly("minimum memory usage per Container is 64Mi, but request is 32Mi",
            "maximum cpu usage per Container is 2, but limit is 3",
            "cpu max limit to request ratio per Container is 2, but provided ratio is 3.000000");
    assertThat(LimitChecks.pod(range, pod(Map.of("memory", "64Mi"), Map.of())))
        .containsExactly("maximum cpu usage per Container is 2.  No limit is specified",
            "cpu max limit to request ratio per Container is 2, but no request is specified or request is 0");
    assertThat(LimitChecks.pod(range, pod(Map.of("cpu", "1", "memory", "1Gi"), Map.of("cpu", "1500m")))).isEmpty();
  }

  @Test
  void podItemsSumTheContainers() {
    LimitRange range = range(new LimitRangeItemBuilder().withType("Pod").withMax(q(Map.of("memory", "1Gi"))).build());
    Pod twoContainers = new PodBuilder(pod(Map.of(), Map.of("memory", "768Mi"))).editSpec().addNewContainer().withName("d").withImage("i")
        .withNewResources().withLimits(q(Map.of("memory", "512Mi"))).endResources().endContainer().endSpec().build();
    assertThat(LimitChecks.pod(range, twoContainers)).containsExactly("maximum memory usage per Pod is 1Gi, but limit is 1280Mi");
  }

  @Test
  void claimsAreCheckedAgainstStorageBounds() {
    LimitRange range = range(new LimitRangeItemBuilder().withType("PersistentVolumeClaim").withMax(q(Map.of("storage", "2Gi")))
        .withMin(q(Map.of("storage", "1Gi"))).build());
    PersistentVolumeClaim big = new PersistentVolumeClaimBuilder().withNewMetadata().withName("c").endMetadata().withNewSpec()
        .withNewResources().withRequests(q(Map.of("storage", "5Gi"))).endResources().endSpec().build();
    assertThat(LimitChecks.claim(range, big)).containsExactly("maximum storage usage per PersistentVolumeClaim is 2Gi, but request is 5Gi");
  }

  @Test
  void defaultsFillOnlyWhatIsMissingAndAnnotate() {
    LimitRange range = range(new LimitRangeItemBuilder().withType("Container").withDefault(q(Map.of("cpu", "500m", "memory", "256Mi")))
        .withDefaultRequest(q(Map.of("cpu", "100m"))).build());
    Pod pod = pod(Map.of(), Map.of("memory", "1Gi"));
    LimitDefaults.apply(range, pod);
    var resources = pod.getSpec().getContainers().get(0).getResources();
    assertThat(resources.getLimits()).containsEntry("cpu", new Quantity("500m")).containsEntry("memory", new Quantity("1Gi"));
    assertThat(resources.getRequests()).containsEntry("cpu", new Quantity("100m")).containsEntry("memory", new Quantity("256Mi"));
    assertThat(pod.getMetadata().getAnnotations()).containsEntry("kubernetes.io/limit-ranger",
        "LimitRanger plugin set: cpu, memory request for container c; cpu limit for container c");
  }
}
