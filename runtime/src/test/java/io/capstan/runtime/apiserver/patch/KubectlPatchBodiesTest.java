package io.capstan.runtime.apiserver.patch;

import static io.capstan.runtime.apiserver.patch.PatchFixtures.bytes;
import static io.capstan.runtime.apiserver.patch.PatchFixtures.object;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.capstan.spi.client.PatchType;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The exact bodies kubectl 1.32 sends (shared/reference/kubectl.md §3.2, §3.6 and §3.8), applied
 * to realistic live objects with the built-in schemas.
 */
class KubectlPatchBodiesTest {

  private static final Optional<PatchSchema> DEPLOYMENT = PatchSchemas.forKind("apps", "v1", "Deployment");
  private static final Optional<PatchSchema> NODE = PatchSchemas.forKind("", "v1", "Node");

  private static ObjectNode smp(ObjectNode live, String body, Optional<PatchSchema> schema) {
    return PatchEngine.apply(PatchType.STRATEGIC, live, bytes(body), schema);
  }

  @Test
  void clientSideApplySecondTime() {
    ObjectNode live = object("deployment-web.json");
    String lastApplied = "{\\\"apiVersion\\\":\\\"apps/v1\\\",\\\"kind\\\":\\\"Deployment\\\",\\\"metadata\\\":{\\\"annotations\\\":{},"
        + "\\\"name\\\":\\\"web\\\",\\\"namespace\\\":\\\"default\\\"},\\\"spec\\\":{\\\"replicas\\\":4}}\\n";
    String body = "{\"metadata\":{\"annotations\":{\"kubectl.kubernetes.io/last-applied-configuration\":\"" + lastApplied
        + "\"}},\"spec\":{\"replicas\":4,\"template\":{\"spec\":{\"$setElementOrder/containers\":[{\"name\":\"nginx\"}],"
        + "\"containers\":[{\"image\":\"nginx:1.26\",\"name\":\"nginx\"}]}}}}";

    ObjectNode out = smp(live, body, DEPLOYMENT);

    assertThat(out.at("/spec/replicas").asInt()).isEqualTo(4);
    assertThat(out.at("/metadata/annotations/kubectl.kubernetes.io~1last-applied-configuration").asText())
        .startsWith("{\"apiVersion\":\"apps/v1\"").endsWith("\n");
    JsonNode containers = out.at("/spec/template/spec/containers");
    // nginx merged by name, keeping what the patch does not mention; the server-only sidecar stays after it
    assertThat(containers).hasSize(2);
    assertThat(containers.get(0).get("name").asText()).isEqualTo("nginx");
    assertThat(containers.get(0).get("image").asText()).isEqualTo("nginx:1.26");
    assertThat(containers.get(0).at("/ports/0/containerPort").asInt()).isEqualTo(80);
    assertThat(containers.get(0).at("/env/0/value").asText()).isEqualTo("prod");
    assertThat(containers.get(1).get("name").asText()).isEqualTo("sidecar");
    assertThat(out.at("/spec/template/spec").has("$setElementOrder/containers")).isFalse();
    assertThat(out.at("/status")).isEqualTo(live.at("/status"));
  }

  @Test
  void setImage() {
    ObjectNode live = object("deployment-web.json");
    ObjectNode out = smp(live, "{\"spec\":{\"template\":{\"spec\":{\"$setElementOrder/containers\":[{\"name\":\"nginx\"}],"
        + "\"containers\":[{\"image\":\"nginx:1.27\",\"name\":\"nginx\"}]}}}}", DEPLOYMENT);

    assertThat(out.at("/spec/template/spec/containers/0/image").asText()).isEqualTo("nginx:1.27");
    assertThat(out.at("/spec/template/spec/containers/1/image").asText()).isEqualTo("busybox:1.36");
    assertThat(out.at("/spec/replicas").asInt()).isEqualTo(2);
  }

