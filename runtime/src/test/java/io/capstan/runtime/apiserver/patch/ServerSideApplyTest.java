package io.capstan.runtime.apiserver.patch;

import static io.capstan.runtime.apiserver.patch.PatchFixtures.T1;
import static io.capstan.runtime.apiserver.patch.PatchFixtures.T2;
import static io.capstan.runtime.apiserver.patch.PatchFixtures.bytes;
import static io.capstan.runtime.apiserver.patch.PatchFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Server-side apply: create, update, field removal, ownership and conflicts. */
class ServerSideApplyTest {

  private static final PatchSchema DEPLOYMENT = PatchSchemas.forKind("apps", "v1", "Deployment").orElseThrow();
  private static final FieldManagerContext KUBECTL = FieldManagerContext.of("kubectl", "apps/v1", T1);

  private static ObjectNode manifest() {
    return (ObjectNode) PatchFixtures.resource("apply-web.yaml");
  }

  private static ObjectNode apply(Optional<JsonNode> live, JsonNode config, FieldManagerContext ctx, boolean force) {
    return PatchEngine.serverSideApply(live, bytes(config), DEPLOYMENT, ctx, force);
  }

  private static List<String> managers(JsonNode object) {
    List<String> out = new ArrayList<>();
    object.at("/metadata/managedFields").forEach(e -> out.add(e.get("manager").asText() + "/" + e.get("operation").asText()));
    return out;
  }

  private static JsonNode fieldsOf(JsonNode object, String manager) {
    for (JsonNode e : object.at("/metadata/managedFields")) {
      if (e.get("manager").asText().equals(manager)) {
        return e.get("fieldsV1");
      }
    }
    throw new AssertionError("no managedFields entry for " + manager + " in " + object.at("/metadata/managedFields"));
  }

  @Test
  void createsTheObjectAndRecordsWhatWasApplied() throws Exception {
    byte[] yaml = PatchFixtures.class.getResourceAsStream("/patch/apply-web.yaml").readAllBytes();
    ObjectNode out = PatchEngine.serverSideApply(Optional.empty(), yaml, DEPLOYMENT, KUBECTL, false);

    assertThat(out.at("/spec/template/spec/containers/0/image").asText()).isEqualTo("nginx:1.25");
    JsonNode entry = out.at("/metadata/managedFields/0");
    assertThat(entry.get("manager").asText()).isEqualTo("kubectl");
    assertThat(entry.get("operation").asText()).isEqualTo("Apply");
    assertThat(entry.get("apiVersion").asText()).isEqualTo("apps/v1");
    assertThat(entry.get("time").asText()).isEqualTo("2025-03-01T10:00:00Z");
    assertThat(entry.get("fieldsType").asText()).isEqualTo("FieldsV1");
    // what a Kubernetes 1.32 API server records for this manifest
    assertThat(entry.get("fieldsV1")).isEqualTo(json("{'f:metadata':{'f:labels':{'f:app':{}}},'f:spec':{'f:replicas':{},"
        + "'f:selector':{},'f:template':{'f:metadata':{'f:labels':{'f:app':{}}},'f:spec':{'f:containers':"
        + "{'k:{\\'name\\':\\'nginx\\'}':{'.':{},'f:image':{},'f:name':{},'f:ports':"
        + "{'k:{\\'containerPort\\':80,\\'protocol\\':\\'TCP\\'}':{'.':{},'f:containerPort':{}}}}}}}}}"));
  }

  @Test
  void reapplyingWithoutAFieldRemovesIt() {
    ObjectNode first = manifest();
    first.with("metadata").with("labels").put("tier", "fe");
    first.with("spec").with("template").with("spec").withArray("containers")
        .add(json("{'name':'sidecar','image':'busybox'}"));
    ObjectNode live = apply(Optional.empty(), first, KUBECTL, false);

    ObjectNode out = apply(Optional.of(live), manifest(), KUBECTL.withTime(T2), false);

    assertThat(out.at("/metadata/labels")).isEqualTo(json("{'app':'web'}"));
    assertThat(out.at("/spec/template/spec/containers")).hasSize(1);
    assertThat(out.at("/metadata/managedFields/0/time").asText()).isEqualTo("2025-03-01T11:00:00Z");
    assertThat(fieldsOf(out, "kubectl").at("/f:metadata/f:labels").has("f:tier")).isFalse();
  }

