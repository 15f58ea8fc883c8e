package io.capstan.e2e;

import com.google.inject.Module;
import io.capstan.runtime.apiserver.ApiServer;
import io.capstan.runtime.apiserver.security.ClusterPki;
import io.capstan.runtime.client.http.ClientConnection;
import io.capstan.runtime.client.http.KubeconfigFile;
import io.capstan.runtime.components.ComponentModules;
import io.capstan.runtime.config.ConfigInputs;
import io.capstan.runtime.kernel.Kernel;
import io.capstan.runtime.kernel.KernelPlan;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A whole control plane in this JVM, wired exactly as {@code capstan up} wires it (kernel, selected
 * plugins, components), on a free port and a temporary data folder, over HTTPS by default;
 * {@link #send} acts as the admin of the generated kubeconfig (client certificate, cluster CA).
 */
public final class ControlPlane implements AutoCloseable {

  private final Kernel kernel;
  private final ApiServer server;
  private final HttpClient http;

  public ControlPlane(Path dataDir, Map<String, String> settings) {
    Map<String, String> flags = new LinkedHashMap<>();
    flags.put("store.plugin", "memory");
    flags.put("apiserver.port", "0");
    flags.put("runtime.dataDir", dataDir.toString());
    flags.put("components", "apiserver");
    flags.putAll(settings);
    KernelPlan plan = KernelPlan.resolve(ConfigInputs.defaultsOnly().withFlags(flags));
    kernel = Kernel.create(plan, ComponentModules.of(plan).toArray(new Module[0]));
    kernel.start();
    server = kernel.injector().getInstance(ApiServer.class);
    try {
      http = client(KubeconfigFile.read(server.kubeconfig()));
    } catch (IOException e) {
      kernel.close();
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** An HTTP client for {@code connection}'s TLS settings (its token is sent by the caller). */
  static HttpClient client(ClientConnection connection) {
    HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
    connection.tls().ifPresent(builder::sslContext);
    return builder.build();
  }

  /** The cluster's CA and keys, to issue credentials in tests. */
  public ClusterPki pki() {
    return kernel.injector().getInstance(ClusterPki.class);
  }

  /**
   * A control plane that also runs {@code nodes} simulated node agents (the {@code node-agent}
   * component), as {@code capstan up --nodes N} does.
   */
  public static ControlPlane withNodes(Path dataDir, int nodes, Map<String, String> settings) {
    Map<String, String> flags = new LinkedHashMap<>();
    flags.put("components", "apiserver,node-agent");
    flags.put("node.count", Integer.toString(nodes));
    flags.putAll(settings);
    return new ControlPlane(dataDir, flags);
  }

  /** The node agents of this control plane (only with {@link #withNodes}). */
  public io.capstan.runtime.node.NodeHost nodes() {
    return kernel.injector().getInstance(io.capstan.runtime.node.NodeHost.class);
  }

  public Kernel kernel() {
    return kernel;
  }

  public String url() {
    return server.url();
  }

  public Path kubeconfig() {
    return server.kubeconfig();
  }

  public HttpResponse<String> send(String method, String path, String body, String contentType) throws IOException, InterruptedException {
    return send(http, Map.of(), method, path, body, contentType);
  }

  /** Sends with another client (another TLS identity) and extra headers (a bearer token, impersonation). */
  public HttpResponse<String> send(HttpClient client, Map<String, String> headers, String method, String path, String body,
      String contentType) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url() + path)).timeout(Duration.ofSeconds(20));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    headers.forEach(request::header);
    request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Override
  public void close() {
    kernel.close();
  }
}
