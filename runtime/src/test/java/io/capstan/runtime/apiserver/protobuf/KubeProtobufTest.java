package io.capstan.runtime.apiserver.protobuf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.UnknownFieldSet;
import io.capstan.runtime.apiserver.protobuf.ProtobufCodecException.Reason;
import io.capstan.spi.api.KindRegistry;
import io.capstan.spi.api.KubeJson;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.policy.v1.Eviction;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Policy;
import java.nio.charset.StandardCharsets;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** The envelope, the errors and their HTTP statuses, DeleteOptions, unknown fields, and the parser in use. */
class KubeProtobufTest {

  private static final ByteString NAMESPACE =
      V1.Namespace.newBuilder().setMetadata(Meta.ObjectMeta.newBuilder().setName("demo")).build().toByteString();

  @Test
  void aBodyWithoutTheMagicIsInAnUnknownFormat() {
    assertRefused(() -> KubeProtobuf.decode("{\"kind\":\"Namespace\"}".getBytes(StandardCharsets.UTF_8)),
        Reason.UNKNOWN_FORMAT, 415, "magic");
    assertRefused(() -> KubeProtobuf.decode(new byte[] {0x6b, 0x38, 0x73}), Reason.UNKNOWN_FORMAT, 415, "magic");
    assertThat(KubeProtobuf.hasMagic(new byte[0])).isFalse();
  }

  @Test
  void anEnvelopeThatDoesNotParseIsInAnUnknownFormat() {
    // field 1 (typeMeta) announces 127 bytes that are not there
    assertRefused(() -> KubeProtobuf.decode(new byte[] {0x6b, 0x38, 0x73, 0x00, 0x0a, 0x7f}),
        Reason.UNKNOWN_FORMAT, 415, "envelope does not parse");
  }

  @Test
  void aCompressedOrForeignEnvelopeIsInAnUnknownFormat() {
    assertRefused(() -> KubeProtobuf.decode(new Envelope("v1", "Namespace", NAMESPACE, "gzip", "").toBytes()),
        Reason.UNKNOWN_FORMAT, 415, "content encoding 'gzip'");
    assertRefused(() -> KubeProtobuf.decode(
        new Envelope("v1", "Namespace", NAMESPACE, "", "application/json").toBytes()),
        Reason.UNKNOWN_FORMAT, 415, "content type 'application/json'");
  }

  @Test
  void theProtobufContentTypeInsideTheEnvelopeIsAccepted() {
    DecodedObject ns = KubeProtobuf.decode(new Envelope("v1", "Namespace", NAMESPACE, "", KubeProtobuf.MEDIA_TYPE)
        .toBytes());

    assertThat(ns.json().at("/metadata/name").asText()).isEqualTo("demo");
  }

  @Test
  void anUnsupportedKindIs415WithKubernetesMessageAndTheKind() {
    assertRefused(() -> KubeProtobuf.decode(new Envelope("widgets.example.com/v1", "Widget", NAMESPACE, "", "")
        .toBytes()), Reason.UNSUPPORTED_KIND, 415, "kind Widget of widgets.example.com/v1");
    assertRefused(() -> KubeProtobuf.decode(new Envelope("", "", NAMESPACE, "", "").toBytes()),
        Reason.UNSUPPORTED_KIND, 415, "an object without a kind of no apiVersion");
  }

  @Test
  void objectBytesThatDoNotParseAreABadRequest() {
    ByteString truncated = NAMESPACE.substring(0, NAMESPACE.size() - 2);
    assertRefused(() -> KubeProtobuf.decode(new Envelope("v1", "Namespace", truncated, "", "").toBytes()),
        Reason.MALFORMED_OBJECT, 400, "kind Namespace (v1) does not parse");
  }

