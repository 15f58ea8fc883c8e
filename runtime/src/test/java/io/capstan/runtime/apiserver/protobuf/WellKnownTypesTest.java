package io.capstan.runtime.apiserver.protobuf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import io.capstan.runtime.apiserver.protobuf.ProtobufCodecException.Reason;
import io.capstan.spi.api.KubeJson;
import io.kubernetes.client.proto.IntStr;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.Resource;
import io.kubernetes.client.proto.Runtime;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Apps;
import io.kubernetes.client.proto.V1Coordination;
import io.kubernetes.client.proto.V1Events;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The apimachinery types with JSON of their own, both ways, as Go marshals them. */
class WellKnownTypesTest {

  private static final long NEW_YEAR_2025 = 1_735_689_600L;

  @Test
  void timeIsRfc3339InUtcToTheSecondAndNullWhenZero() {
    V1.Pod pod = V1.Pod.newBuilder().setMetadata(Meta.ObjectMeta.newBuilder().setName("p")
        .setCreationTimestamp(Meta.Time.newBuilder().setSeconds(NEW_YEAR_2025).setNanos(999_000_000))
        .setDeletionTimestamp(Meta.Time.newBuilder().setSeconds(0))).build();

    JsonNode meta = decode("v1", "Pod", pod.toByteString()).get("metadata");

    assertThat(meta.get("creationTimestamp").asText()).isEqualTo("2025-01-01T00:00:00Z");
    assertThat(meta.get("deletionTimestamp").asText()).as("seconds = 0 is the epoch, not zero")
        .isEqualTo("1970-01-01T00:00:00Z");
    V1.Pod empty = V1.Pod.newBuilder()
        .setMetadata(Meta.ObjectMeta.newBuilder().setCreationTimestamp(Meta.Time.getDefaultInstance())).build();
    assertThat(decode("v1", "Pod", empty.toByteString()).at("/metadata/creationTimestamp").isNull()).isTrue();
  }

  @Test
  void microTimeHasSixFractionDigits() {
    V1Events.Event event = V1Events.Event.newBuilder()
        .setEventTime(Meta.MicroTime.newBuilder().setSeconds(NEW_YEAR_2025).setNanos(123_456_789)).build();
    V1Coordination.Lease lease = V1Coordination.Lease.newBuilder().setSpec(V1Coordination.LeaseSpec.newBuilder()
        .setRenewTime(Meta.MicroTime.newBuilder().setSeconds(NEW_YEAR_2025)).setLeaseDurationSeconds(0)).build();

    assertThat(decode("events.k8s.io/v1", "Event", event.toByteString()).get("eventTime").asText())
        .isEqualTo("2025-01-01T00:00:00.123456Z");
    JsonNode spec = decode("coordination.k8s.io/v1", "Lease", lease.toByteString()).get("spec");
    assertThat(spec.get("renewTime").asText()).isEqualTo("2025-01-01T00:00:00.000000Z");
    assertThat(spec.get("leaseDurationSeconds").intValue()).as("a pointer field set to 0 stays").isZero();
  }

  @Test
  void timeTextInAnyOffsetEncodesToTheSameInstant() {
    JsonNode back = roundTrip("{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"creationTimestamp\":"
        + "\"2025-01-01T02:00:00+02:00\"}}");

    assertThat(back.at("/metadata/creationTimestamp").asText()).isEqualTo("2025-01-01T00:00:00Z");
    assertThatThrownBy(() -> KubeProtobuf.encode(json("{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":"
        + "{\"creationTimestamp\":\"yesterday\"}}"))).isInstanceOfSatisfying(ProtobufCodecException.class, e -> {
          assertThat(e.reason()).isEqualTo(Reason.UNENCODABLE_OBJECT);
          assertThat(e.getMessage()).contains("metadata.creationTimestamp").contains("'yesterday'");
        });
  }

