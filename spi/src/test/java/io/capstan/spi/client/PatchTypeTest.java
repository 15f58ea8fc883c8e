package io.capstan.spi.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PatchTypeTest {

  @Test
  void contentTypesRoundTrip() {
    for (PatchType type : PatchType.values()) {
      assertThat(PatchType.fromContentType(type.contentType())).contains(type);
    }
  }

  @Test
  void parametersAndCaseAreIgnored() {
    assertThat(PatchType.fromContentType("Application/Merge-Patch+JSON; charset=utf-8"))
        .contains(PatchType.MERGE);
  }

  @Test
  void unknownContentTypeIsEmpty() {
    assertThat(PatchType.fromContentType("application/json")).isEmpty();
    assertThat(PatchType.fromContentType("application/yaml")).isEmpty();
  }

  @Test
  void serverSideApplyIsAPatchType() {
    assertThat(PatchType.fromContentType("application/apply-patch+yaml")).contains(PatchType.APPLY);
  }
}
