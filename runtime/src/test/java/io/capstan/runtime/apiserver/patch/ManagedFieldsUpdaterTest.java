package io.capstan.runtime.apiserver.patch;

import static io.capstan.runtime.apiserver.patch.PatchFixtures.T1;
import static io.capstan.runtime.apiserver.patch.PatchFixtures.T2;
import static io.capstan.runtime.apiserver.patch.PatchFixtures.bytes;
import static io.capstan.runtime.apiserver.patch.PatchFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.capstan.spi.client.PatchType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Managed fields for creates, updates and non-apply patches (the field manager's Update path). */
class ManagedFieldsUpdaterTest {

  private static final PatchSchema CONFIG_MAP = PatchSchemas.forKind("", "v1", "ConfigMap").orElseThrow();
  private static final FieldManagerContext CREATE = FieldManagerContext.of("kubectl-create", "v1", T1);

  private static ObjectNode configMap() {
    return (ObjectNode) json("{'apiVersion':'v1','kind':'ConfigMap','metadata':{'name':'c','namespace':'default',"
        + "'uid':'u','resourceVersion':'1','creationTimestamp':'2025-01-01T00:00:00Z','labels':{'app':'c'}},"
        + "'data':{'a':'1','b':'2'}}");
  }

  private static List<String> entries(JsonNode object) {
    List<String> out = new ArrayList<>();
    object.at("/metadata/managedFields").forEach(e -> out.add(e.get("manager").asText() + "/"
        + e.get("operation").asText() + "@" + e.path("time").asText() + e.path("subresource").asText("")));
    return out;
  }

  @Test
  void aCreateRecordsEveryFieldButServerMetadata() {
    ObjectNode out = PatchEngine.recordUpdate(Optional.empty(), configMap(), CONFIG_MAP, CREATE);

    JsonNode entry = out.at("/metadata/managedFields/0");
    assertThat(entry).isEqualTo(json("{'manager':'kubectl-create','operation':'Update','apiVersion':'v1',"
        + "'time':'2025-03-01T10:00:00Z','fieldsType':'FieldsV1','fieldsV1':{'f:data':{'f:a':{},'f:b':{}},"
        + "'f:metadata':{'f:labels':{'f:app':{}}}}}"));
  }

  @Test
  void anUpdateTakesTheFieldsItChangesAndGivesUpTheOnesItRemoves() {
    ObjectNode created = PatchEngine.recordUpdate(Optional.empty(), configMap(), CONFIG_MAP, CREATE);
    ObjectNode edited = PatchEngine.apply(PatchType.MERGE, created, bytes("{\"data\":{\"a\":\"10\",\"c\":\"3\"}}"),
        Optional.empty());
    ObjectNode out = PatchEngine.recordUpdate(Optional.of(created), edited, CONFIG_MAP,
        FieldManagerContext.of("kubectl-edit", "v1", T2));

    assertThat(entries(out)).containsExactly("kubectl-create/Update@2025-03-01T10:00:00Z",
        "kubectl-edit/Update@2025-03-01T11:00:00Z");
    assertThat(out.at("/metadata/managedFields/0/fieldsV1")).isEqualTo(json("{'f:data':{'f:b':{}},"
        + "'f:metadata':{'f:labels':{'f:app':{}}}}"));
    assertThat(out.at("/metadata/managedFields/1/fieldsV1")).isEqualTo(json("{'f:data':{'f:a':{},'f:c':{}}}"));

    ObjectNode removed = PatchEngine.apply(PatchType.MERGE, out, bytes("{\"data\":{\"c\":null}}"), Optional.empty());
    ObjectNode after = PatchEngine.recordUpdate(Optional.of(out), removed, CONFIG_MAP,
        FieldManagerContext.of("kubectl-edit", "v1", T2.plusSeconds(60)));
    assertThat(after.at("/metadata/managedFields/1/fieldsV1")).isEqualTo(json("{'f:data':{'f:a':{}}}"));
    assertThat(after.at("/metadata/managedFields/1/time").asText()).isEqualTo("2025-03-01T11:01:00Z");
  }

  @Test
  void anUpdateThatChangesNothingKeepsTheEntryAndItsTime() {
    ObjectNode created = PatchEngine.recordUpdate(Optional.empty(), configMap(), CONFIG_MAP, CREATE);
    ObjectNode out = PatchEngine.recordUpdate(Optional.of(created), created, CONFIG_MAP, CREATE.withTime(T2));
    assertThat(out.at("/metadata/managedFields")).isEqualTo(created.at("/metadata/managedFields"));
  }

  @Test
  void anUntrackedObjectStaysUntrackedOnUpdate() {
    ObjectNode live = configMap();
    ObjectNode edited = live.deepCopy();
    edited.with("data").put("a", "9");
    ObjectNode out = PatchEngine.recordUpdate(Optional.of(live), edited, CONFIG_MAP, CREATE);
    assertThat(out.at("/metadata").has("managedFields")).isFalse();
    assertThat(out.at("/data/a").asText()).isEqualTo("9");
  }

  @Test
  void anEmptyEntryResetsManagedFields() {
    ObjectNode created = PatchEngine.recordUpdate(Optional.empty(), configMap(), CONFIG_MAP, CREATE);
    ObjectNode reset = PatchEngine.apply(PatchType.MERGE, created, bytes("{\"metadata\":{\"managedFields\":[{}]}}"),
        Optional.empty());
    ObjectNode out = PatchEngine.recordUpdate(Optional.of(created), reset, CONFIG_MAP, CREATE.withTime(T2));
    assertThat(out.at("/metadata").has("managedFields")).isFalse();
  }

  @Test
  void managedFieldsTheClientSendsAreUsedAndOtherwiseTheLiveOnes() {
    ObjectNode created = PatchEngine.recordUpdate(Optional.empty(), configMap(), CONFIG_MAP, CREATE);
    ObjectNode put = configMap(); // a PUT that does not echo managedFields keeps the live ones
    put.with("data").put("b", "20");
    ObjectNode out = PatchEngine.recordUpdate(Optional.of(created), put, CONFIG_MAP,
        FieldManagerContext.of("kubectl-replace", "v1", T2));
    assertThat(entries(out)).containsExactly("kubectl-create/Update@2025-03-01T10:00:00Z",
        "kubectl-replace/Update@2025-03-01T11:00:00Z");
  }

  @Test
  void aSubresourceWriteIsRecordedAsSuch() {
    ObjectNode created = PatchEngine.recordUpdate(Optional.empty(), configMap(), CONFIG_MAP, CREATE);
    ObjectNode status = created.deepCopy();
    status.putObject("status").put("phase", "Ready");
    ObjectNode out = PatchEngine.recordUpdate(Optional.of(created), status, CONFIG_MAP,
        new FieldManagerContext("kubelet", "v1", "status", T2));
    assertThat(entries(out)).containsExactly("kubectl-create/Update@2025-03-01T10:00:00Z",
        "kubelet/Update@2025-03-01T11:00:00Zstatus");
    assertThat(out.at("/metadata/managedFields/1/fieldsV1")).isEqualTo(json("{'f:status':{'f:phase':{}}}"));
  }

  @Test
  void applyEntriesAreListedBeforeUpdateEntries() {
    ObjectNode created = PatchEngine.recordUpdate(Optional.empty(), configMap(), CONFIG_MAP, CREATE.withTime(T2));
    ObjectNode applied = PatchEngine.serverSideApply(Optional.of(created),
        bytes("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"c\"},\"data\":{\"z\":\"26\"}}"),
        CONFIG_MAP, FieldManagerContext.of("tool", "v1", T1), false);
    assertThat(entries(applied)).containsExactly("tool/Apply@2025-03-01T10:00:00Z",
        "kubectl-create/Update@2025-03-01T11:00:00Z");
  }

  @Test
  void managerFallsBackToTheUserAgentPrefix() {
    assertThat(FieldManagerContext.managerOrUserAgent("", "kubectl/v1.32.4 (linux/amd64) kubernetes/4cb5f07"))
        .isEqualTo("kubectl");
    assertThat(FieldManagerContext.managerOrUserAgent("mine", "kubectl/v1.32.4")).isEqualTo("mine");
    assertThat(FieldManagerContext.managerOrUserAgent(null, null)).isEmpty();
  }
}
