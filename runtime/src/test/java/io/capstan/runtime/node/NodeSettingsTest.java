package io.capstan.runtime.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.capstan.runtime.CapstanException;
import io.capstan.runtime.config.ConfigInputs;
import io.capstan.runtime.kernel.KernelPlan;
import io.fabric8.kubernetes.api.model.Quantity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** node.* settings: pools from capstan.yaml, names, CIDR carving and the errors that say what to fix. */
class NodeSettingsTest {

  @TempDir Path dir;

  private NodeSettings fromYaml(String yaml) throws Exception {
    Path file = dir.resolve("capstan.yaml");
    Files.writeString(file, yaml);
    return NodeSettings.from(KernelPlan.resolve(ConfigInputs.defaultsOnly().withFile(file)).config());
  }

  @Test
  void defaultsAreThreeNodesOfTheDefaultPoolWithKubeletTimings() throws Exception {
    NodeSettings settings = NodeSettings.from(KernelPlan.resolve(ConfigInputs.defaultsOnly()).config());
    assertThat(settings.nodeCount()).isEqualTo(3);
    assertThat(settings.leaseRenewInterval()).isEqualTo(Duration.ofSeconds(10));
    assertThat(settings.leaseDuration()).isEqualTo(Duration.ofSeconds(40));
    assertThat(settings.statusReportFrequency()).isEqualTo(Duration.ofMinutes(5));
    List<NodeIdentity> nodes = NodeHost.identities(settings);
    assertThat(nodes).extracting(NodeIdentity::name).containsExactly("node-1", "node-2", "node-3");
    assertThat(nodes).extracting(NodeIdentity::podCidr).containsExactly("10.244.0.0/24", "10.244.1.0/24", "10.244.2.0/24");
    assertThat(nodes.get(0).capacity()).containsEntry("cpu", new Quantity("4")).containsEntry("pods", new Quantity("110"));
  }

  @Test
  void poolsComeFromTheConfigurationWithLabelsAndTaints() throws Exception {
    NodeSettings settings = fromYaml("""
        node:
          count: 1
          pools:
            gpu:
              count: 2
              cpu: "32"
              memory: 128Gi
              labels: {accelerator: a100}
              taints: ["nvidia.com/gpu=present:NoSchedule"]
        """);
    List<NodeIdentity> nodes = NodeHost.identities(settings);
    assertThat(nodes).extracting(NodeIdentity::name).containsExactly("node-1", "gpu-1", "gpu-2");
    NodeIdentity gpu = nodes.get(1);
    assertThat(gpu.labels()).containsEntry("accelerator", "a100").containsEntry("node.capstan.io/pool", "gpu");
    assertThat(gpu.taints()).singleElement().satisfies(t -> {
      assertThat(t.getKey()).isEqualTo("nvidia.com/gpu");
      assertThat(t.getValue()).isEqualTo("present");
      assertThat(t.getEffect()).isEqualTo("NoSchedule");
    });
    assertThat(gpu.capacity()).containsEntry("cpu", new Quantity("32"));
  }

  @Test
  void explicitNamesAndAFirstIndexPlaceANodeOfAnotherProcess() throws Exception {
    NodeSettings settings = fromYaml("node: {names: [edge-a], firstIndex: 7}\n");
    List<NodeIdentity> nodes = NodeHost.identities(settings);
    assertThat(nodes).singleElement().satisfies(n -> {
      assertThat(n.name()).isEqualTo("edge-a");
      assertThat(n.podCidr()).isEqualTo("10.244.7.0/24");
    });
  }

  @Test
  void badValuesSayWhatToFix() throws Exception {
    assertThatThrownBy(() -> fromYaml("node: {pools: {bad: {taints: [\"key=value\"]}}}\n"))
        .isInstanceOf(CapstanException.class).hasMessageContaining("needs an effect");
    assertThatThrownBy(() -> fromYaml("node: {clusterCidr: 10.244.0.0}\n")).hasMessageContaining("must look like 10.244.0.0/16");
    assertThatThrownBy(() -> NodeHost.identities(NodeSettings.ofCount(300).withPools(List.of(
        new NodePool("node", 300, new Quantity("1"), new Quantity("1Gi"), 10, Map.of(), List.of(), List.of())))
        ).size()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("use a larger node.clusterCidr");
  }

  @Test
  void podIpsComeFromTheNodeRangeAndAreReusedOnlyAfterRelease() {
    PodIpAllocator ips = new PodIpAllocator("10.244.3.0/24");
    assertThat(ips.allocate()).contains("10.244.3.2");
    assertThat(ips.reserve("10.244.3.9")).isTrue();
    assertThat(ips.reserve("10.244.3.9")).isFalse();
    assertThat(ips.reserve("10.244.4.9")).as("another node's range").isFalse();
    for (int i = 0; i < 251; i++) {
      assertThat(ips.allocate()).isPresent();
    }
    assertThat(ips.allocate()).as("253 addresses per /24").isEmpty();
    ips.release("10.244.3.9");
    assertThat(ips.allocate()).contains("10.244.3.9");
  }

  @Test
  void crashLoopBackOffDoublesFromTenSecondsToFiveMinutes() {
    assertThat(List.of(0, 1, 2, 3, 4, 5, 9).stream().map(PodSync::backoff).toList()).containsExactly(
        Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(40), Duration.ofSeconds(80),
        Duration.ofSeconds(160), Duration.ofMinutes(5), Duration.ofMinutes(5));
  }
}