  @Test
  void wireFieldsTheSchemaDoesNotKnowAreDroppedAndReported() {
    UnknownFieldSet field99 = UnknownFieldSet.newBuilder()
        .addField(99, UnknownFieldSet.Field.newBuilder().addVarint(1).build()).build();
    V1.Namespace ns = V1.Namespace.newBuilder()
        .setMetadata(Meta.ObjectMeta.newBuilder().setName("demo").setUnknownFields(field99))
        .setUnknownFields(field99).build();

    DecodedObject decoded = KubeProtobuf.decode(new Envelope("v1", "Namespace", ns.toByteString(), "", "").toBytes());

    assertThat(decoded.unknownFields()).containsExactly("metadata.#99", "#99");
    assertThat(decoded.json().toString()).isEqualTo("{\"kind\":\"Namespace\",\"apiVersion\":\"v1\","
        + "\"metadata\":{\"name\":\"demo\"}}");
  }

  @Test
  void deleteOptionsAreReadUnderTheClientsGroupVersionWithAZeroGracePeriodKept() {
    Meta.DeleteOptions options =
        Meta.DeleteOptions.newBuilder().setGracePeriodSeconds(0).setPropagationPolicy("Foreground").build();

    DecodedObject decoded =
        KubeProtobuf.decode(new Envelope("apps/v1", "DeleteOptions", options.toByteString(), "", "").toBytes());

    assertThat(decoded.json().toString()).isEqualTo("{\"kind\":\"DeleteOptions\",\"apiVersion\":\"apps/v1\","
        + "\"gracePeriodSeconds\":0,\"propagationPolicy\":\"Foreground\"}");
  }

  @Test
  void decodedObjectsReadAsFabric8Objects() {
    DecodedObject ns = KubeProtobuf.decode(new Envelope("v1", "Namespace", NAMESPACE, "", "").toBytes());
    assertThat(ns.toResource(KindRegistry.builtIn())).isInstanceOfSatisfying(Namespace.class,
        n -> assertThat(n.getMetadata().getName()).isEqualTo("demo"));

    V1Policy.Eviction eviction = V1Policy.Eviction.newBuilder()
        .setMetadata(Meta.ObjectMeta.newBuilder().setName("web-0").setNamespace("prod"))
        .setDeleteOptions(Meta.DeleteOptions.newBuilder().setGracePeriodSeconds(30)).build();
    DecodedObject decoded =
        KubeProtobuf.decode(new Envelope("policy/v1", "Eviction", eviction.toByteString(), "", "").toBytes());
    assertThat(decoded.as(Eviction.class).getDeleteOptions().getGracePeriodSeconds()).isEqualTo(30L);
    assertRefused(() -> decoded.toResource(KindRegistry.builtIn()), Reason.MALFORMED_OBJECT, 400,
        "the object provided is unrecognized: kind Eviction of policy/v1");
  }

  @Test
  void encodeWritesTheEnvelopeAsGoDoes() throws Exception {
    byte[] body =
        KubeProtobuf.encode(json("{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"demo\"}}"));

    assertThat(KubeProtobuf.hasMagic(body)).isTrue();
    Envelope envelope = Envelope.parse(body);
    assertThat(envelope).isEqualTo(new Envelope("v1", "Namespace", NAMESPACE, "", ""));
    // Go writes the empty contentEncoding and contentType fields too: tags 0x1a and 0x22, length 0
    assertThat(body).endsWith(0x1a, 0x00, 0x22, 0x00);
  }

  @Test
  void listsEncodeTheirItemsWithoutPerItemTypeMeta() {
    byte[] body = KubeProtobuf.encode(json("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMapList\",\"metadata\":"
        + "{\"resourceVersion\":\"42\"},\"items\":[{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\","
        + "\"metadata\":{\"name\":\"a\"},\"data\":{\"k\":\"v\"}},{\"metadata\":{\"name\":\"b\"}}]}"));

    assertThat(KubeProtobuf.decode(body).json().toString()).isEqualTo("{\"kind\":\"ConfigMapList\","
        + "\"apiVersion\":\"v1\",\"metadata\":{\"resourceVersion\":\"42\"},\"items\":[{\"metadata\":"
        + "{\"name\":\"a\"},\"data\":{\"k\":\"v\"}},{\"metadata\":{\"name\":\"b\"}}]}");
  }

