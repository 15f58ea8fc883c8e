package io.capstan.plugins.admission.defaultvalues;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.capstan.runtime.apiserver.validation.Validators;
import io.capstan.spi.admission.AdmissionOperation;
import io.capstan.spi.admission.AdmissionRequest;
import io.capstan.spi.auth.UserInfo;
import io.capstan.tck.fixtures.Manifests;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the plugin must never do: replace a value the user set, or make a valid object invalid. Checked
 * on every real manifest of the TCK, and on a pod where every defaultable field is already set.
 */
class DefaultValuesPreservesTest {

  static Stream<Manifests.Manifest> manifests() {
    return Manifests.all().stream().filter(m -> !m.name().startsWith("crd-"));
  }

  @ParameterizedTest
  @MethodSource("manifests")
  void everyFieldSetInAManifestKeepsItsValue(Manifests.Manifest manifest) {
    JsonNode before = Defaulting.json(Defaulting.read(manifest.yaml()));
    JsonNode after = Defaulting.json(Defaulting.admit(Defaulting.read(manifest.yaml()), AdmissionOperation.CREATE));
    assertContains(after, before, "");
  }

  @ParameterizedTest
  @MethodSource("manifests")
  void defaultedManifestsStillPassValidation(Manifests.Manifest manifest) {
    HasMetadata obj = Defaulting.admit(Defaulting.read(manifest.yaml()), AdmissionOperation.CREATE);
    assertThat(Validators.validateCreate(Defaulting.kindOf(Defaulting.json(obj)), obj)).isEmpty();
  }

  @Test
  void aFullySetPodIsLeftAlone() {
    String yaml = """
        apiVersion: v1
        kind: Pod
        metadata: {name: p, namespace: d}
        spec:
          restartPolicy: Never
          dnsPolicy: Default
          terminationGracePeriodSeconds: 5
          schedulerName: mine
          enableServiceLinks: false
          securityContext: {runAsUser: 1000}
          containers:
          - name: web
            image: nginx:latest
            imagePullPolicy: Never
            terminationMessagePath: /tmp/log
            terminationMessagePolicy: FallbackToLogsOnError
            ports: [{containerPort: 53, protocol: UDP}]
            resources: {limits: {cpu: "1"}, requests: {cpu: 100m}}
        """;
    JsonNode before = Defaulting.json(Defaulting.read(yaml));
    assertThat(Defaulting.json(Defaulting.admit(Defaulting.read(yaml), AdmissionOperation.CREATE))).isEqualTo(before);
  }

  @Test
  void negativeGracePeriodBecomesOneOnCreateOnly() {
    String yaml = "apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: d}\n"
        + "spec: {terminationGracePeriodSeconds: -1, containers: [{name: a, image: b}]}\n";
    Pod created = (Pod) Defaulting.admit(Defaulting.read(yaml), AdmissionOperation.CREATE);
    Pod updated = (Pod) Defaulting.admit(Defaulting.read(yaml), AdmissionOperation.UPDATE);
    assertThat(created.getSpec().getTerminationGracePeriodSeconds()).isEqualTo(1L);
    assertThat(updated.getSpec().getTerminationGracePeriodSeconds()).isEqualTo(-1L);
  }

  @Test
  void deletesAndUnknownObjectsPassUntouched() {
    DefaultValues plugin = new DefaultValues();
    assertThat(plugin.handles(AdmissionOperation.DELETE)).isFalse();
    assertThat(plugin.handles(AdmissionOperation.CONNECT)).isFalse();
    var widget = new io.fabric8.kubernetes.api.model.GenericKubernetesResource();
    widget.setApiVersion("example.com/v1");
    widget.setKind("Widget");
    widget.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName("w").build());
    widget.setAdditionalProperties(Map.of("spec", Map.of("size", 1)));
    JsonNode before = Defaulting.json(widget);
    plugin.admit(new AdmissionRequest(AdmissionOperation.CREATE, "example.com", "v1", "Widget", "widgets", "", "", "w",
        Optional.of(widget), Optional.empty(), UserInfo.of("tester"), false));
    assertThat(Defaulting.json(widget)).isEqualTo(before);
  }

  /** Every scalar of {@code expected} is present, with the same value, in {@code actual}. */
  private static void assertContains(JsonNode actual, JsonNode expected, String path) {
    if (expected.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        assertContains(actual.path(e.getKey()), e.getValue(), path + "/" + e.getKey());
      }
    } else if (expected.isArray()) {
      assertThat(actual.size()).as(path).isEqualTo(expected.size());
      for (int i = 0; i < expected.size(); i++) {
        assertContains(actual.path(i), expected.get(i), path + "/" + i);
      }
    } else {
      assertThat(actual).as(path).isEqualTo(expected);
    }
  }
}
