package io.capstan.runtime.apiserver.patch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Paths, grafting and defaults of the schema builder. */
class PatchSchemaBuilderTest {

  @Test
  void pathsStepIntoListElementsAndMapValues() {
    PatchSchema s = PatchSchema.builder()
        .mergeList("spec.containers", "name")
        .mergeList("spec.containers[].env", "name")
        .setList("spec.byZone.*.hosts")
        .build();
    assertThat(PatchSchemaBuilder.segments("spec.containers[].env")).containsExactly("spec", "containers", "[]", "env");
    assertThat(s.at("spec.containers[].env").mergeKey()).isEqualTo("name");
    assertThat(s.at("spec.byZone.eu-west.hosts").setList()).isTrue();
    assertThat(s.at("spec.unknown.deeper").isEmpty()).isTrue();
    assertThat(s.field("nope")).isSameAs(PatchSchema.EMPTY);
  }

  @Test
  void mapKeysDefaultToTheMergeKeyAndMayCarryDefaults() {
    PatchSchema s = PatchSchema.builder().mergeList("a", "name").mergeList("b", "port", "port", "protocol=TCP").build();
    assertThat(s.at("a").mapKeys()).extracting(PatchSchema.ListMapKey::name).containsExactly("name");
    assertThat(s.at("b").mapKeys().get(1).defaultValue()).contains("TCP");
  }

  @Test
  void includeGraftsAFragmentAndKeepsWhatIsThere() {
    PatchSchema fragment = PatchSchema.builder().mergeList("containers", "name").build();
    PatchSchema s = PatchSchema.builder().atomic("spec.selector").include("spec", fragment).build();
    assertThat(s.at("spec.selector").atomic()).isTrue();
    assertThat(s.at("spec.containers").mergeList()).isTrue();
  }

  @Test
  void malformedPathsAreRefused() {
    assertThatThrownBy(() -> PatchSchema.builder().setList("a..b")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("a..b");
    assertThatThrownBy(() -> PatchSchema.builder().mapList("a")).isInstanceOf(IllegalArgumentException.class);
    assertThat(PatchSchemaBuilder.segments("")).isEqualTo(List.of());
  }
}
