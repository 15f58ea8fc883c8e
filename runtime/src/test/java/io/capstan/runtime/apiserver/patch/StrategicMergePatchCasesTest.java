package io.capstan.runtime.apiserver.patch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.capstan.spi.client.PatchType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Strategic merge patch against the cases in {@code patch/strategic-cases.yaml}, each mirroring a
 * case of Kubernetes' {@code strategicpatch/patch_test.go} (named in the file), on a schema shaped
 * like that test's {@code MergeItem}.
 */
class StrategicMergePatchCasesTest {

  /** Kubernetes' {@code MergeItem}, renamed: see the header of strategic-cases.yaml. */
  static final PatchSchema SCHEMA = PatchSchema.builder()
      .mergeList("byName", "name")
      .mergeList("byName[].byName", "name")
      .mergeList("byName[].byName[].byName", "name")
      .mergeList("byPort", "port")
      .setList("ints")
      .replace("whole")
      .retainKeys("union")
      .mergeList("unionList", "name").retainKeys("unionList")
      .build();

  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    PatchFixtures.resource("strategic-cases.yaml").forEach(c -> out.add(Arguments.of(c.get("name").asText(), c)));
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void appliesLikeKubernetes(String name, JsonNode c) {
    JsonNode original = c.get("original");
    JsonNode before = original.deepCopy();
    byte[] body = PatchFixtures.bytes(c.get("patch"));
    if (c.has("error")) {
      assertThatThrownBy(() -> PatchEngine.apply(PatchType.STRATEGIC, original, body, Optional.of(SCHEMA)))
          .as("%s (mirrors %s)", name, c.path("mirrors").asText())
          .isInstanceOfSatisfying(PatchException.class, e -> {
            assertThat(e.code()).isEqualTo(c.get("error").get("code").asInt());
            assertThat(e.detail()).contains(c.get("error").get("text").asText());
          });
    } else {
      JsonNode result = PatchEngine.apply(PatchType.STRATEGIC, original, body, Optional.of(SCHEMA));
      assertThat(Json.same(result, c.get("result")))
          .as("%s (mirrors %s)%nexpected: %s%n     got: %s", name, c.path("mirrors").asText(), c.get("result"), result)
          .isTrue();
    }
    assertThat(original).as("the live object is not changed").isEqualTo(before);
  }
}