  @Test
  void encodeNeedsAKindItHasASchemaFor() {
    assertRefused(() -> KubeProtobuf.encode(json("{\"metadata\":{\"name\":\"x\"}}")), Reason.UNENCODABLE_OBJECT, 500,
        "needs apiVersion and kind");
    assertRefused(() -> KubeProtobuf.encode(json("{\"apiVersion\":\"example.com/v1\",\"kind\":\"Widget\"}")),
        Reason.UNSUPPORTED_KIND, 415, "Widget");
  }

  @Test
  void encodeRefusesValuesOfTheWrongTypeNamingTheirPath() {
    assertRefused(() -> KubeProtobuf.encode(json("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\","
        + "\"metadata\":{\"name\":5}}")), Reason.UNENCODABLE_OBJECT, 500, "metadata.name: expected a string");
    assertRefused(() -> KubeProtobuf.encode(json("{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\","
        + "\"spec\":{\"replicas\":\"3\"}}")), Reason.UNENCODABLE_OBJECT, 500, "spec.replicas: expected a 32-bit");
    assertRefused(() -> KubeProtobuf.encode(json("{\"apiVersion\":\"v1\",\"kind\":\"Secret\","
        + "\"data\":{\"k\":\"not base64!\"}}")), Reason.UNENCODABLE_OBJECT, 500, "data[k]: not valid base64");
    assertRefused(() -> KubeProtobuf.encode(json("{\"apiVersion\":\"v1\",\"kind\":\"Pod\","
        + "\"spec\":{\"containers\":{}}}")), Reason.UNENCODABLE_OBJECT, 500, "spec.containers: expected an array");
  }

  @Test
  void encodeLeavesOutPropertiesTheSchemaDoesNotHaveAndNulls() {
    byte[] body = KubeProtobuf.encode(json("{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":"
        + "\"demo\",\"x-extra\":true,\"uid\":null},\"futureField\":{\"a\":1}}"));

    assertThat(KubeProtobuf.decode(body).json().toString())
        .isEqualTo("{\"kind\":\"Namespace\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"demo\"}}");
  }

  /**
   * client-java-proto 27's generated parsers are pre-3.21.7 protoc output (CVE-2022-3171); with
   * protobuf's error switch on they throw, so a codec that used them would fail here.
   */
  @Test
  void noVulnerableGeneratedParserIsUsed() throws Exception {
    String property = "com.google.protobuf.error_on_unsafe_pre22_gencode";
    String before = System.getProperty(property);
    System.setProperty(property, "true");
    try {
      assertThatThrownBy(() -> V1.Namespace.parseFrom(NAMESPACE)).isInstanceOf(UnsupportedOperationException.class);
      for (String name : Goldens.NAMES) {
        DecodedObject decoded = KubeProtobuf.decode(Goldens.body(name));
        assertThat(KubeProtobuf.decode(KubeProtobuf.encode(decoded.json())).kind()).isEqualTo(decoded.kind());
      }
    } finally {
      if (before == null) {
        System.clearProperty(property);
      } else {
        System.setProperty(property, before);
      }
    }
  }

  private static JsonNode json(String text) {
    try {
      return KubeJson.mapper().readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(text, e);
    }
  }

  private static void assertRefused(ThrowingCallable call, Reason reason, int status, String detail) {
    assertThatThrownBy(call).isInstanceOfSatisfying(ProtobufCodecException.class, e -> {
      assertThat(e.reason()).isEqualTo(reason);
      assertThat(e.httpStatus()).isEqualTo(status);
      assertThat(e.getMessage()).contains(detail);
      if (status == 415) {
        assertThat(e.getMessage()).startsWith(KubeProtobuf.UNKNOWN_FORMAT_MESSAGE);
      }
    });
  }
}
