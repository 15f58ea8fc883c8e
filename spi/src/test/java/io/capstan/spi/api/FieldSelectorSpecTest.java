package io.capstan.spi.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Behaviour of Kubernetes' {@code fields.ParseSelector} (apimachinery {@code fields/selector.go}). */
class FieldSelectorSpecTest {

  @Test
  void parsesAllOperatorsAndWritesCanonicalText() {
    FieldSelectorSpec spec = FieldSelectorSpec.parse("metadata.namespace!=y,spec.nodeName=,metadata.name==x");
    assertThat(spec.toString()).isEqualTo("metadata.name=x,metadata.namespace!=y,spec.nodeName=");
    assertThat(FieldSelectorSpec.parse(spec.toString())).isEqualTo(spec);
    assertThat(spec.matches(Map.of("metadata.name", "x", "metadata.namespace", "z"))).isTrue();
    assertThat(spec.matches(Map.of("metadata.name", "x", "metadata.namespace", "y"))).isFalse();
    assertThat(spec.matches(Map.of("metadata.name", "x", "spec.nodeName", "n1"))).isFalse();
  }

  @Test
  void emptySelectorMatchesEverything() {
    assertThat(FieldSelectorSpec.parse("").matchesEverything()).isTrue();
    assertThat(FieldSelectorSpec.parse("a=b,,c=d").requirements()).hasSize(2);
    assertThat(FieldSelectorSpec.everything().matches(Map.of())).isTrue();
  }

  @Test
  void escapedValuesRoundTrip() {
    FieldSelectorSpec spec = FieldSelectorSpec.parse("metadata.name=a\\,b\\=c\\\\d");
    assertThat(spec.requirements().get(0).value()).isEqualTo("a,b=c\\d");
    assertThat(spec.toString()).isEqualTo("metadata.name=a\\,b\\=c\\\\d");
    assertThat(spec.matches(Map.of("metadata.name", "a,b=c\\d"))).isTrue();
  }

  @ParameterizedTest(name = "invalid: \"{0}\"")
  @ValueSource(strings = {"x", "=x", "a==b=c", "a=b\\x", "a=b\\", "!=a", "metadata.name"})
  void rejectsMalformedTerms(String text) {
    assertThatThrownBy(() -> FieldSelectorSpec.parse(text))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("invalid field selector");
  }

  @Test
  void unknownFieldNamesTheSupportedOnes() {
    FieldSelectorSpec spec = FieldSelectorSpec.parse("spec.replicas=3");
    assertThatThrownBy(() -> spec.requireSupported("Deployment", FieldSelectors.supportedFields("apps", "Deployment")))
        .hasMessage("field label not supported for Deployment: 'spec.replicas'; supported fields: metadata.name,"
            + " metadata.namespace");
    FieldSelectorSpec pods = FieldSelectorSpec.parse("spec.nodeName=n1,status.phase!=Succeeded");
    assertThat(pods.requireSupported("Pod", FieldSelectors.supportedFields("", "Pod"))).isSameAs(pods);
    assertThatThrownBy(() -> FieldSelectorSpec.parse("metadata.name = x")
        .requireSupported("Pod", FieldSelectors.POD_FIELDS)).hasMessageContaining("'metadata.name '");
  }

  @Test
  void podFieldsFeedTheSelector() {
    Pod pod = new PodBuilder().withNewMetadata().withName("web-1").withNamespace("prod").endMetadata()
        .withNewSpec().withSchedulerName("default-scheduler").withRestartPolicy("Always").endSpec()
        .withNewStatus().withPhase("Pending").addNewPodIP("10.0.0.1").addNewPodIP("fd00::1").endStatus().build();
    Map<String, String> fields = FieldSelectors.fieldsOf(pod);
    assertThat(fields).containsOnlyKeys(FieldSelectors.POD_FIELDS);
    assertThat(fields).containsEntry("spec.nodeName", "").containsEntry("spec.hostNetwork", "false")
        .containsEntry("status.podIPs", "10.0.0.1,fd00::1");
    assertThat(FieldSelectorSpec.parse("spec.nodeName=,status.phase=Pending,metadata.namespace=prod").matches(fields))
        .isTrue();
    assertThat(FieldSelectorSpec.parse("spec.nodeName!=").matches(fields)).isFalse();
    Map<String, String> deployment = FieldSelectors.fieldsOf(
        new DeploymentBuilder().withNewMetadata().withName("d").endMetadata().build());
    assertThat(deployment).containsExactlyInAnyOrderEntriesOf(Map.of("metadata.name", "d", "metadata.namespace", ""));
  }
}
