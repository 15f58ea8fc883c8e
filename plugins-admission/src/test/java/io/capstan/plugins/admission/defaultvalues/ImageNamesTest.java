package io.capstan.plugins.admission.defaultvalues;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Tags as Kubernetes' parsers.ParseImageName reads them (pkg/util/parsers/parsers_test.go), which
 * decide a container's default imagePullPolicy: Always for {@code latest}, IfNotPresent otherwise.
 */
class ImageNamesTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', nullValues = "NULL", value = {
      "nginx|latest",
      "nginx:latest|latest",
      "nginx:1.27|1.27",
      "docker.io/library/nginx|latest",
      "localhost:5000/app|latest",
      "localhost:5000/app:v1|v1",
      "repo@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef|''",
      "repo:tag@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef|tag",
      "NULL|latest"})
  void tagIsFoundAsKubernetesFindsIt(String image, String tag) {
    assertThat(ImageNames.tag(image)).isEqualTo(tag);
  }
}
