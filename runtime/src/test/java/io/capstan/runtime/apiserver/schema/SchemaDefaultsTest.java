package io.capstan.runtime.apiserver.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.capstan.spi.api.KubeJson;
import org.junit.jupiter.api.Test;

/** Pruning and defaulting of custom objects, as the apiextensions server does before validation. */
class SchemaDefaultsTest {

  private static final String SCHEMA = """
      {"type": "object", "properties": {
        "spec": {"type": "object", "properties": {
          "replicas": {"type": "integer", "default": 1},
          "mode": {"type": "string", "default": "fast"},
          "nested": {"type": "object", "default": {}, "properties": {"level": {"type": "integer", "default": 3}}},
          "items": {"type": "array", "items": {"type": "object", "properties": {"weight": {"type": "integer", "default": 5}}}},
          "labels": {"type": "object", "additionalProperties": {"type": "string"}},
          "free": {"type": "object", "x-kubernetes-preserve-unknown-fields": true}
        }},
        "status": {"type": "object", "properties": {"phase": {"type": "string"}}}
      }}""";

  private static ObjectNode apply(String object, java.util.List<String> prunedOut) throws Exception {
    JsonNode schema = KubeJson.mapper().readTree(SCHEMA);
    ObjectNode tree = (ObjectNode) KubeJson.mapper().readTree(object);
    prunedOut.addAll(SchemaDefaults.apply(schema, tree));
    return tree;
  }

  @Test
  void fillsDefaultsOfAbsentFieldsAtEveryDepth() throws Exception {
    java.util.List<String> pruned = new java.util.ArrayList<>();
    ObjectNode tree = apply("""
        {"apiVersion": "x.io/v1", "kind": "Thing", "metadata": {"name": "a"},
         "spec": {"mode": "slow", "items": [{}, {"weight": 9}]}}""", pruned);
    assertThat(tree.at("/spec/replicas").asInt()).isEqualTo(1);
    assertThat(tree.at("/spec/mode").asText()).as("a given value is kept").isEqualTo("slow");
    assertThat(tree.at("/spec/nested/level").asInt()).as("a defaulted object gets its own defaults").isEqualTo(3);
    assertThat(tree.at("/spec/items/0/weight").asInt()).isEqualTo(5);
    assertThat(tree.at("/spec/items/1/weight").asInt()).isEqualTo(9);
    assertThat(pruned).isEmpty();
  }

  @Test
  void prunesUndeclaredFieldsButKeepsMapsAndPreservedSubtrees() throws Exception {
    java.util.List<String> pruned = new java.util.ArrayList<>();
    ObjectNode tree = apply("""
        {"apiVersion": "x.io/v1", "kind": "Thing", "metadata": {"name": "a"}, "extra": 1,
         "spec": {"bogus": true, "labels": {"any": "thing"}, "free": {"whatever": [1, 2]}},
         "status": {"phase": "Ready", "junk": 2}}""", pruned);
    assertThat(tree.has("extra")).isFalse();
    assertThat(tree.at("/spec/bogus").isMissingNode()).isTrue();
    assertThat(tree.at("/status/junk").isMissingNode()).isTrue();
    assertThat(tree.at("/spec/labels/any").asText()).isEqualTo("thing");
    assertThat(tree.at("/spec/free/whatever").size()).isEqualTo(2);
    assertThat(tree.at("/metadata/name").asText()).as("metadata is never pruned").isEqualTo("a");
    assertThat(pruned).containsExactlyInAnyOrder("extra", "spec.bogus", "status.junk");
  }
}
