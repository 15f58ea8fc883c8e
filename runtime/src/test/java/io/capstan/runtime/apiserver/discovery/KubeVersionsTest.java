package io.capstan.runtime.apiserver.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class KubeVersionsTest {

  @Test
  void ordersAsCompareKubeAwareVersionStrings() {
    // the example of k8s.io/apimachinery/pkg/version/helpers.go, plus non-Kubernetes versions last
    List<String> versions = new ArrayList<>(List.of("v1alpha1", "foo", "v1", "v1beta1", "v2alpha1", "bar", "v10",
        "v1beta2", "v2", "v11alpha2"));
    versions.sort(KubeVersions.PREFERRED_FIRST);
    assertThat(versions).containsExactly("v10", "v2", "v1", "v1beta2", "v1beta1", "v11alpha2", "v2alpha1", "v1alpha1",
        "bar", "foo");
    assertThat(KubeVersions.compare("v1", "v1")).isZero();
  }
}
