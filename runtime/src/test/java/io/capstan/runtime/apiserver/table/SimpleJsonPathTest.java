package io.capstan.runtime.apiserver.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.capstan.spi.api.KubeJson;
import org.junit.jupiter.api.Test;

class SimpleJsonPathTest {

  private static final JsonNode DOC = read("{\"spec\":{\"replicas\":3,\"ports\":[{\"port\":80},{\"port\":443}]},"
      + "\"metadata\":{\"labels\":{\"app.kubernetes.io/name\":\"web\"}},\"status\":{\"gone\":null}}");

  private static JsonNode read(String json) {
    try {
      return KubeJson.mapper().readTree(json);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void findsFieldsIndexesAndQuotedKeys() {
    assertThat(SimpleJsonPath.parse(".spec.replicas").find(DOC)).contains(DOC.at("/spec/replicas"));
    assertThat(SimpleJsonPath.parse("{.spec.ports[1].port}").find(DOC).orElseThrow().asInt()).isEqualTo(443);
    assertThat(SimpleJsonPath.parse(".spec.ports[-1].port").find(DOC).orElseThrow().asInt()).isEqualTo(443);
    assertThat(SimpleJsonPath.parse(".metadata.labels['app.kubernetes.io/name']").find(DOC).orElseThrow().asText())
        .isEqualTo("web");
    assertThat(SimpleJsonPath.parse("$.metadata.labels[\"app.kubernetes.io/name\"]").find(DOC)).isPresent();
    assertThat(SimpleJsonPath.parse(".spec.ports[5].port").find(DOC)).isEmpty();
    assertThat(SimpleJsonPath.parse(".spec.replicas.deeper").find(DOC)).isEmpty();
    assertThat(SimpleJsonPath.parse(".status.gone").find(DOC)).isEmpty();
    assertThat(SimpleJsonPath.parse(".spec.replicas")).hasToString(".spec.replicas");
  }

  @Test
  void rejectsWhatItDoesNotUnderstandWithThePosition() {
    assertThatThrownBy(() -> SimpleJsonPath.parse("spec.replicas")).hasMessageContaining("position 0");
    assertThatThrownBy(() -> SimpleJsonPath.parse(".spec..x")).hasMessageContaining("position 5");
    assertThatThrownBy(() -> SimpleJsonPath.parse(".spec[x]")).hasMessageContaining("array index");
    assertThatThrownBy(() -> SimpleJsonPath.parse(".spec[0")).hasMessageContaining("']'");
  }
}
