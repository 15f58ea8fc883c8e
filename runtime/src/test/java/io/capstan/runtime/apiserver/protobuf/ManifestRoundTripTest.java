package io.capstan.runtime.apiserver.protobuf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.capstan.runtime.apiserver.protobuf.ProtobufCodecException.Reason;
import io.capstan.spi.api.KindRegistry;
import io.capstan.spi.api.KubeJson;
import io.capstan.tck.fixtures.Manifests;
import io.capstan.tck.fixtures.Manifests.Manifest;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The TCK's real-world manifests survive JSON → protobuf → JSON: every supported kind comes back
 * equal, and as the same fabric8 object, but for the apiVersion and kind of nested objects, which
 * protobuf has no field for. Manifests with fields Kubernetes does not have
 * ({@code unmodeled-*}) lose exactly those, as a Go client would; CRDs are refused as unsupported.
 */
class ManifestRoundTripTest {

  private static final ObjectMapper YAML = KubeJson.configure(new YAMLMapper());

  static final List<Manifest> MANIFESTS = Manifests.all();

  @ParameterizedTest(name = "{0}")
  @FieldSource("MANIFESTS")
  void roundTripsThroughProtobuf(Manifest manifest) throws IOException {
    JsonNode json = YAML.readTree(manifest.yaml());
    String apiVersion = json.get("apiVersion").asText();
    String kind = json.get("kind").asText();
    if (!KubeProtobuf.supports(apiVersion, kind)) {
      assertThat(kind).as("only CRDs are served as JSON alone").isEqualTo("CustomResourceDefinition");
      assertThatThrownBy(() -> KubeProtobuf.encode(json)).isInstanceOfSatisfying(ProtobufCodecException.class,
          e -> assertThat(e.reason()).isEqualTo(Reason.UNSUPPORTED_KIND));
      return;
    }

    DecodedObject back = KubeProtobuf.decode(KubeProtobuf.encode(json));

    assertThat(back.unknownFields()).isEmpty();
    if (manifest.hasUnmodeledFields()) {
      assertThat(JsonTrees.isContainedIn(back.json(), json)).as("what comes back was all in the manifest").isTrue();
      assertThat(back.json().at("/metadata/name")).isEqualTo(json.at("/metadata/name"));
      assertThat(back.json().at("/spec/selector")).isEqualTo(json.at("/spec/selector"));
    } else {
      JsonNode expected = withoutNestedTypeMeta(json);
      assertThat(JsonTrees.canonical(back.json())).isEqualTo(JsonTrees.canonical(expected));
      assertThat(back.json()).isEqualTo(expected);
      HasMetadata resource = KubeJson.mapper().treeToValue(expected,
          KindRegistry.builtIn().byApiVersionAndKind(apiVersion, kind).orElseThrow().javaType());
      assertThat(back.toResource(KindRegistry.builtIn())).isEqualTo(resource);
    }
  }

  /**
   * The manifest without apiVersion and kind on objects nested in others (a StatefulSet's
   * volumeClaimTemplates): TypeMeta has no protobuf field, so every protobuf client loses it there.
   */
  private static JsonNode withoutNestedTypeMeta(JsonNode json) {
    JsonNode copy = json.deepCopy();
    copy.at("/spec/volumeClaimTemplates").forEach(t -> ((ObjectNode) t).remove(List.of("apiVersion", "kind")));
    return copy;
  }
}
