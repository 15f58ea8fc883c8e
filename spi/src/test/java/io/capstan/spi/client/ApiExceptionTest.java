package io.capstan.spi.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import org.junit.jupiter.api.Test;

class ApiExceptionTest {

  private static Status status(int code, String reason) {
    return new StatusBuilder().withCode(code).withReason(reason).withMessage("m").build();
  }

  @Test
  void fromStatusMapsCodesToTypes() {
    assertThat(ApiException.fromStatus(status(404, "NotFound"))).isExactlyInstanceOf(NotFoundException.class);
    assertThat(ApiException.fromStatus(status(409, "Conflict"))).isExactlyInstanceOf(ConflictException.class);
    assertThat(ApiException.fromStatus(status(409, "AlreadyExists")))
        .isExactlyInstanceOf(AlreadyExistsException.class);
    assertThat(ApiException.fromStatus(status(410, "Expired"))).isExactlyInstanceOf(GoneException.class);
    assertThat(ApiException.fromStatus(status(403, "Forbidden"))).isExactlyInstanceOf(ForbiddenException.class);
    assertThat(ApiException.fromStatus(status(422, "Invalid"))).isExactlyInstanceOf(InvalidException.class);
    assertThat(ApiException.fromStatus(status(500, "InternalError"))).isExactlyInstanceOf(ApiException.class);
  }

  @Test
  void codeIsZeroWhenTheStatusHasNone() {
    ApiException e = new ApiException(new StatusBuilder().withMessage("connection refused").build());
    assertThat(e.code()).isZero();
    assertThat(e.reason()).isEmpty();
    assertThat(e).hasMessage("connection refused");
  }

  @Test
  void notFoundHasTheKubernetesShape() {
    NotFoundException e = NotFoundException.of("pods", "web-1");
    assertThat(e.code()).isEqualTo(404);
    assertThat(e.reason()).isEqualTo("NotFound");
    assertThat(e).hasMessage("pods \"web-1\" not found");
    assertThat(e.status().getStatus()).isEqualTo("Failure");
    assertThat(e.status().getDetails().getKind()).isEqualTo("pods");
    assertThat(e.status().getDetails().getName()).isEqualTo("web-1");
  }

  @Test
  void conflictAndAlreadyExistsShareACodeButNotAReason() {
    ConflictException c = ConflictException.of("pods", "p");
    AlreadyExistsException a = AlreadyExistsException.of("pods", "p");
    assertThat(c.code()).isEqualTo(a.code()).isEqualTo(409);
    assertThat(c.reason()).isEqualTo("Conflict");
    assertThat(a.reason()).isEqualTo("AlreadyExists");
    assertThat(c).hasMessageContaining("the object has been modified");
    assertThat(a).hasMessage("pods \"p\" already exists");
    // Round trip: a remote client rebuilding the exception from the wire body gets the same type.
    assertThat(ApiException.fromStatus(a.status())).isInstanceOf(AlreadyExistsException.class);
    assertThat(ApiException.fromStatus(c.status())).isInstanceOf(ConflictException.class);
  }

  @Test
  void otherFactoriesProduceKubernetesMessages() {
    assertThat(GoneException.of("pods", 5, 42)).hasMessage("too old resource version: 5 (42)")
        .extracting(ApiException::code).isEqualTo(410);
    assertThat(ForbiddenException.of("pods", "p", "User \"bob\" cannot create"))
        .hasMessage("pods \"p\" is forbidden: User \"bob\" cannot create");
    assertThat(InvalidException.of("Pod", "pods", "p", "spec.containers[0].image: Required value"))
        .hasMessage("Pod \"p\" is invalid: spec.containers[0].image: Required value")
        .extracting(ApiException::code).isEqualTo(422);
  }
}
