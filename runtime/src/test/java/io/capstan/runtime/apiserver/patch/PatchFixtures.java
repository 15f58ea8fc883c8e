package io.capstan.runtime.apiserver.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** Test helpers: resources under {@code patch/}, JSON text, and a fixed request time. */
final class PatchFixtures {

  static final ObjectMapper JSON = new ObjectMapper();
  static final ObjectMapper YAML = new YAMLMapper();
  static final Instant T1 = Instant.parse("2025-03-01T10:00:00.250Z");
  static final Instant T2 = Instant.parse("2025-03-01T11:00:00Z");

  private PatchFixtures() {}

  /** A JSON or YAML resource under {@code src/test/resources/patch/}. */
  static JsonNode resource(String name) {
    try (InputStream in = PatchFixtures.class.getResourceAsStream("/patch/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource patch/" + name);
      }
      return (name.endsWith(".json") ? JSON : YAML).readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ObjectNode object(String name) {
    return (ObjectNode) resource(name);
  }

  /** Parses JSON written with single quotes for readability ({@code {'a':1}}). */
  static JsonNode json(String text) {
    try {
      return JSON.readTree(text.replace('\'', '"'));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  static byte[] bytes(JsonNode node) {
    try {
      return JSON.writeValueAsBytes(node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
