package io.capstan.runtime.apiserver.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.capstan.spi.api.KubeJson;
import io.capstan.spi.client.InvalidException;
import io.fabric8.kubernetes.api.model.Status;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The 422 body of Kubernetes' errors.NewInvalid: GroupKind without the group for core kinds, one
 * error bare, several in brackets, repeated messages once in the message but every cause kept.
 */
class InvalidStatusTest {

  @Test
  void singleErrorIsTheBodyKubectlPrints() throws Exception {
    // the body recorded in shared/reference/kubectl.md §4
    List<FieldError> errors = new FieldErrors()
        .invalid(FieldPath.of("spec", "replicas"), -1, FieldErrors.NEGATIVE).toList();
    Status status = InvalidStatus.of(Fixtures.kind("apps/Deployment"), "bad", errors);
    assertThat(KubeJson.mapper().readTree(KubeJson.mapper().writeValueAsString(status))).isEqualTo(KubeJson.mapper().readTree(
        "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\",\"reason\":\"Invalid\","
            + "\"code\":422,\"message\":\"Deployment.apps \\\"bad\\\" is invalid: spec.replicas: Invalid value: -1: must be"
            + " greater than or equal to 0\",\"details\":{\"name\":\"bad\",\"group\":\"apps\",\"kind\":\"Deployment\","
            + "\"causes\":[{\"reason\":\"FieldValueInvalid\",\"message\":\"Invalid value: -1: must be greater than or"
            + " equal to 0\",\"field\":\"spec.replicas\"}]}}"));
  }

  @Test
  void coreKindsHaveNoGroupSuffixAndSeveralErrorsAreBracketed() {
    List<FieldError> errors = new FieldErrors()
        .required(FieldPath.of("spec", "containers"), "")
        .notSupported(FieldPath.of("spec", "restartPolicy"), "Sometimes", List.of("Always", "OnFailure", "Never"))
        .toList();
    Status status = InvalidStatus.of(Fixtures.kind("Pod"), "web", errors);
    assertThat(status.getMessage()).isEqualTo("Pod \"web\" is invalid: [spec.containers: Required value,"
        + " spec.restartPolicy: Unsupported value: \"Sometimes\": supported values: \"Always\", \"OnFailure\", \"Never\"]");
    assertThat(status.getDetails().getGroup()).isEmpty();
    assertThat(status.getDetails().getKind()).isEqualTo("Pod");
    assertThat(status.getDetails().getCauses()).extracting("reason", "field")
        .containsExactly(org.assertj.core.groups.Tuple.tuple("FieldValueRequired", "spec.containers"),
            org.assertj.core.groups.Tuple.tuple("FieldValueNotSupported", "spec.restartPolicy"));
  }

  @Test
  void repeatedMessagesAppearOnceButEveryCauseStays() {
    FieldPath labels = FieldPath.of("metadata", "labels");
    List<FieldError> errors = new FieldErrors().invalid(labels, "-x", "bad").invalid(labels, "-x", "bad").toList();
    Status status = InvalidStatus.of("", "ConfigMap", "c", errors);
    assertThat(status.getMessage()).isEqualTo("ConfigMap \"c\" is invalid: metadata.labels: Invalid value: \"-x\": bad");
    assertThat(status.getDetails().getCauses()).hasSize(2);
  }

  @Test
  void clientExceptionCarriesTheStatus() {
    List<FieldError> errors = new FieldErrors().required(FieldPath.of("spec", "schedule"), "").toList();
    InvalidException e = InvalidStatus.exception(Fixtures.kind("batch/CronJob"), "nightly", errors);
    assertThat(e.code()).isEqualTo(422);
    assertThat(e.getMessage()).isEqualTo("CronJob.batch \"nightly\" is invalid: spec.schedule: Required value");
  }

  @Test
  void admissionRefusalKeepsFieldsAndBodies() {
    List<FieldError> errors = new FieldErrors().required(FieldPath.of("spec", "schedule"), "").toList();
    var refusal = InvalidStatus.admissionException("SomePolicy", errors);
    assertThat(refusal.fieldErrors()).singleElement().satisfies(f -> {
      assertThat(f.field()).isEqualTo("spec.schedule");
      assertThat(f.message()).isEqualTo("Required value");
    });
  }

  @Test
  void needsAnError() {
    assertThatThrownBy(() -> InvalidStatus.of("", "Pod", "p", List.of())).isInstanceOf(IllegalArgumentException.class);
  }
}
