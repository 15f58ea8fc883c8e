package io.capstan.runtime.apiserver.patch;

import static io.capstan.runtime.apiserver.patch.PatchFixtures.bytes;
import static io.capstan.runtime.apiserver.patch.PatchFixtures.json;
import static io.capstan.runtime.apiserver.patch.PatchFixtures.object;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.capstan.spi.client.PatchType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Strategic merge patch on Pods and Services with the built-in merge keys of {@code k8s.io/api}. */
class BuiltInStrategicMergeTest {

  private static final Optional<PatchSchema> POD = PatchSchemas.forKind("", "v1", "Pod");

  private static ObjectNode pod(String patch) {
    return PatchEngine.apply(PatchType.STRATEGIC, object("pod-web.json"), bytes(patch.replace('\'', '"')), POD);
  }

  private static List<String> values(JsonNode list, String field) {
    List<String> out = new ArrayList<>();
    list.forEach(e -> out.add(field.isEmpty() ? e.asText() : e.get(field).asText()));
    return out;
  }

  @Test
  void envMergesByName() {
    ObjectNode out = pod("{'spec':{'containers':[{'name':'app','env':[{'name':'B','value':'20'},{'name':'C','value':'3'}]}]}}");
    JsonNode env = out.at("/spec/containers/0/env");
    assertThat(values(env, "name")).containsExactly("A", "B", "C");
    assertThat(values(env, "value")).containsExactly("1", "20", "3");
  }

  @Test
  void portsMergeByContainerPort() {
    ObjectNode out = pod("{'spec':{'containers':[{'name':'app','ports':[{'containerPort':9090,'name':'prom'}]}]}}");
    JsonNode ports = out.at("/spec/containers/0/ports");
    assertThat(values(ports, "containerPort")).containsExactly("8080", "9090");
    assertThat(ports.get(1).get("name").asText()).isEqualTo("prom");
  }

  @Test
  void volumeMountsMergeByMountPathAndCanBeDeleted() {
    ObjectNode out = pod("{'spec':{'containers':[{'name':'app','volumeMounts':[{'mountPath':'/cache','$patch':'delete'},"
        + "{'mountPath':'/data','readOnly':true}]}]}}");
    JsonNode mounts = out.at("/spec/containers/0/volumeMounts");
    assertThat(values(mounts, "mountPath")).containsExactly("/data");
    assertThat(mounts.get(0).get("readOnly").asBoolean()).isTrue();
  }

  @Test
  void tolerationsHaveNoStrategyAndAreReplaced() {
    ObjectNode out = pod("{'spec':{'tolerations':[{'key':'c','operator':'Exists'}]}}");
    assertThat(values(out.at("/spec/tolerations"), "key")).containsExactly("c");
  }

  @Test
  void finalizersMergeAsASetAndDeleteThroughTheParallelList() {
    ObjectNode added = pod("{'metadata':{'finalizers':['example.com/c','example.com/a']}}");
    assertThat(values(added.at("/metadata/finalizers"), "")).containsExactlyInAnyOrder("example.com/a", "example.com/b",
        "example.com/c");
    ObjectNode removed = pod("{'metadata':{'$deleteFromPrimitiveList/finalizers':['example.com/a']}}");
    assertThat(values(removed.at("/metadata/finalizers"), "")).containsExactly("example.com/b");
  }

  @Test
  void ownerReferencesMergeByUid() {
    ObjectNode out = pod("{'metadata':{'ownerReferences':[{'uid':'uid-rs','blockOwnerDeletion':true},"
        + "{'apiVersion':'v1','kind':'ConfigMap','name':'cm','uid':'uid-cm'}]}}");
    JsonNode refs = out.at("/metadata/ownerReferences");
    assertThat(values(refs, "uid")).containsExactly("uid-rs", "uid-cm");
    assertThat(refs.get(0).get("controller").asBoolean()).isTrue();
    assertThat(refs.get(0).get("blockOwnerDeletion").asBoolean()).isTrue();
  }

  @Test
  void volumesRetainKeysSwitchesTheSource() {
    ObjectNode out = pod("{'spec':{'volumes':[{'name':'cache','$retainKeys':['name','hostPath'],"
        + "'hostPath':{'path':'/var/cache'}}]}}");
    JsonNode cache = out.at("/spec/volumes/1");
    assertThat(cache.get("name").asText()).isEqualTo("cache");
    assertThat(cache.has("emptyDir")).isFalse();
    assertThat(cache.at("/hostPath/path").asText()).isEqualTo("/var/cache");
  }

  @Test
  void newContainerWithSetElementOrderGoesWhereTheOrderSays() {
    ObjectNode out = pod("{'spec':{'$setElementOrder/containers':[{'name':'app'},{'name':'log'}],"
        + "'containers':[{'name':'log','image':'fluentbit:3'}]}}");
    assertThat(values(out.at("/spec/containers"), "name")).containsExactly("app", "log");
  }

  @Test
  void servicePortsMergeByPort() {
    ObjectNode out = PatchEngine.apply(PatchType.STRATEGIC, object("service-web.json"),
        bytes(json("{'spec':{'ports':[{'port':443,'targetPort':9443}]}}")), PatchSchemas.forKind("", "v1", "Service"));
    JsonNode ports = out.at("/spec/ports");
    assertThat(values(ports, "name")).containsExactly("http", "https");
    assertThat(ports.get(1).get("targetPort").asInt()).isEqualTo(9443);
  }

  @Test
  void deploymentStatusConditionsMergeByType() {
    ObjectNode out = PatchEngine.apply(PatchType.STRATEGIC, object("deployment-web.json"),
        bytes(json("{'status':{'conditions':[{'type':'Progressing','reason':'ReplicaSetUpdated'}]}}")),
        PatchSchemas.forKind("apps", "v1", "Deployment"));
    JsonNode conditions = out.at("/status/conditions");
    assertThat(values(conditions, "type")).containsExactlyInAnyOrder("Available", "Progressing");
    assertThat(conditions.findValuesAsText("reason")).contains("MinimumReplicasAvailable", "ReplicaSetUpdated");
  }
}
