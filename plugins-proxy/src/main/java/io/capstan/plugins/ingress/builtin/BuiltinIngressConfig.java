package io.capstan.plugins.ingress.builtin;

import java.time.Duration;

/**
 * Settings of the {@code builtin} ingress controller, bound from {@code ingress.builtin.*}. A null
 * component (key absent) means the default.
 *
 * @param bindAddress where the HTTP listener binds; default {@code 127.0.0.1}
 * @param httpPort the HTTP port; default {@code 8088}, {@code 0} for any free port
 * @param httpsPort the HTTPS port (certificates from the Ingresses' {@code spec.tls} Secrets, chosen
 *     by SNI); default {@code 8443}, {@code 0} for any free port
 * @param connectTimeout how long a connect to one endpoint may take before the next is tried;
 *     default {@code 2s}
 * @param requestTimeout how long a backend may take to answer; default {@code 60s}
 * @param maxThreads the most request threads, and the most connections to one endpoint; default
 *     {@code 200}
 */
public record BuiltinIngressConfig(String bindAddress, Integer httpPort, Integer httpsPort, Duration connectTimeout,
    Duration requestTimeout, Integer maxThreads) {

  public BuiltinIngressConfig {
    bindAddress = bindAddress == null || bindAddress.isBlank() ? "127.0.0.1" : bindAddress.trim();
    httpPort = httpPort == null ? 8088 : httpPort;
    httpsPort = httpsPort == null ? 8443 : httpsPort;
    connectTimeout = connectTimeout == null ? Duration.ofSeconds(2) : connectTimeout;
    requestTimeout = requestTimeout == null ? Duration.ofSeconds(60) : requestTimeout;
    maxThreads = maxThreads == null ? 200 : maxThreads;
    if (httpPort < 0 || httpPort > 65535) {
      throw new IllegalArgumentException("ingress.builtin.httpPort must be 0-65535, got " + httpPort);
    }
    if (httpsPort < 0 || httpsPort > 65535) {
      throw new IllegalArgumentException("ingress.builtin.httpsPort must be 0-65535, got " + httpsPort);
    }
    if (connectTimeout.isZero() || connectTimeout.isNegative() || requestTimeout.isZero() || requestTimeout.isNegative()) {
      throw new IllegalArgumentException("ingress.builtin timeouts must be positive");
    }
    if (maxThreads < 8) {
      throw new IllegalArgumentException("ingress.builtin.maxThreads must be at least 8, got " + maxThreads);
    }
  }

  public static BuiltinIngressConfig defaults() {
    return new BuiltinIngressConfig(null, null, null, null, null, null);
  }
}