  @Test
  void rolloutRestart() {
    ObjectNode live = object("deployment-web.json");
    ObjectNode out = smp(live, "{\"spec\":{\"template\":{\"metadata\":{\"annotations\":"
        + "{\"kubectl.kubernetes.io/restartedAt\":\"2025-03-01T10:00:00Z\"}}}}}", DEPLOYMENT);

    assertThat(out.at("/spec/template/metadata/annotations/kubectl.kubernetes.io~1restartedAt").asText())
        .isEqualTo("2025-03-01T10:00:00Z");
    assertThat(out.at("/spec/template/metadata/labels/app").asText()).isEqualTo("web");
    assertThat(out.at("/spec/template/spec")).isEqualTo(live.at("/spec/template/spec"));
  }

  @Test
  void cordon() {
    ObjectNode live = object("node-node1.json");
    ObjectNode out = smp(live, "{\"spec\":{\"unschedulable\":true}}", NODE);

    assertThat(out.at("/spec/unschedulable").asBoolean()).isTrue();
    assertThat(out.at("/spec/taints")).isEqualTo(live.at("/spec/taints"));
    assertThat(out.at("/spec/podCIDRs")).isEqualTo(live.at("/spec/podCIDRs"));
  }

  @Test
  void uncordonDeletesTheField() {
    ObjectNode live = object("node-node1.json");
    live.with("spec").put("unschedulable", true);
    ObjectNode out = smp(live, "{\"spec\":{\"unschedulable\":null}}", NODE);

    assertThat(out.at("/spec").has("unschedulable")).isFalse();
  }

  @Test
  void labelAndAnnotateUseMergePatch() {
    ObjectNode live = object("deployment-web.json");
    ObjectNode out = PatchEngine.apply(PatchType.MERGE, live, bytes("{\"metadata\":{\"labels\":{\"tier\":\"fe\"}}}"),
        Optional.empty());

    assertThat(out.at("/metadata/labels/tier").asText()).isEqualTo("fe");
    assertThat(out.at("/metadata/labels/app").asText()).isEqualTo("web");
  }

  @Test
  void scaleUsesMergePatchOnTheScale() {
    ObjectNode scale = (ObjectNode) PatchFixtures.json("{'kind':'Scale','apiVersion':'autoscaling/v1',"
        + "'metadata':{'name':'web','namespace':'default'},'spec':{'replicas':2},'status':{'replicas':2,'selector':'app=web'}}");
    ObjectNode out = PatchEngine.apply(PatchType.MERGE, scale, bytes("{\"spec\":{\"replicas\":3}}"), Optional.empty());

    assertThat(out.at("/spec/replicas").asInt()).isEqualTo(3);
    assertThat(out.at("/status")).isEqualTo(scale.at("/status"));
  }

  @Test
  void kubeletStatusPatchMergesNodeConditionsByType() {
    ObjectNode live = object("node-node1.json");
    ObjectNode out = smp(live, "{\"status\":{\"$setElementOrder/conditions\":[{\"type\":\"MemoryPressure\"},"
        + "{\"type\":\"Ready\"}],\"conditions\":[{\"type\":\"Ready\",\"status\":\"False\",\"reason\":\"KubeletNotReady\"}]}}",
        NODE);

    JsonNode conditions = out.at("/status/conditions");
    assertThat(conditions).hasSize(2);
    assertThat(conditions.get(0).get("type").asText()).isEqualTo("MemoryPressure");
    assertThat(conditions.get(1).get("status").asText()).isEqualTo("False");
    assertThat(conditions.get(1).get("reason").asText()).isEqualTo("KubeletNotReady");
    assertThat(out.at("/status/addresses")).isEqualTo(live.at("/status/addresses"));
  }

  @Test
  void applySwitchingTheStrategyUsesRetainKeys() {
    // kubectl apply's body when a manifest changes RollingUpdate to Recreate (DeploymentSpec.Strategy is retainKeys)
    ObjectNode live = object("deployment-web.json");
    ObjectNode out = smp(live, "{\"spec\":{\"strategy\":{\"$retainKeys\":[\"type\"],\"rollingUpdate\":null,"
        + "\"type\":\"Recreate\"}}}", DEPLOYMENT);

    assertThat(out.at("/spec/strategy")).isEqualTo(PatchFixtures.json("{'type':'Recreate'}"));
  }
}
