package io.capstan.runtime.apiserver.table;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TableFormTest {

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @CsvSource(delimiter = '|', value = {
    // kubectl get (kubectl.md §2.1)
    "application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,"
        + "application/json | TABLE_V1",
    // kubectl get -o json / -o yaml
    "application/json | OBJECT",
    // typed clients
    "application/vnd.kubernetes.protobuf,application/json | OBJECT",
    "application/json;as=Table;v=v1beta1;g=meta.k8s.io | TABLE_V1BETA1",
    // PartialObjectMetadata is not offered: the clause is skipped for the next one
    "application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io,application/json | OBJECT",
    "application/json;as=Table;v=v2;g=meta.k8s.io | OBJECT",
    "application/json;as=Table;v=v1;g=meta.k8s.io;stream=watch | TABLE_V1",
  })
  void negotiatesLikeKubernetes(String accept, TableForm expected) {
    assertThat(TableForm.negotiate(accept)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "OBJECT | application/json | ''",
    "TABLE_V1 | application/json;as=Table;v=v1;g=meta.k8s.io | meta.k8s.io/v1",
    "TABLE_V1BETA1 | application/json;as=Table;v=v1beta1;g=meta.k8s.io | meta.k8s.io/v1beta1",
  })
  void contentTypesAndVersions(TableForm form, String contentType, String apiVersion) {
    assertThat(form.contentType()).isEqualTo(contentType);
    assertThat(form.tableApiVersion().orElse("")).isEqualTo(apiVersion);
  }
}
