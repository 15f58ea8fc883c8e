package io.capstan.spi.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.capstan.spi.admission.AdmissionException.FieldError;
import io.capstan.spi.auth.UserInfo;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Status;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AdmissionExceptionTest {

  private static AdmissionRequest createPod(String name) {
    HasMetadata pod = new PodBuilder().withNewMetadata().withNamespace("prod").withName(name)
        .endMetadata().build();
    return new AdmissionRequest(AdmissionOperation.CREATE, "", "v1", "Pod", "pods", "", "prod",
        name, Optional.of(pod), Optional.empty(), UserInfo.of("bob"), false);
  }

  @Test
  void forbiddenMapsTo403WithTheKubernetesMessage() {
    Status s = AdmissionException.forbidden("NamespaceLifecycle",
        "unable to create new content in namespace prod because it is being terminated")
        .toStatus(createPod("web"));
    assertThat(s.getCode()).isEqualTo(403);
    assertThat(s.getReason()).isEqualTo("Forbidden");
    assertThat(s.getStatus()).isEqualTo("Failure");
    assertThat(s.getMessage()).isEqualTo("pods \"web\" is forbidden: unable to create new content"
        + " in namespace prod because it is being terminated");
    assertThat(s.getDetails().getName()).isEqualTo("web");
  }

  @Test
  void invalidMapsTo422WithOneCausePerField() {
    AdmissionException e = AdmissionException.invalid("DefaultValues", List.of(
        new FieldError("spec.containers[0].image", "Required value"),
        new FieldError("spec.containers[0].name", "Required value")));
    Status s = e.toStatus(createPod("web"));
    assertThat(s.getCode()).isEqualTo(422);
    assertThat(s.getReason()).isEqualTo("Invalid");
    assertThat(s.getMessage()).isEqualTo("Pod \"web\" is invalid: [spec.containers[0].image: Required"
        + " value, spec.containers[0].name: Required value]");
    assertThat(s.getDetails().getKind()).isEqualTo("Pod");
    assertThat(s.getDetails().getCauses()).extracting("field")
        .containsExactly("spec.containers[0].image", "spec.containers[0].name");
  }

  @Test
  void singleFieldErrorIsNotBracketed() {
    AdmissionException e = AdmissionException.invalid("p", List.of(new FieldError("metadata.name", "Invalid value")));
    assertThat(e).hasMessage("metadata.name: Invalid value");
    assertThat(e.plugin()).isEqualTo("p");
  }

  @Test
  void badRequestMapsTo400() {
    Status s = AdmissionException.badRequest("p", "the namespace of the object does not match")
        .toStatus(createPod("x"));
    assertThat(s.getCode()).isEqualTo(400);
    assertThat(s.getReason()).isEqualTo("BadRequest");
    assertThat(s.getMessage()).isEqualTo("the namespace of the object does not match");
  }

  @Test
  void invalidWithoutFieldsIsAProgrammingError() {
    assertThatThrownBy(() -> AdmissionException.invalid("p", List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void requestShapeFollowsTheOperation() {
    AdmissionRequest create = createPod("web");
    assertThat(create.groupVersionKind()).isEqualTo("v1, Kind=Pod");
    assertThat(create.requireObject().getMetadata().getName()).isEqualTo("web");
    assertThatThrownBy(() -> new AdmissionRequest(AdmissionOperation.DELETE, "apps", "v1",
        "Deployment", "deployments", "", "ns", "d", create.object(), Optional.empty(),
        UserInfo.of("bob"), false)).isInstanceOf(IllegalArgumentException.class);
  }
}
