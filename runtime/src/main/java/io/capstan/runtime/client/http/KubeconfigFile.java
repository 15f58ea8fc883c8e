package io.capstan.runtime.client.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * Reads a kubeconfig's current context into a {@link ClientConnection}: the cluster's
 * {@code server} and {@code certificate-authority(-data)}, the user's
 * {@code client-certificate(-data)} and {@code client-key(-data)} or {@code token}
 * ({@code tokenFile}). Relative file paths resolve against the kubeconfig's folder, as kubectl does.
 */
public final class KubeconfigFile {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private KubeconfigFile() {}

  public static ClientConnection read(Path file) throws IOException {
    JsonNode config = YAML.readTree(Files.readString(file));
    if (config == null || !config.isObject()) {
      throw new IOException(file + " is not a kubeconfig (expected a YAML mapping)");
    }
    String contextName = config.path("current-context").asText("");
    JsonNode context = named(config, "contexts", contextName, file).path("context");
    JsonNode cluster = named(config, "clusters", context.path("cluster").asText(""), file).path("cluster");
    JsonNode user = context.path("user").asText("").isEmpty() ? com.fasterxml.jackson.databind.node.MissingNode.getInstance()
        : named(config, "users", context.path("user").asText(""), file).path("user");
    String server = cluster.path("server").asText("");
    if (server.isEmpty()) {
      throw new IOException(file + ": cluster " + context.path("cluster").asText() + " has no server");
    }
    Path base = file.toAbsolutePath().getParent();
    Optional<String> ca = pem(cluster, "certificate-authority", base);
    Optional<String> cert = pem(user, "client-certificate", base);
    Optional<String> key = pem(user, "client-key", base);
    Optional<String> token = Optional.of(user.path("token").asText("")).filter(t -> !t.isEmpty());
    if (token.isEmpty() && !user.path("tokenFile").asText("").isEmpty()) {
      token = Optional.of(Files.readString(base.resolve(user.path("tokenFile").asText())).trim());
    }
    Optional<SSLContext> tls = Optional.empty();
    if (server.startsWith("https:") && (ca.isPresent() || cert.isPresent())) {
      if (ca.isEmpty()) {
        throw new IOException(file + ": an https server needs certificate-authority or certificate-authority-data");
      }
      tls = Optional.of(ClientConnection.tlsContext(ca.get(), cert, key));
    }
    return new ClientConnection(URI.create(server), tls, token);
  }

  private static JsonNode named(JsonNode config, String list, String name, Path file) throws IOException {
    for (JsonNode entry : config.path(list)) {
      if (entry.path("name").asText().equals(name)) {
        return entry;
      }
    }
    throw new IOException(file + ": no entry named '" + name + "' in " + list);
  }

  private static Optional<String> pem(JsonNode node, String field, Path base) throws IOException {
    String data = node.path(field + "-data").asText("");
    if (!data.isEmpty()) {
      return Optional.of(new String(Base64.getDecoder().decode(data), StandardCharsets.UTF_8));
    }
    String path = node.path(field).asText("");
    return path.isEmpty() ? Optional.empty() : Optional.of(Files.readString(base.resolve(path)));
  }
}
