package io.capstan.runtime.controllers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.capstan.runtime.CapstanException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The API server a kubeconfig's current context points at: its {@code server} URL and the user's
 * bearer {@code token} (client certificates are not supported; use a token). What a component run
 * with {@code --kubeconfig} talks to.
 *
 * @param server the cluster's server URL
 * @param token the user's bearer token, if any
 */
public record KubeconfigTarget(String server, Optional<String> token) {

  /**
   * Reads the current context of a kubeconfig file.
   *
   * @throws CapstanException saying which part is missing
   */
  public static KubeconfigTarget read(Path file) {
    JsonNode root;
    try {
      root = new YAMLMapper().readTree(Files.readString(file));
    } catch (IOException e) {
      throw new CapstanException("cannot read kubeconfig " + file + ": " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new CapstanException("kubeconfig " + file + " is not a YAML mapping");
    }
    String contextName = root.path("current-context").asText("");
    JsonNode context = named(root.path("contexts"), contextName).map(c -> c.path("context"))
        .orElseThrow(() -> new CapstanException("kubeconfig " + file + ": current-context '" + contextName
            + "' is not among its contexts; set current-context"));
    String clusterName = context.path("cluster").asText("");
    String server = named(root.path("clusters"), clusterName).map(c -> c.path("cluster").path("server").asText(""))
        .filter(s -> !s.isBlank())
        .orElseThrow(() -> new CapstanException("kubeconfig " + file + ": cluster '" + clusterName
            + "' of the current context has no server URL"));
    String userName = context.path("user").asText("");
    Optional<String> token = named(root.path("users"), userName).map(u -> u.path("user").path("token").asText(""))
        .filter(t -> !t.isBlank());
    return new KubeconfigTarget(server, token);
  }

  private static Optional<JsonNode> named(JsonNode list, String name) {
    if (!list.isArray()) {
      return Optional.empty();
    }
    for (JsonNode item : list) {
      if (name.equals(item.path("name").asText())) {
        return Optional.of(item);
      }
    }
    return Optional.empty();
  }
}