  @Test
  void quantitiesAreTheirTextAndAZeroQuantityIsZero() {
    V1.ResourceQuota quota = V1.ResourceQuota.newBuilder().setSpec(V1.ResourceQuotaSpec.newBuilder()
        .putHard("cpu", quantity("1500m")).putHard("memory", quantity("1Gi")).putHard("pods", quantity(""))).build();

    JsonNode hard = decode("v1", "ResourceQuota", quota.toByteString()).at("/spec/hard");

    assertThat(hard.toString()).isEqualTo("{\"cpu\":\"1500m\",\"memory\":\"1Gi\",\"pods\":\"0\"}");
    assertThat(roundTrip("{\"apiVersion\":\"v1\",\"kind\":\"ResourceQuota\",\"spec\":{\"hard\":{\"cpu\":2}}}")
        .at("/spec/hard/cpu").asText()).as("YAML's bare numbers are quantities too").isEqualTo("2");
  }

  @Test
  void intOrStringIsABareNumberOrString() {
    V1Apps.Deployment d = V1Apps.Deployment.newBuilder().setSpec(V1Apps.DeploymentSpec.newBuilder()
        .setStrategy(V1Apps.DeploymentStrategy.newBuilder().setRollingUpdate(V1Apps.RollingUpdateDeployment
            .newBuilder().setMaxSurge(IntStr.IntOrString.newBuilder().setType(1).setStrVal("25%"))
            .setMaxUnavailable(IntStr.IntOrString.newBuilder().setType(0).setIntVal(0))))).build();

    JsonNode rolling = decode("apps/v1", "Deployment", d.toByteString()).at("/spec/strategy/rollingUpdate");

    assertThat(rolling.toString()).isEqualTo("{\"maxUnavailable\":0,\"maxSurge\":\"25%\"}");
    assertThat(roundTrip("{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"spec\":{\"strategy\":"
        + "{\"rollingUpdate\":{\"maxSurge\":\"25%\",\"maxUnavailable\":0}}}}").at("/spec/strategy/rollingUpdate"))
        .isEqualTo(rolling);
  }

  @Test
  void anIntOrStringOfAnUnknownTypeIsMalformed() {
    V1Apps.Deployment d = V1Apps.Deployment.newBuilder().setSpec(V1Apps.DeploymentSpec.newBuilder()
        .setStrategy(V1Apps.DeploymentStrategy.newBuilder().setRollingUpdate(V1Apps.RollingUpdateDeployment
            .newBuilder().setMaxSurge(IntStr.IntOrString.newBuilder().setType(7))))).build();

    assertThatThrownBy(() -> decode("apps/v1", "Deployment", d.toByteString()))
        .isInstanceOfSatisfying(ProtobufCodecException.class, e -> {
          assertThat(e.httpStatus()).isEqualTo(400);
          assertThat(e.getMessage()).startsWith("spec.strategy.rollingUpdate.maxSurge: IntOrString has type 7");
        });
    assertThatThrownBy(() -> KubeProtobuf.encode(json("{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\","
        + "\"spec\":{\"strategy\":{\"rollingUpdate\":{\"maxSurge\":1.5}}}}")))
        .hasMessageContaining("spec.strategy.rollingUpdate.maxSurge: an int-or-string must be");
  }

  @Test
  void rawExtensionsEmbedJsonOrAnotherEnvelope() {
    V1Apps.ControllerRevision json = V1Apps.ControllerRevision.newBuilder().setRevision(2)
        .setData(Runtime.RawExtension.newBuilder().setRaw(utf8("{\"spec\":{\"template\":{}}}"))).build();
    byte[] namespace = KubeProtobuf.encode(json("{\"apiVersion\":\"v1\",\"kind\":\"Namespace\","
        + "\"metadata\":{\"name\":\"inner\"}}"));
    V1Apps.ControllerRevision nested = V1Apps.ControllerRevision.newBuilder()
        .setData(Runtime.RawExtension.newBuilder().setRaw(ByteString.copyFrom(namespace))).build();
    V1Apps.ControllerRevision garbage = V1Apps.ControllerRevision.newBuilder()
        .setData(Runtime.RawExtension.newBuilder().setRaw(utf8("not json"))).build();

    assertThat(decode("apps/v1", "ControllerRevision", json.toByteString()).get("data").toString())
        .isEqualTo("{\"spec\":{\"template\":{}}}");
    assertThat(decode("apps/v1", "ControllerRevision", nested.toByteString()).get("data").toString())
        .isEqualTo("{\"kind\":\"Namespace\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"inner\"}}");
    assertThatThrownBy(() -> decode("apps/v1", "ControllerRevision", garbage.toByteString()))
        .isInstanceOfSatisfying(ProtobufCodecException.class, e -> assertThat(e.getMessage())
            .startsWith("data: embedded object is neither JSON nor"));
    assertThat(roundTrip("{\"apiVersion\":\"apps/v1\",\"kind\":\"ControllerRevision\",\"revision\":2,"
        + "\"data\":{\"spec\":{\"template\":{}}}}").get("data").toString()).isEqualTo("{\"spec\":{\"template\":{}}}");
  }

