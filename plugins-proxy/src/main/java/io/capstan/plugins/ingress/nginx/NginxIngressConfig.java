package io.capstan.plugins.ingress.nginx;

import java.time.Duration;

/**
 * Settings of the {@code nginx} ingress controller, bound from {@code ingress.nginx.*}. A null
 * component (key absent) means the default.
 *
 * @param binary the nginx executable; default {@code nginx} (looked up on the PATH, then
 *     {@code /usr/sbin/nginx})
 * @param workDir where nginx.conf, the pid file, logs and temp files live; default
 *     {@code data/ingress/nginx}
 * @param bindAddress the address nginx listens on; default {@code 127.0.0.1}
 * @param httpPort the port nginx listens on; default {@code 8089} (no root needed)
 * @param httpsPort the port nginx serves HTTPS on (certificates from the {@code spec.tls} Secrets);
 *     default {@code 8444}
 * @param commandTimeout how long {@code nginx -t} or {@code nginx -s reload} may take; default {@code 10s}
 */
public record NginxIngressConfig(String binary, String workDir, String bindAddress, Integer httpPort,
    Integer httpsPort, Duration commandTimeout) {

  public NginxIngressConfig {
    binary = binary == null || binary.isBlank() ? "nginx" : binary.trim();
    workDir = workDir == null || workDir.isBlank() ? "data/ingress/nginx" : workDir.trim();
    bindAddress = bindAddress == null || bindAddress.isBlank() ? "127.0.0.1" : bindAddress.trim();
    httpPort = httpPort == null ? 8089 : httpPort;
    httpsPort = httpsPort == null ? 8444 : httpsPort;
    commandTimeout = commandTimeout == null ? Duration.ofSeconds(10) : commandTimeout;
    if (httpPort < 1 || httpPort > 65535) {
      throw new IllegalArgumentException("ingress.nginx.httpPort must be 1-65535, got " + httpPort);
    }
    if (httpsPort < 1 || httpsPort > 65535 || httpsPort.equals(httpPort)) {
      throw new IllegalArgumentException("ingress.nginx.httpsPort must be 1-65535 and differ from httpPort, got "
          + httpsPort);
    }
    if (commandTimeout.isZero() || commandTimeout.isNegative()) {
      throw new IllegalArgumentException("ingress.nginx.commandTimeout must be positive, got " + commandTimeout);
    }
  }

  public static NginxIngressConfig defaults() {
    return new NginxIngressConfig(null, null, null, null, null, null);
  }
}
