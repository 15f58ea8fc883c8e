package io.capstan.plugins.admission.resourcequota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.capstan.spi.admission.AdmissionException;
import io.capstan.spi.api.CanonicalQuantity;
import io.capstan.spi.api.Quantities;
import io.capstan.spi.api.QuotaUsage;
import io.capstan.tck.fixtures.TestObjects;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class QuotaCheckTest {

  private static ResourceQuota quota(String name, Map<String, String> hard, Map<String, String> used, String... scopes) {
    Map<String, Quantity> h = new TreeMap<>();
    hard.forEach((k, v) -> h.put(k, new Quantity(v)));
    Map<String, Quantity> u = new TreeMap<>();
    used.forEach((k, v) -> u.put(k, new Quantity(v)));
    return new ResourceQuotaBuilder().withNewMetadata().withName(name).withNamespace("ns").endMetadata()
        .withNewSpec().withHard(h).withScopes(scopes).endSpec().withNewStatus().withUsed(u).endStatus().build();
  }

  private static List<ResourceQuota> charge(List<ResourceQuota> quotas, Pod pod) {
    return QuotaCheck.charge("ResourceQuota", quotas, pod, QuotaUsage.of("", "pods", pod), io.capstan.plugins.admission.resourcequota.ResourceQuota.statedByContainer(pod),
        (q, keys) -> { throw new AssertionError("usage is known"); });
  }

  @Test
  void chargesEveryMatchingQuotaAndMirrorsHard() {
    Pod pod = TestObjects.pod("p").namespace("ns").cpu("250m").memory("64Mi").build();
    List<ResourceQuota> charged = charge(List.of(
        quota("a", Map.of("pods", "3", "requests.memory", "1Gi"), Map.of("pods", "1", "requests.memory", "64Mi")),
        quota("b", Map.of("cpu", "2"), Map.of("cpu", "1"))), pod);
    assertThat(charged).hasSize(2);
    assertThat(charged.get(0).getStatus().getUsed()).containsEntry("pods", new Quantity("2")).containsEntry("requests.memory", new Quantity("128Mi"));
    assertThat(charged.get(0).getStatus().getHard()).containsEntry("pods", new Quantity("3"));
    assertThat(charged.get(1).getStatus().getUsed()).containsEntry("cpu", new Quantity("1250m"));
  }

  @Test
  void exceedingNamesOnlyTheExceededResources() {
    Pod pod = TestObjects.pod("p").namespace("ns").cpu("1").memory("1Gi").build();
    assertThatThrownBy(() -> charge(List.of(quota("q", Map.of("requests.cpu", "2", "requests.memory", "1Gi", "pods", "10"),
        Map.of("requests.cpu", "1500m", "requests.memory", "512Mi", "pods", "1"))), pod))
        .isInstanceOf(AdmissionException.class)
        .hasMessage("exceeded quota: q, requested: requests.cpu=1,requests.memory=1Gi, used: requests.cpu=1500m,requests.memory=512Mi,"
            + " limited: requests.cpu=2,requests.memory=1Gi");
  }

  @Test
  void scopesSelectPods() {
    Pod bestEffort = TestObjects.pod("p").namespace("ns").build();
    Pod burstable = TestObjects.pod("p").namespace("ns").cpu("1").build();
    ResourceQuota onlyBestEffort = quota("be", Map.of("pods", "1"), Map.of("pods", "1"), "BestEffort");
    assertThatThrownBy(() -> charge(List.of(onlyBestEffort), bestEffort)).hasMessageContaining("exceeded quota: be");
    assertThat(charge(List.of(onlyBestEffort), burstable)).isEmpty();
    Pod terminating = new PodBuilder(burstable).editSpec().withActiveDeadlineSeconds(30L).endSpec().build();
    ResourceQuota notTerminating = quota("nt", Map.of("pods", "0"), Map.of(), "NotTerminating");
    assertThat(charge(List.of(notTerminating), terminating)).isEmpty();
  }

  @Test
  void unknownUsageIsObservedFromTheCluster() {
    Pod pod = TestObjects.pod("p").namespace("ns").build();
    List<ResourceQuota> charged = QuotaCheck.charge("ResourceQuota", List.of(quota("q", Map.of("pods", "5"), Map.of())), pod,
        QuotaUsage.of("", "pods", pod), Map.of(), (q, keys) -> {
          Map<String, CanonicalQuantity> seen = new TreeMap<>();
          keys.forEach(k -> seen.put(k, Quantities.parse("4")));
          return seen;
        });
    assertThat(charged.get(0).getStatus().getUsed()).containsEntry("pods", new Quantity("5"));
  }

  @Test
  void finishedPodsChargeNothing() {
    Pod done = new PodBuilder(TestObjects.pod("p").build()).withNewStatus().withPhase("Succeeded").endStatus().build();
    assertThat(QuotaUsage.of("", "pods", done)).isEmpty();
  }
}