  @Test
  void envelopesNestedDeeperThanKubernetesEverDoesAreRefused() {
    ByteString inner = utf8("{}");
    for (int level = 0; level <= KubeProtobuf.MAX_NESTED_ENVELOPES + 1; level++) {
      V1Apps.ControllerRevision revision = V1Apps.ControllerRevision.newBuilder()
          .setData(Runtime.RawExtension.newBuilder().setRaw(inner)).build();
      inner = ByteString.copyFrom(new Envelope("apps/v1", "ControllerRevision", revision.toByteString(), "", "")
          .toBytes());
      if (level == KubeProtobuf.MAX_NESTED_ENVELOPES) {
        assertThat(KubeProtobuf.decode(inner.toByteArray()).json().at("/data/data/data/data").toString())
            .isEqualTo("{}");
      }
    }
    byte[] tooDeep = inner.toByteArray();

    assertThatThrownBy(() -> KubeProtobuf.decode(tooDeep)).isInstanceOfSatisfying(ProtobufCodecException.class,
        e -> {
          assertThat(e.reason()).isEqualTo(Reason.MALFORMED_OBJECT);
          assertThat(e.getMessage()).contains("nested more than " + KubeProtobuf.MAX_NESTED_ENVELOPES + " deep");
        });
  }

  @Test
  void managedFieldsCarryTheirFieldSetAsJson() {
    V1.ConfigMap cm = V1.ConfigMap.newBuilder().setMetadata(Meta.ObjectMeta.newBuilder().setName("c")
        .addManagedFields(Meta.ManagedFieldsEntry.newBuilder().setManager("kubectl").setOperation("Update")
            .setFieldsType("FieldsV1").setFieldsV1(Meta.FieldsV1.newBuilder().setRaw(utf8("{\"f:data\":{}}")))))
        .build();

    JsonNode entry = decode("v1", "ConfigMap", cm.toByteString()).at("/metadata/managedFields/0");

    assertThat(entry.toString()).isEqualTo("{\"manager\":\"kubectl\",\"operation\":\"Update\","
        + "\"fieldsType\":\"FieldsV1\",\"fieldsV1\":{\"f:data\":{}}}");
  }

  @Test
  void bytesAreBase64() {
    V1.ConfigMap cm = V1.ConfigMap.newBuilder()
        .putBinaryData("bin", ByteString.copyFrom(new byte[] {(byte) 0xff, 0x00})).putData("empty", "").build();

    JsonNode decoded = decode("v1", "ConfigMap", cm.toByteString());

    assertThat(decoded.at("/binaryData/bin").asText()).isEqualTo("/wA=");
    assertThat(decoded.at("/data/empty").asText()).as("map values are written even when empty").isEmpty();
    assertThat(roundTrip(decoded.toString())).isEqualTo(decoded);
  }

  private static Resource.Quantity quantity(String text) {
    return Resource.Quantity.newBuilder().setString(text).build();
  }

  private static ByteString utf8(String text) {
    return ByteString.copyFrom(text, StandardCharsets.UTF_8);
  }

  private static ObjectNode decode(String apiVersion, String kind, ByteString raw) {
    return KubeProtobuf.decode(new Envelope(apiVersion, kind, raw, "", "").toBytes()).json();
  }

  private static JsonNode roundTrip(String text) {
    return KubeProtobuf.decode(KubeProtobuf.encode(json(text))).json();
  }

  static JsonNode json(String text) {
    try {
      return KubeJson.mapper().readTree(text);
    } catch (IOException e) {
      throw new IllegalArgumentException(text, e);
    }
  }
}
