package io.capstan.runtime.apiserver.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;

class DiscoveryFormTest {

  private static final String V2 = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";
  private static final String V2BETA1 = "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList";

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @CsvSource(delimiter = '|', value = {
    // kubectl 1.32's discovery request (kubectl.md §1.1)
    V2 + "," + V2BETA1 + ",application/json | AGGREGATED_V2",
    // the dispatcher and plain clients
    "application/json, */* | LEGACY",
    // only v2beta1 is asked for: Capstan serves v2 only, so legacy, as Kubernetes without v2beta1 answers
    V2BETA1 + ",application/json | LEGACY",
    V2BETA1 + " | LEGACY",
    // typed clients put protobuf first; Capstan skips protobuf and takes the JSON v2 clause
    "application/vnd.kubernetes.protobuf;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList," + V2
        + " | AGGREGATED_V2",
    // parameters in another order are the same request
    "application/json;as=APIGroupDiscoveryList;v=v2;g=apidiscovery.k8s.io | AGGREGATED_V2",
    // quality decides before header order
    "application/json;q=0.5," + V2 + ";q=0.9 | AGGREGATED_V2",
    "application/json;q=0.9," + V2 + ";q=0.5 | LEGACY",
    // wildcards accept JSON, parameters included
    "*/*;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList | AGGREGATED_V2",
    "application/*;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList | AGGREGATED_V2",
    // a stream other than watch, or a server version, disqualifies the clause
    V2 + ";stream=bogus | LEGACY",
    V2 + ";sv=v1 | LEGACY",
    // half a conversion is no conversion Kubernetes allows
    "application/json;as=APIGroupDiscoveryList | LEGACY",
    "application/yaml | LEGACY",
  })
  void negotiatesLikeKubernetes(String accept, DiscoveryForm expected) {
    assertThat(DiscoveryForm.negotiate(accept)).isEqualTo(expected);
  }

  @ParameterizedTest
  @NullAndEmptySource
  void noHeaderIsLegacy(String accept) {
    assertThat(DiscoveryForm.negotiate(accept)).isEqualTo(DiscoveryForm.LEGACY);
    assertThat(DiscoveryForm.LEGACY.contentType()).isEqualTo("application/json");
    assertThat(DiscoveryForm.AGGREGATED_V2.contentType()).isEqualTo(V2);
  }
}