  @Test
  void aFieldAnotherManagerAlsoOwnsSurvivesTheApplierDroppingIt() {
    ObjectNode withTier = manifest();
    withTier.with("metadata").with("labels").put("tier", "fe");
    ObjectNode live = apply(Optional.empty(), withTier, KUBECTL, false);
    ObjectNode other = (ObjectNode) json("{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'web',"
        + "'labels':{'tier':'fe'}}}");
    live = apply(Optional.of(live), other, FieldManagerContext.of("labeler", "apps/v1", T1), false);

    ObjectNode out = apply(Optional.of(live), manifest(), KUBECTL, false);

    assertThat(out.at("/metadata/labels/tier").asText()).isEqualTo("fe");
    assertThat(managers(out)).containsExactly("kubectl/Apply", "labeler/Apply");
  }

  @Test
  void changingAFieldAnUpdaterOwnsIsAConflict() {
    ObjectNode live = apply(Optional.empty(), manifest(), KUBECTL, false);
    ObjectNode scaled = live.deepCopy();
    scaled.with("spec").put("replicas", 5);
    live = PatchEngine.recordUpdate(Optional.of(live), scaled, DEPLOYMENT,
        FieldManagerContext.of("hpa-controller", "apps/v1", T2));

    ObjectNode current = live;
    assertThatThrownBy(() -> apply(Optional.of(current), manifest(), KUBECTL, false))
        .isInstanceOfSatisfying(ConflictPatchException.class, e -> {
          assertThat(e.code()).isEqualTo(409);
          assertThat(e.reason()).isEqualTo("Conflict");
          assertThat(e.getMessage())
              .isEqualTo("Apply failed with 1 conflict: conflict with \"hpa-controller\" using apps/v1: .spec.replicas");
          assertThat(e.causes()).hasSize(1);
          assertThat(e.causes().get(0).getReason()).isEqualTo("FieldManagerConflict");
          assertThat(e.causes().get(0).getMessage()).isEqualTo("conflict with \"hpa-controller\" using apps/v1");
          assertThat(e.causes().get(0).getField()).isEqualTo(".spec.replicas");
          assertThat(e.toStatus().getDetails().getCauses()).hasSize(1);
        });
  }

  @Test
  void forceTakesOwnership() {
    ObjectNode live = apply(Optional.empty(), manifest(), KUBECTL, false);
    ObjectNode scaled = live.deepCopy();
    scaled.with("spec").put("replicas", 5);
    live = PatchEngine.recordUpdate(Optional.of(live), scaled, DEPLOYMENT,
        FieldManagerContext.of("hpa-controller", "apps/v1", T2));

    ObjectNode out = apply(Optional.of(live), manifest(), KUBECTL, true);

    assertThat(out.at("/spec/replicas").asInt()).isEqualTo(2);
    assertThat(managers(out)).containsExactly("kubectl/Apply");
    assertThat(fieldsOf(out, "kubectl").at("/f:spec").has("f:replicas")).isTrue();
  }

  @Test
  void applyingTheValueAnotherManagerSetSharesTheField() {
    ObjectNode live = apply(Optional.empty(), manifest(), KUBECTL, false);
    ObjectNode out = apply(Optional.of(live), manifest(), FieldManagerContext.of("gitops", "apps/v1", T2), false);

    assertThat(managers(out)).containsExactly("kubectl/Apply", "gitops/Apply");
    assertThat(fieldsOf(out, "gitops").at("/f:spec/f:replicas")).isNotNull();
    assertThat(fieldsOf(out, "kubectl").at("/f:spec/f:replicas").isMissingNode()).isFalse();
  }

  @Test
  void theFirstApplyToAnUntrackedObjectConflictsWithWhatWasThere() {
    ObjectNode live = manifest();
    live.with("spec").put("replicas", 3);
    live.with("metadata").put("uid", "u1").put("resourceVersion", "9");

    assertThatThrownBy(() -> apply(Optional.of(live), manifest(), KUBECTL, false))
        .isInstanceOfSatisfying(ConflictPatchException.class, e -> assertThat(e.getMessage())
            .isEqualTo("Apply failed with 1 conflict: conflict with \"before-first-apply\" using apps/v1: .spec.replicas"));

    ObjectNode same = apply(Optional.of(live), live.deepCopy().without(List.of("status")), KUBECTL, false);
    assertThat(managers(same)).containsExactly("kubectl/Apply", "before-first-apply/Update");
    assertThat(same.at("/metadata/uid").asText()).isEqualTo("u1");
    assertThat(fieldsOf(same, "kubectl").at("/f:metadata").has("f:uid")).as("server metadata is never owned").isFalse();
  }

