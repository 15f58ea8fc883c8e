package io.capstan.runtime.apiserver.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.tck.fixtures.Manifests;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every real manifest the TCK bundles is valid as it is, on create and as an unchanged update. */
class ManifestsValidationTest {

  static Stream<Manifests.Manifest> manifests() {
    return Manifests.all().stream();
  }

  @ParameterizedTest
  @MethodSource("manifests")
  void validOnCreate(Manifests.Manifest manifest) {
    HasMetadata obj = Fixtures.read(manifest.yaml());
    assertThat(Fixtures.messages(Validators.validateCreate(Fixtures.kindOf(obj), obj))).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("manifests")
  void validAsAnUnchangedUpdate(Manifests.Manifest manifest) {
    HasMetadata obj = Fixtures.read(manifest.yaml());
    HasMetadata old = Fixtures.read(manifest.yaml());
    assertThat(Fixtures.messages(Validators.validateUpdate(Fixtures.kindOf(obj), obj, old))).isEmpty();
  }
}
