package io.capstan.runtime.apiserver.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import io.capstan.spi.api.KubeJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Reads the golden JSON documents under {@code src/test/resources}. */
final class Golden {

  private Golden() {}

  static JsonNode read(String resource) {
    try (InputStream in = Golden.class.getResourceAsStream("/" + resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + resource);
      }
      return KubeJson.mapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
