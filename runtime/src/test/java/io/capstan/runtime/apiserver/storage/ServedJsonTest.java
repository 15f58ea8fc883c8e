package io.capstan.runtime.apiserver.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.capstan.spi.api.KindRegistry;
import io.capstan.spi.api.KubeJson;
import io.capstan.spi.api.ResourceKind;
import io.capstan.spi.store.Bytes;
import io.capstan.spi.store.KeyValue;
import io.capstan.tck.fixtures.Manifests;
import io.capstan.tck.fixtures.Manifests.Manifest;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The JSON served from stored bytes is byte for byte what decoding the stored value and encoding
 * the object again gives (the path it replaces), for every TCK manifest and for metadata with any
 * combination of fields; bytes of an unexpected shape fall back to that path.
 */
class ServedJsonTest {

  private static final ObjectMapper YAML = KubeJson.configure(new YAMLMapper());
  private static final ObjectCodec CODEC = new ObjectCodec();
  private static final KindRegistry KINDS = KindRegistry.builtIn();

  static final List<Manifest> MANIFESTS = Manifests.all();

  @ParameterizedTest(name = "{0}")
  @FieldSource("MANIFESTS")
  void everyManifestIsServedFromItsStoredBytesAsDecodingAndEncodingWould(Manifest manifest) throws IOException {
    JsonNode json = YAML.readTree(manifest.yaml());
    ResourceKind kind = KINDS.byApiVersionAndKind(json.get("apiVersion").asText(), json.get("kind").asText()).orElseThrow();
    HasMetadata object = KubeJson.mapper().treeToValue(json, kind.javaType());
    object.getMetadata().setUid("6c1f2f2e-0000-4000-8000-000000000001");
    object.getMetadata().setCreationTimestamp("2026-11-27T08:00:00Z");

    assertServedAsDecoded(kind, CODEC.encode(object), 4711);
  }

  @Property(tries = 300)
  void anyMetadataIsServedAsDecodingAndEncodingWould(@ForAll("metadata") ObjectMeta metadata,
      @ForAll @LongRange(min = 1, max = Long.MAX_VALUE) long revision) {
    Pod pod = new PodBuilder().withMetadata(metadata).withNewSpec().addNewContainer().withName("c").withImage("i")
        .endContainer().endSpec().build();

    assertServedAsDecoded(kind(Pod.class), CODEC.encode(pod), revision);
  }

  @Test
  void aCustomResourceIsServedFromItsStoredBytes() {
    GenericKubernetesResource crontab = new GenericKubernetesResource();
    crontab.setApiVersion("stable.example.com/v1");
    crontab.setKind("CronTab");
    crontab.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName("c").withNamespace("default").build());
    crontab.setAdditionalProperty("spec", Map.of("cronSpec", "* * * * */5"));
    ResourceKind kind = ResourceKind.of("stable.example.com", "v1", "CronTab", "crontabs", true, GenericKubernetesResource.class);

    assertServedAsDecoded(kind, CODEC.encode(crontab), 9);
  }

  @Test
  void bytesOfAnotherShapeAreDecodedAndEncoded() {
    ResourceKind pods = kind(Pod.class);
    for (String stored : List.of(
        "{\"metadata\":{\"name\":\"no-type-meta\"},\"spec\":{}}", // decoding fills apiVersion and kind in
        "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"p\",\"resourceVersion\":\"3\"}}",
        "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"p\",\"uid\":\"u\",\"resourceVersion\":\"3\"}}",
        "{\"kind\":\"Pod\",\"metadata\":{\"name\":\"no-api-version\"}}")) {
      Bytes bytes = Bytes.utf8(stored);
      assertThat(ServedJson.withResourceVersion(bytes.toByteArray(), 5)).as(stored).isEmpty();
      assertThat(new String(CODEC.servedJson(pods, kv(bytes, 5), 5), StandardCharsets.UTF_8))
          .isEqualTo(new String(encode(CODEC.decode(pods, kv(bytes, 5))), StandardCharsets.UTF_8));
    }
  }

  @Test
  void aDeleteIsServedWithTheDeletesRevision() {
    Pod pod = new PodBuilder().withNewMetadata().withName("p").withNamespace("ns").withUid("u").endMetadata().build();
    KeyValue previous = kv(CODEC.encode(pod), 7);

    assertThat(new String(CODEC.servedJson(kind(Pod.class), previous, 12), StandardCharsets.UTF_8))
        .contains("\"namespace\":\"ns\",\"resourceVersion\":\"12\",\"uid\":\"u\"");
  }

  private static void assertServedAsDecoded(ResourceKind kind, Bytes stored, long revision) {
    KeyValue kv = kv(stored, revision);
    byte[] expected = encode(CODEC.decode(kind, kv));

    assertThat(ServedJson.withResourceVersion(stored.toByteArray(), revision)).as("served from the stored bytes").isPresent();
    assertThat(new String(CODEC.servedJson(kind, kv, revision), StandardCharsets.UTF_8))
        .isEqualTo(new String(expected, StandardCharsets.UTF_8));
  }

  private static KeyValue kv(Bytes value, long revision) {
    return KeyValue.of(Bytes.utf8("/registry/x"), value, 1, revision, 1);
  }

  private static byte[] encode(HasMetadata object) {
    try {
      return KubeJson.mapper().writeValueAsBytes(object);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static ResourceKind kind(Class<? extends HasMetadata> type) {
    return KINDS.forClass(type).orElseThrow();
  }

  @Provide
  Arbitrary<ObjectMeta> metadata() {
    Arbitrary<String> word = Arbitraries.strings().withChars("abcxyz-\"\\é").ofMinLength(1).ofMaxLength(6);
    Arbitrary<Set<String>> present = Arbitraries.of("annotations", "creationTimestamp", "deletionGracePeriodSeconds",
        "deletionTimestamp", "finalizers", "generateName", "generation", "labels", "managedFields", "name", "namespace",
        "ownerReferences", "selfLink", "uid", "unknown").set();
    return net.jqwik.api.Combinators.combine(present, word, word).as((fields, a, b) -> {
      ObjectMeta meta = new ObjectMeta();
      for (String field : fields) {
        switch (field) {
          case "annotations" -> meta.setAnnotations(Map.of(a, b, "~" + a, "{\"x\":1}"));
          case "creationTimestamp" -> meta.setCreationTimestamp("2026-11-27T08:00:00Z");
          case "deletionGracePeriodSeconds" -> meta.setDeletionGracePeriodSeconds(30L);
          case "deletionTimestamp" -> meta.setDeletionTimestamp("2026-11-27T08:01:00Z");
          case "finalizers" -> meta.setFinalizers(List.of("example.com/" + a));
          case "generateName" -> meta.setGenerateName(a);
          case "generation" -> meta.setGeneration(3L);
          case "labels" -> meta.setLabels(Map.of("app", a));
          case "managedFields" -> meta.setManagedFields(List.of(new ManagedFieldsEntryBuilder().withManager(a)
              .withOperation("Apply").withApiVersion("v1").withFieldsType("FieldsV1").build()));
          case "name" -> meta.setName(a);
          case "namespace" -> meta.setNamespace(b);
          case "ownerReferences" -> meta.setOwnerReferences(List.of(new OwnerReferenceBuilder().withApiVersion("apps/v1")
              .withKind("ReplicaSet").withName(a).withUid("u-" + b).build()));
          case "selfLink" -> meta.setSelfLink("/api/v1/" + a);
          case "uid" -> meta.setUid("uid-" + b);
          default -> meta.setAdditionalProperty("zUnknown" + a, Map.of("k", b));
        }
      }
      return meta;
    });
  }
}
