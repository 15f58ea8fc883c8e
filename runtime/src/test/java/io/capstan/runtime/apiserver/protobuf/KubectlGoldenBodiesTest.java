package io.capstan.runtime.apiserver.protobuf;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Every body kubectl 1.32 sent decodes to exactly the JSON the same command sends as
 * application/json: same fields, same zero-value omissions ({@code generateName: ""} and friends
 * gone, {@code replicas: 0} kept), {@code creationTimestamp: null}, base64 secret data, an integer
 * targetPort. Runs without kubectl.
 */
class KubectlGoldenBodiesTest {

  static final java.util.List<String> NAMES = Goldens.NAMES;

  @ParameterizedTest(name = "{0}")
  @FieldSource("NAMES")
  void decodesToWhatTheJsonClientSends(String name) {
    DecodedObject decoded = KubeProtobuf.decode(Goldens.body(name));

    JsonNode expected = Goldens.json(name);
    assertThat(decoded.json().toPrettyString()).isEqualTo(expected.toPrettyString());
    assertThat(decoded.json()).isEqualTo(expected);
    assertThat(decoded.apiVersion()).isEqualTo(expected.get("apiVersion").asText());
    assertThat(decoded.kind()).isEqualTo(expected.get("kind").asText());
    assertThat(decoded.unknownFields()).as("the 1.35 schema knows every field kubectl 1.32 writes").isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @FieldSource("NAMES")
  void reencodesToABodyThatDecodesTheSame(String name) {
    // up to creationTimestamp: null, which the encoder leaves unset (Go reads unset and null alike)
    DecodedObject decoded = KubeProtobuf.decode(Goldens.body(name));

    byte[] again = KubeProtobuf.encode(decoded.json());

    assertThat(KubeProtobuf.hasMagic(again)).isTrue();
    assertThat(KubeProtobuf.decode(again).json()).isEqualTo(JsonTrees.withoutNulls(decoded.json()));
  }
}
