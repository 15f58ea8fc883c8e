package io.capstan.runtime.apiserver.protobuf;

import com.fasterxml.jackson.databind.JsonNode;
import io.capstan.spi.api.KubeJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/**
 * The bodies kubectl 1.32 sent for its {@code create} generators, captured off the wire (see
 * {@code src/test/resources/protobuf/README.md}), and the JSON the same commands send as
 * {@code application/json} (from kubectl 1.31, which still sends JSON; hand-written in Go's shape
 * for the two binding kinds, which 1.31 already sent as protobuf).
 */
final class Goldens {

  private static final String DIR = "/protobuf/kubectl-1.32/";

  /** Every golden command, by file stem. */
  static final List<String> NAMES = List.of("namespace", "configmap", "deployment", "deployment-zero-replicas", "job",
      "secret", "service-clusterip", "cronjob", "role", "rolebinding", "clusterrole", "clusterrolebinding",
      "serviceaccount", "quota", "poddisruptionbudget", "ingress", "selfsubjectreview");

  private Goldens() {}

  /** The captured protobuf body of {@code name}. */
  static byte[] body(String name) {
    return read(name + ".pb").orElseThrow(() -> new IllegalArgumentException("no golden body " + name));
  }

  /** The JSON the same command sends as application/json. */
  static JsonNode json(String name) {
    byte[] bytes = read(name + ".json").orElseThrow(() -> new IllegalArgumentException("no golden json " + name));
    try {
      return KubeJson.mapper().readTree(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Optional<byte[]> read(String file) {
    try (InputStream in = Goldens.class.getResourceAsStream(DIR + file)) {
      return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
