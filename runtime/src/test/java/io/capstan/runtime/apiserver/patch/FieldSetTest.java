package io.capstan.runtime.apiserver.patch;

import static io.capstan.runtime.apiserver.patch.PatchFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** FieldsV1 encoding, path rendering and the field sets of objects. */
class FieldSetTest {

  private static final PatchSchema POD = PatchSchemas.forKind("", "v1", "Pod").orElseThrow();

  @Test
  void fieldsV1RoundTripsWithMembersThatHaveChildren() {
    JsonNode tree = json("{'f:metadata':{'f:finalizers':{'.':{},'v:\\'a\\'':{}}},'f:spec':{'f:containers':"
        + "{'k:{\\'name\\':\\'app\\'}':{'.':{},'f:image':{},'f:name':{}}}}}");
    FieldSet set = FieldSet.fromFieldsV1(tree);
    assertThat(set.size()).isEqualTo(5);
    assertThat(set.contains(List.of("f:spec", "f:containers", "k:{\"name\":\"app\"}"))).isTrue();
    assertThat(set.contains(List.of("f:spec"))).isFalse();
    assertThat(set.toFieldsV1()).isEqualTo(tree);
  }

  @Test
  void tokensSortFieldsBeforeKeysBeforeValues() {
    FieldSet set = FieldSet.of(List.of(List.of("v:\"b\""), List.of("k:{\"a\":1}"), List.of("f:z"), List.of("f:a")));
    assertThat(set.toFieldsV1().fieldNames()).toIterable().containsExactly("f:a", "f:z", "k:{\"a\":1}", "v:\"b\"");
  }

  @Test
  void rendersPathsLikeStructuredMergeDiff() {
    assertThat(FieldPaths.render(List.of("f:spec", "f:containers", "k:{\"name\":\"nginx\"}", "f:image")))
        .isEqualTo(".spec.containers[name=\"nginx\"].image");
    assertThat(FieldPaths.render(List.of("f:ports", "k:{\"containerPort\":80,\"protocol\":\"TCP\"}")))
        .isEqualTo(".ports[containerPort=80,protocol=\"TCP\"]");
    assertThat(FieldPaths.render(List.of("f:metadata", "f:finalizers", "v:\"a\""))).isEqualTo(".metadata.finalizers[=\"a\"]");
  }

  @Test
  void anObjectsFieldsFollowItsSchema() {
    JsonNode pod = json("{'apiVersion':'v1','kind':'Pod','metadata':{'name':'p','uid':'u','finalizers':['a'],"
        + "'annotations':{}},'spec':{'containers':[{'name':'app','args':['x'],'ports':[{'containerPort':80}],"
        + "'resources':{}}],'tolerations':[{'key':'k'}]}}");
    FieldSet set = FieldSets.ofLive(pod, POD);
    assertThat(set.toFieldsV1()).isEqualTo(json("{'f:metadata':{'f:annotations':{},'f:finalizers':{'v:\\'a\\'':{}}},"
        + "'f:spec':{'f:containers':{'k:{\\'name\\':\\'app\\'}':{'.':{},'f:args':{},'f:name':{},'f:ports':"
        + "{'k:{\\'containerPort\\':80,\\'protocol\\':\\'TCP\\'}':{'.':{},'f:containerPort':{}}},'f:resources':{}}},"
        + "'f:tolerations':{}}}"));
    assertThat(set.hasDescendant(List.of("f:spec"))).isTrue();
    assertThat(set.hasDescendant(List.of("f:spec", "f:tolerations"))).isFalse();
  }

  @Test
  void aComparisonSeesAddedRemovedAndModifiedLeaves() {
    JsonNode before = json("{'spec':{'containers':[{'name':'a','image':'1'},{'name':'b','image':'1'}]}}");
    JsonNode after = json("{'spec':{'containers':[{'name':'a','image':'2'},{'name':'c','image':'1'}]}}");
    FieldComparison cmp = FieldComparison.of(before, after, POD);
    assertThat(cmp.modified().toString()).isEqualTo("[.spec.containers[name=\"a\"].image]");
    assertThat(cmp.added().toString()).contains(".spec.containers[name=\"c\"]", ".spec.containers[name=\"c\"].image");
    assertThat(cmp.removed().toString()).contains(".spec.containers[name=\"b\"]");
  }
}
