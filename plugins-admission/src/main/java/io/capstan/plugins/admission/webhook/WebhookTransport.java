package io.capstan.plugins.admission.webhook;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.capstan.spi.api.KubeJson;
import io.capstan.spi.client.ApiClient;
import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ServiceReference;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.WebhookClientConfig;
import jakarta.inject.Provider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Posts AdmissionReviews to webhooks with the JDK HTTP client: to {@code clientConfig.url}, or to
 * a {@code clientConfig.service}, resolved to the first ready endpoint of the Service (its external
 * name, else its cluster IP, when it has none) on the service port's target port. HTTPS trusts
 * {@code caBundle} when given, the JDK's roots otherwise; the host name is verified against the
 * address called. One HTTP client per distinct CA bundle.
 */
final class WebhookTransport {

  /** A webhook could not be called or its answer could not be read; the message is Kubernetes' wording. */
  static final class CallFailure extends Exception {
    private static final long serialVersionUID = 1L;

    CallFailure(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private final Provider<ApiClient> client;
  private final Map<String, HttpClient> clients = new ConcurrentHashMap<>();

  WebhookTransport(Provider<ApiClient> client) {
    this.client = requireNonNull(client, "client");
  }

  JsonNode post(Webhook webhook, JsonNode review) throws CallFailure {
    URI uri = target(webhook.clientConfig());
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(webhook.timeout())
        .header("Content-Type", "application/json").header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(write(review))).build();
    HttpResponse<byte[]> response;
    // The whole call, connection included, is bounded by the webhook's timeout.
    CompletableFuture<HttpResponse<byte[]>> call =
        http(webhook.clientConfig().getCaBundle()).sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
    try {
      response = call.get(webhook.timeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      call.cancel(true);
      throw new CallFailure("failed to call webhook: Post \"" + uri + "\": context deadline exceeded", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      if (cause instanceof HttpTimeoutException) {
        throw new CallFailure("failed to call webhook: Post \"" + uri + "\": context deadline exceeded", cause);
      }
      throw new CallFailure("failed to call webhook: Post \"" + uri + "\": " + cause, cause);
    } catch (InterruptedException e) {
      call.cancel(true);
      Thread.currentThread().interrupt();
      throw new CallFailure("failed to call webhook: Post \"" + uri + "\": interrupted", e);
    }
    if (response.statusCode() < 200 || response.statusCode() >= 300) {
      throw new CallFailure("failed to call webhook: the server responded with status " + response.statusCode(), null);
    }
    try {
      return KubeJson.mapper().readTree(response.body());
    } catch (IOException e) {
      throw new CallFailure("received invalid webhook response: " + e.getMessage(), e);
    }
  }

  private static byte[] write(JsonNode review) {
    try {
      return KubeJson.mapper().writeValueAsBytes(review);
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode an AdmissionReview", e);
    }
  }

  URI target(WebhookClientConfig config) throws CallFailure {
    if (config.getUrl() != null && !config.getUrl().isEmpty()) {
      try {
        return URI.create(config.getUrl());
      } catch (IllegalArgumentException e) {
        throw new CallFailure("invalid webhook url \"" + config.getUrl() + "\": " + e.getMessage(), e);
      }
    }
    ServiceReference ref = config.getService();
    if (ref == null) {
      throw new CallFailure("webhook clientConfig has neither url nor service", null);
    }
    int port = ref.getPort() == null ? 443 : ref.getPort();
    String path = ref.getPath() == null ? "" : ref.getPath();
    Service service = client.get().resources(Service.class).get(ref.getNamespace(), ref.getName())
        .orElseThrow(() -> new CallFailure("failed to call webhook: service \"" + ref.getNamespace() + "/" + ref.getName() + "\" not found", null));
    String host;
    int targetPort = port;
    if (service.getSpec() != null && "ExternalName".equals(service.getSpec().getType())) {
      host = service.getSpec().getExternalName();
    } else {
      Optional<String[]> endpoint = endpoint(ref, service, port);
      if (endpoint.isPresent()) {
        host = endpoint.get()[0];
        targetPort = Integer.parseInt(endpoint.get()[1]);
      } else if (service.getSpec() != null && service.getSpec().getClusterIP() != null && !"None".equals(service.getSpec().getClusterIP())) {
        host = service.getSpec().getClusterIP();
      } else {
        throw new CallFailure("failed to call webhook: service \"" + ref.getNamespace() + "/" + ref.getName() + "\" has no endpoints", null);
      }
    }
    return URI.create("https://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + targetPort + path);
  }

  /** The first ready address of the Service's Endpoints and the port serving {@code port}. */
  private Optional<String[]> endpoint(ServiceReference ref, Service service, int port) {
    String portName = service.getSpec() == null || service.getSpec().getPorts() == null ? null
        : service.getSpec().getPorts().stream().filter(p -> p.getPort() != null && p.getPort() == port)
            .map(p -> p.getName()).findFirst().orElse(null);
    Optional<Endpoints> endpoints = client.get().resources(Endpoints.class).get(ref.getNamespace(), ref.getName());
    if (endpoints.isEmpty() || endpoints.get().getSubsets() == null) {
      return Optional.empty();
    }
    for (EndpointSubset subset : endpoints.get().getSubsets()) {
      if (subset.getAddresses() == null || subset.getAddresses().isEmpty() || subset.getPorts() == null || subset.getPorts().isEmpty()) {
        continue;
      }
      EndpointAddress address = subset.getAddresses().get(0);
      int target = subset.getPorts().stream().filter(p -> portName == null || portName.equals(p.getName()))
          .map(p -> p.getPort()).findFirst().orElse(subset.getPorts().get(0).getPort());
      return Optional.of(new String[] {address.getIp(), Integer.toString(target)});
    }
    return Optional.empty();
  }

  private HttpClient http(String caBundle) throws CallFailure {
    String key = caBundle == null ? "" : caBundle;
    HttpClient existing = clients.get(key);
    if (existing != null) {
      return existing;
    }
    HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(Webhook.MAX_TIMEOUT_SECONDS))
        .version(HttpClient.Version.HTTP_1_1);
    if (!key.isEmpty()) {
      builder.sslContext(trusting(key));
    }
    return clients.computeIfAbsent(key, k -> builder.build());
  }

  /** An SSL context trusting exactly the PEM certificates of a base64 {@code caBundle}. */
  static SSLContext trusting(String caBundle) throws CallFailure {
    try {
      byte[] pem = Base64.getMimeDecoder().decode(caBundle);
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int i = 0;
      for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(pem))) {
        store.setCertificateEntry("ca-" + i++, certificate);
      }
      if (i == 0) {
        throw new CallFailure("webhook caBundle holds no certificate", null);
      }
      TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(store);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException | IOException | IllegalArgumentException e) {
      throw new CallFailure("webhook caBundle is not a base64 PEM certificate bundle: " + e.getMessage(), e);
    }
  }
}
