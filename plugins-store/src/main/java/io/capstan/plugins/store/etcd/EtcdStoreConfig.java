package io.capstan.plugins.store.etcd;

import io.capstan.spi.plugin.InvalidConfigException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Configuration of the {@code etcd} store plugin, bound from {@code store.etcd.*}. A {@code null}
 * (absent key) means the default; optional strings default to {@code ""}, meaning "not set".
 *
 * @param endpoints etcd client URLs, all {@code http://} or all {@code https://}; default {@code
 *     [http://127.0.0.1:2379]}. Several members of one cluster are used round-robin.
 * @param keyPrefix prepended to every key Capstan reads or writes, default {@code ""}. Capstan owns
 *     every key under it (compaction, though, is cluster-wide); end it with a separator ({@code
 *     /capstan/}) so that it is no prefix of another tenant's keys.
 * @param username etcd user when the cluster has authentication on; set together with password
 * @param password that user's password; never printed
 * @param caFile PEM bundle of the CA that signed the etcd servers' certificates; empty means the
 *     JVM's trust store. Only with {@code https://} endpoints.
 * @param certFile PEM client certificate for clusters that require client TLS; with keyFile
 * @param keyFile the client certificate's private key, PEM in PKCS#8 (convert a PKCS#1 key with
 *     {@code openssl pkcs8 -topk8 -nocrypt})
 * @param requestTimeout how long one call may take before it fails (as indeterminate for writes),
 *     default 5s
 * @param connectTimeout how long establishing a connection may take, default 5s
 * @param watchBufferSize responses one watch may hold for a slow listener before the plugin drops
 *     them and catches the watch up from etcd's history instead, default 1000
 * @param watchResumeTimeout how long a watch whose stream broke keeps trying to resume before it
 *     ends with {@code Failed}, default 30s
 */
public record EtcdStoreConfig(
    List<String> endpoints,
    String keyPrefix,
    String username,
    String password,
    String caFile,
    String certFile,
    String keyFile,
    Duration requestTimeout,
    Duration connectTimeout,
    Integer watchBufferSize,
    Duration watchResumeTimeout) {

  /** Where a locally installed etcd listens by default. */
  public static final String DEFAULT_ENDPOINT = "http://127.0.0.1:2379";

  private static final Set<String> SCHEMES = Set.of("http", "https");

  public EtcdStoreConfig {
    endpoints = endpoints == null ? List.of(DEFAULT_ENDPOINT) : List.copyOf(endpoints);
    keyPrefix = orEmpty(keyPrefix);
    username = orEmpty(username);
    password = orEmpty(password);
    caFile = orEmpty(caFile);
    certFile = orEmpty(certFile);
    keyFile = orEmpty(keyFile);
    requestTimeout = requestTimeout == null ? Duration.ofSeconds(5) : requestTimeout;
    connectTimeout = connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout;
    watchBufferSize = watchBufferSize == null ? 1000 : watchBufferSize;
    watchResumeTimeout = watchResumeTimeout == null ? Duration.ofSeconds(30) : watchResumeTimeout;

    checkEndpoints(endpoints);
    boolean tls = endpoints.get(0).startsWith("https:");
    if (username.isEmpty() != password.isEmpty()) {
      throw new InvalidConfigException(username.isEmpty() ? "username" : "password",
          "username and password go together; set both or neither");
    }
    if (certFile.isEmpty() != keyFile.isEmpty()) {
      throw new InvalidConfigException(certFile.isEmpty() ? "certFile" : "keyFile",
          "certFile and keyFile go together; set both for client TLS, or neither");
    }
    if (!tls && !(caFile.isEmpty() && certFile.isEmpty())) {
      throw new InvalidConfigException(caFile.isEmpty() ? "certFile" : "caFile",
          "TLS files are set but the endpoints use http://; write them as https://");
    }
    positive("requestTimeout", requestTimeout);
    positive("connectTimeout", connectTimeout);
    positive("watchResumeTimeout", watchResumeTimeout);
    if (watchBufferSize < 1) {
      throw new InvalidConfigException("watchBufferSize",
          "must be at least 1 response, was " + watchBufferSize);
    }
  }

  /** Every setting at its default. */
  public static EtcdStoreConfig defaults() {
    return new EtcdStoreConfig(null, null, null, null, null, null, null, null, null, null, null);
  }

  /** The defaults with other endpoints and key prefix: what tests and small setups change. */
  public static EtcdStoreConfig of(List<String> endpoints, String keyPrefix) {
    return new EtcdStoreConfig(endpoints, keyPrefix, null, null, null, null, null, null, null,
        null, null);
  }

  /** Whether the endpoints are {@code https://}. */
  public boolean tls() {
    return endpoints.get(0).startsWith("https:");
  }

  /** The key prefix as bytes (UTF-8). */
  public byte[] keyPrefixBytes() {
    return keyPrefix.getBytes(StandardCharsets.UTF_8);
  }

  /** Without the password, so the effective configuration can be printed and logged. */
  @Override
  public String toString() {
    return "EtcdStoreConfig[endpoints=" + endpoints + ", keyPrefix=" + keyPrefix
        + ", username=" + username + ", password=" + (password.isEmpty() ? "" : "****")
        + ", caFile=" + caFile + ", certFile=" + certFile + ", keyFile=" + keyFile
        + ", requestTimeout=" + requestTimeout + ", connectTimeout=" + connectTimeout
        + ", watchBufferSize=" + watchBufferSize + ", watchResumeTimeout=" + watchResumeTimeout
        + "]";
  }

  private static void checkEndpoints(List<String> endpoints) {
    if (endpoints.isEmpty()) {
      throw new InvalidConfigException("endpoints",
          "needs at least one etcd client URL, e.g. " + DEFAULT_ENDPOINT);
    }
    String firstScheme = null;
    for (String endpoint : endpoints) {
      URI uri;
      try {
        uri = URI.create(endpoint == null ? "" : endpoint.trim());
      } catch (IllegalArgumentException e) {
        throw new InvalidConfigException("endpoints", "'" + endpoint + "' is not a URL; write"
            + " http://host:port or https://host:port, e.g. " + DEFAULT_ENDPOINT);
      }
      if (uri.getScheme() == null || !SCHEMES.contains(uri.getScheme()) || uri.getHost() == null
          || uri.getPort() < 1 || !(uri.getPath() == null || uri.getPath().isEmpty()
              || uri.getPath().equals("/"))) {
        throw new InvalidConfigException("endpoints", "'" + endpoint + "' is not an etcd client"
            + " URL; write http://host:port or https://host:port, e.g. " + DEFAULT_ENDPOINT);
      }
      if (firstScheme != null && !firstScheme.equals(uri.getScheme())) {
        throw new InvalidConfigException("endpoints",
            "mixes http:// and https://; one client speaks either plain text or TLS");
      }
      firstScheme = uri.getScheme();
    }
  }

  private static void positive(String field, Duration value) {
    if (value.isNegative() || value.isZero()) {
      throw new InvalidConfigException(field, "must be positive, e.g. 5s; was " + value);
    }
  }

  private static String orEmpty(String value) {
    return value == null ? "" : value;
  }
}