  @Test
  void severalConflictsAreGroupedByManager() {
    ObjectNode live = apply(Optional.empty(), manifest(), KUBECTL, false);
    ObjectNode changed = live.deepCopy();
    changed.with("spec").put("replicas", 7);
    ((ObjectNode) changed.at("/spec/template/spec/containers/0")).put("image", "nginx:9");
    live = PatchEngine.recordUpdate(Optional.of(live), changed, DEPLOYMENT, FieldManagerContext.of("ops", "apps/v1", T2));

    ObjectNode current = live;
    assertThatThrownBy(() -> apply(Optional.of(current), manifest(), KUBECTL, false))
        .isInstanceOfSatisfying(ConflictPatchException.class, e -> {
          assertThat(e.getMessage()).isEqualTo("Apply failed with 2 conflicts: conflicts with \"ops\" using apps/v1:\n"
              + "- .spec.replicas\n- .spec.template.spec.containers[name=\"nginx\"].image");
          assertThat(e.conflicts()).hasSize(2);
        });
  }

  @Test
  void listElementsMergeByKeyAndNewOnesAreAppended() {
    ObjectNode live = apply(Optional.empty(), manifest(), KUBECTL, false);
    ObjectNode sidecar = (ObjectNode) json("{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'web'},"
        + "'spec':{'template':{'spec':{'containers':[{'name':'log','image':'fluentbit'}]}}}}");
    ObjectNode out = apply(Optional.of(live), sidecar, FieldManagerContext.of("injector", "apps/v1", T2), false);

    JsonNode containers = out.at("/spec/template/spec/containers");
    assertThat(containers.get(0).get("name").asText()).isEqualTo("nginx");
    assertThat(containers.get(1).get("name").asText()).isEqualTo("log");
    assertThat(containers.get(0).at("/ports/0/containerPort").asInt()).isEqualTo(80);
  }

  @Test
  void refusesWhatKubernetesRefuses() {
    ObjectNode wrongVersion = manifest().put("apiVersion", "apps/v1beta1");
    assertApplyFails(wrongVersion, 400, "Incorrect version specified in apply patch. Specified patch version: "
        + "apps/v1beta1, expected: apps/v1");
    ObjectNode noKind = manifest();
    noKind.remove("kind");
    assertApplyFails(noKind, 400, "Object 'Kind' is missing in");
    ObjectNode withManaged = manifest();
    withManaged.with("metadata").putArray("managedFields").add(json("{'manager':'x'}"));
    assertApplyFails(withManaged, 400, "metadata.managedFields must be nil");
    ObjectNode noName = manifest();
    ((ObjectNode) noName.at("/spec/template/spec/containers/0")).remove("name");
    assertApplyFails(noName, 400, "failed to create typed patch object (apps/v1, Kind=Deployment): "
        + ".spec.template.spec.containers: element 0: associative list with keys has an element that omits key field "
        + "\"name\" (and doesn't have default value)");
    ObjectNode twice = manifest();
    ((com.fasterxml.jackson.databind.node.ArrayNode) twice.at("/spec/template/spec/containers"))
        .add(json("{'name':'nginx','image':'other'}"));
    assertApplyFails(twice, 400, "duplicate entries for key [name=\"nginx\"]");
    assertThatThrownBy(() -> PatchEngine.serverSideApply(Optional.empty(), bytes("- a\n- b\n"), DEPLOYMENT, KUBECTL,
        false)).isInstanceOfSatisfying(PatchException.class, e -> assertThat(e.code()).isEqualTo(400));
    assertThatThrownBy(() -> PatchEngine.serverSideApply(Optional.empty(), bytes("a: [1\n"), DEPLOYMENT, KUBECTL, false))
        .isInstanceOfSatisfying(PatchException.class, e -> assertThat(e.getMessage()).startsWith("error decoding YAML: "));
    assertThatThrownBy(() -> PatchEngine.serverSideApply(Optional.empty(), bytes(manifest()), DEPLOYMENT,
        FieldManagerContext.of("", "apps/v1", T1), false))
        .isInstanceOfSatisfying(PatchException.class, e -> {
          assertThat(e.code()).isEqualTo(422);
          assertThat(e.getMessage()).contains("fieldManager: Required value: is required for apply patch");
        });
  }

  private static void assertApplyFails(JsonNode config, int code, String message) {
    assertThatThrownBy(() -> apply(Optional.empty(), config, KUBECTL, false))
        .isInstanceOfSatisfying(PatchException.class, e -> {
          assertThat(e.code()).isEqualTo(code);
          assertThat(e.getMessage()).contains(message);
        });
  }
}
