package io.capstan.runtime.apiserver.patch;

import static io.capstan.runtime.apiserver.patch.PatchFixtures.T1;
import static io.capstan.runtime.apiserver.patch.PatchFixtures.T2;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.capstan.spi.client.PatchType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/** Laws the patch algorithms must keep for any object and patch. */
class PatchProperties {

  private static final Optional<PatchSchema> NO_LISTS = PatchSchemas.forKind("", "v1", "ConfigMap");
  private static final PatchSchema BY_NAME = PatchSchema.builder().mergeList("items", "name").build();

  @Property(tries = 200)
  void strategicMergeWithoutMergeListsIsMergePatch(@ForAll("objects") JsonNode live, @ForAll("objects") JsonNode patch) {
    byte[] body = PatchFixtures.bytes(patch);
    assertThat(PatchEngine.apply(PatchType.STRATEGIC, live, body, NO_LISTS))
        .isEqualTo(PatchEngine.apply(PatchType.MERGE, live, body, Optional.empty()));
  }

  @Property(tries = 200)
  void mergePatchIsIdempotent(@ForAll("objects") JsonNode live, @ForAll("objects") JsonNode patch) {
    JsonNode once = JsonMergePatch.apply(live, patch);
    assertThat(JsonMergePatch.apply(once, patch)).isEqualTo(once);
  }

  @Property(tries = 200)
  void mergeKeyListsKeepUnpatchedElementsAndTakePatchedValues(@ForAll("named") List<ObjectNode> original,
      @ForAll("namedPatch") List<ObjectNode> patch) {
    ObjectNode live = Json.NODES.objectNode();
    live.set("items", Json.array(List.copyOf(original)));
    ObjectNode body = Json.NODES.objectNode();
    body.set("items", Json.array(List.copyOf(patch)));

    JsonNode result = StrategicMergePatch.apply(live, body, BY_NAME).get("items");

    Map<String, JsonNode> expected = new LinkedHashMap<>();
    original.forEach(e -> expected.put(e.get("name").asText(), e.get("v")));
    for (ObjectNode p : patch) {
      String name = p.get("name").asText();
      if (p.has("$patch")) {
        expected.remove(name);
      } else {
        expected.put(name, p.get("v"));
      }
    }
    Set<String> names = new TreeSet<>();
    result.forEach(e -> {
      assertThat(names.add(e.get("name").asText())).as("no duplicate keys in %s", result).isTrue();
      assertThat(e.get("v")).isEqualTo(expected.get(e.get("name").asText()));
    });
    assertThat(names).isEqualTo(new TreeSet<>(expected.keySet()));
  }

  @Property(tries = 150)
  void aSoleApplierConvergesToItsLastConfiguration(@ForAll("data") ObjectNode first, @ForAll("data") ObjectNode second) {
    PatchSchema schema = NO_LISTS.orElseThrow();
    FieldManagerContext ctx = FieldManagerContext.of("me", "v1", T1);
    ObjectNode live = PatchEngine.serverSideApply(Optional.empty(), PatchFixtures.bytes(configMap(first)), schema, ctx,
        false);
    ObjectNode out = PatchEngine.serverSideApply(Optional.of(live), PatchFixtures.bytes(configMap(second)), schema,
        ctx.withTime(T2), false);

    assertThat(out.path("data")).as("an empty map applied is owned as a leaf and kept").isEqualTo(second);
    ObjectNode again = PatchEngine.serverSideApply(Optional.of(out), PatchFixtures.bytes(configMap(second)), schema,
        ctx.withTime(T2), false);
    assertThat(again).isEqualTo(out);
  }

  private static ObjectNode configMap(ObjectNode data) {
    ObjectNode cm = Json.NODES.objectNode().put("apiVersion", "v1").put("kind", "ConfigMap");
    cm.putObject("metadata").put("name", "c");
    cm.set("data", data.deepCopy());
    return cm;
  }

  @Provide
  Arbitrary<JsonNode> objects() {
    return object(3);
  }

  @Provide
  Arbitrary<ObjectNode> data() {
    return Arbitraries.maps(Arbitraries.of("a", "b", "c", "d", "e"), Arbitraries.strings().withChars("xyz").ofMaxLength(3))
        .ofMaxSize(5).map(m -> {
          ObjectNode o = Json.NODES.objectNode();
          m.forEach(o::put);
          return o;
        });
  }

  @Provide
  Arbitrary<List<ObjectNode>> named() {
    return Arbitraries.subsetOf("n1", "n2", "n3", "n4", "n5").flatMap(names -> Combinators.combine(
        Arbitraries.shuffle(List.copyOf(names)), Arbitraries.integers().between(0, 9).list().ofSize(names.size()))
        .as((order, values) -> {
          List<ObjectNode> out = new ArrayList<>();
          for (int i = 0; i < order.size(); i++) {
            out.add(Json.NODES.objectNode().put("name", order.get(i)).put("v", values.get(i)));
          }
          return out;
        }));
  }

  @Provide
  Arbitrary<List<ObjectNode>> namedPatch() {
    Arbitrary<ObjectNode> element = Combinators.combine(Arbitraries.of("n1", "n2", "n3", "n6"),
        Arbitraries.integers().between(10, 19), Arbitraries.integers().between(0, 3))
        .as((name, v, kind) -> kind == 0 ? Json.NODES.objectNode().put("name", name).put("$patch", "delete")
            : Json.NODES.objectNode().put("name", name).put("v", v));
    return element.list().ofMaxSize(4).uniqueElements(e -> e.get("name").asText());
  }

  private static Arbitrary<JsonNode> value(int depth) {
    Arbitrary<JsonNode> leaf = Arbitraries.oneOf(
        Arbitraries.strings().withChars("xyz").ofMaxLength(2).map(s -> (JsonNode) TextNode.valueOf(s)),
        Arbitraries.integers().between(-2, 2).map(i -> (JsonNode) IntNode.valueOf(i)),
        Arbitraries.of(BooleanNode.TRUE, NullNode.instance));
    if (depth == 0) {
      return leaf;
    }
    return Arbitraries.frequencyOf(Tuple.of(3, leaf), Tuple.of(1, object(depth - 1)),
        Tuple.of(1, array(depth - 1)));
  }

  private static Arbitrary<JsonNode> object(int depth) {
    return Arbitraries.maps(Arbitraries.of("a", "b", "c", "d"), value(depth)).ofMaxSize(4).map(m -> {
      ObjectNode o = Json.NODES.objectNode();
      m.forEach(o::set);
      return o;
    });
  }

  private static Arbitrary<JsonNode> array(int depth) {
    return value(depth).list().ofMaxSize(3).map(l -> {
      ArrayNode a = Json.NODES.arrayNode();
      l.forEach(a::add);
      return a;
    });
  }
}
