package io.capstan.runtime.apiserver.patch;

import static io.capstan.runtime.apiserver.patch.PatchFixtures.bytes;
import static io.capstan.runtime.apiserver.patch.PatchFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.capstan.spi.client.PatchType;
import io.fabric8.kubernetes.api.model.Status;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The entry point: dispatch, body errors and the codes Kubernetes answers with. */
class PatchEngineTest {

  private static final JsonNode LIVE = json("{'apiVersion':'v1','kind':'ConfigMap','metadata':{'name':'c'},"
      + "'data':{'a':'1'},'list':[1,2,3]}");
  private static final Optional<PatchSchema> CONFIG_MAP = PatchSchemas.forKind("", "v1", "ConfigMap");

  private static PatchException failure(PatchType type, String body, Optional<PatchSchema> schema) {
    try {
      PatchEngine.apply(type, LIVE, bytes(body), schema);
    } catch (PatchException e) {
      return e;
    }
    throw new AssertionError("expected a PatchException for " + type + " " + body);
  }

  @Test
  void jsonPatchAppliesOperations() {
    JsonNode out = PatchEngine.apply(PatchType.JSON, LIVE, bytes("[{\"op\":\"test\",\"path\":\"/data/a\",\"value\":\"1\"},"
        + "{\"op\":\"replace\",\"path\":\"/data/a\",\"value\":\"2\"},{\"op\":\"add\",\"path\":\"/list/-\",\"value\":4},"
        + "{\"op\":\"remove\",\"path\":\"/list/0\"},{\"op\":\"copy\",\"from\":\"/data/a\",\"path\":\"/data/b\"}]"),
        Optional.empty());
    assertThat(out.at("/data")).isEqualTo(json("{'a':'2','b':'2'}"));
    assertThat(out.at("/list")).isEqualTo(json("[2,3,4]"));
    assertThat(LIVE.at("/data/a").asText()).isEqualTo("1");
  }

  @Test
  void failedJsonPatchTestIs422WithKubernetesGenericMessageAndTheCause() {
    PatchException e = failure(PatchType.JSON, "[{\"op\":\"test\",\"path\":\"/data/a\",\"value\":\"9\"}]", Optional.empty());
    assertThat(e.code()).isEqualTo(422);
    assertThat(e.reason()).isEqualTo("Invalid");
    assertThat(e.getMessage()).isEqualTo("the server rejected our request due to an error in our request");
    assertThat(e.detail()).isEqualTo("testing value /data/a failed: test failed");
    Status status = e.toStatus();
    assertThat(status.getCode()).isEqualTo(422);
    assertThat(status.getStatus()).isEqualTo("Failure");
    assertThat(status.getDetails().getCauses().get(0).getReason()).isEqualTo("UnexpectedServerResponse");
  }

  @Test
  void jsonPatchOnAMissingPathIs422() {
    assertThat(failure(PatchType.JSON, "[{\"op\":\"replace\",\"path\":\"/spec/x\",\"value\":1}]", Optional.empty())
        .code()).isEqualTo(422);
    assertThat(failure(PatchType.JSON, "[{\"op\":\"remove\",\"path\":\"/nope\"}]", Optional.empty()).detail())
        .contains("remove operation does not apply");
    assertThat(failure(PatchType.JSON, "[{\"op\":\"frobnicate\",\"path\":\"/a\"}]", Optional.empty()).detail())
        .isEqualTo("Unexpected kind: frobnicate");
  }

  @Test
  void jsonPatchBodyMustBeAnArray() {
    PatchException e = failure(PatchType.JSON, "{\"op\":\"add\"}", Optional.empty());
    assertThat(e.code()).isEqualTo(400);
    assertThat(e.getMessage()).isEqualTo("json: cannot unmarshal object into Go value of type jsonpatch.Patch");
  }

  @Test
  void tooManyJsonPatchOperationsIs413() {
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i <= JsonPatches.MAX_OPERATIONS; i++) {
      b.append(i == 0 ? "" : ",").append("{\"op\":\"test\",\"path\":\"/data/a\",\"value\":\"1\"}");
    }
    PatchException e = failure(PatchType.JSON, b.append(']').toString(), Optional.empty());
    assertThat(e.code()).isEqualTo(413);
    assertThat(e.getMessage()).isEqualTo("The allowed maximum operations in a JSON patch is 10000, got 10001");
  }

  @ParameterizedTest
  @EnumSource(value = PatchType.class, names = "APPLY", mode = EnumSource.Mode.EXCLUDE) // apply has its own entry point
  void malformedBodiesAre400(PatchType type) {
    assertThat(failure(type, "{not json", CONFIG_MAP).code()).isEqualTo(400);
    assertThat(failure(type, "", CONFIG_MAP).code()).isEqualTo(400);
  }

  @Test
  void mergePatchOfNullIsInvalidJsonPatch() {
    PatchException e = failure(PatchType.MERGE, "null", Optional.empty());
    assertThat(e.code()).isEqualTo(400);
    assertThat(e.getMessage()).isEqualTo("Invalid JSON Patch");
  }

  @Test
  void aPatchWhoseResultIsNotAnObjectIs422() {
    assertThat(failure(PatchType.MERGE, "[1]", Optional.empty()).code()).isEqualTo(422);
    assertThat(failure(PatchType.JSON, "[{\"op\":\"replace\",\"path\":\"\",\"value\":3}]", Optional.empty()).code())
        .isEqualTo(422);
  }

  @Test
  void strategicMergePatchWithoutSchemaIs415LikeACustomResource() {
    PatchException e = failure(PatchType.STRATEGIC, "{\"spec\":{}}", Optional.empty());
    assertThat(e.code()).isEqualTo(415);
    assertThat(e.reason()).isEqualTo("UnsupportedMediaType");
    assertThat(e.getMessage()).isEqualTo("the body of the request was in an unknown format - accepted media types "
        + "include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml");
  }

  @Test
  void strategicMergePatchBodyMustBeAnObject() {
    PatchException e = failure(PatchType.STRATEGIC, "[1]", CONFIG_MAP);
    assertThat(e.code()).isEqualTo(400);
    assertThat(e.getMessage()).isEqualTo("json: cannot unmarshal array into Go value of type map[string]interface {}");
    assertThat(PatchEngine.apply(PatchType.STRATEGIC, LIVE, bytes("null"), CONFIG_MAP)).isEqualTo(LIVE);
  }

  @Test
  void duplicateKeysInABodyAre400() {
    assertThatThrownBy(() -> PatchEngine.apply(PatchType.MERGE, LIVE, bytes("{\"a\":1,\"a\":2}"), Optional.empty()))
        .isInstanceOfSatisfying(PatchException.class, e -> assertThat(e.code()).isEqualTo(400));
  }

  @Test
  void strategicMergePatchWithEmptySchemaActsAsMergePatch() {
    JsonNode smp = PatchEngine.apply(PatchType.STRATEGIC, LIVE, bytes("{\"data\":{\"a\":null,\"b\":\"2\"},\"list\":[9]}"),
        CONFIG_MAP);
    JsonNode merge = PatchEngine.apply(PatchType.MERGE, LIVE, bytes("{\"data\":{\"a\":null,\"b\":\"2\"},\"list\":[9]}"),
        Optional.empty());
    assertThat(smp).isEqualTo(merge);
  }
}
