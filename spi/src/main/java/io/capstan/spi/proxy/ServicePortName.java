package io.capstan.spi.proxy;

import static java.util.Objects.requireNonNull;

/**
 * One port of one Service, the unit a proxy programs: kube-proxy's {@code ServicePortName}.
 *
 * @param namespace the Service's namespace
 * @param name the Service's name
 * @param port the port's name ({@code http}), {@code ""} for the single unnamed port
 */
public record ServicePortName(String namespace, String name, String port) {

  public ServicePortName {
    requireNonNull(namespace, "namespace");
    requireNonNull(name, "name");
    requireNonNull(port, "port");
    if (namespace.isEmpty() || name.isEmpty()) {
      throw new IllegalArgumentException("namespace and name must not be empty");
    }
  }

  /**
   * Parses {@code namespace/name:port} (the port part may be empty: {@code ns/svc:}), the inverse
   * of {@link #toString()}.
   */
  public static ServicePortName parse(String text) {
    requireNonNull(text, "text");
    int slash = text.indexOf('/');
    int colon = text.indexOf(':', slash + 1);
    if (slash <= 0 || colon < 0) {
      throw new IllegalArgumentException(
          "expected namespace/name:port, got '" + text + "'");
    }
    return new ServicePortName(text.substring(0, slash), text.substring(slash + 1, colon),
        text.substring(colon + 1));
  }

  /**
   * {@code namespace/name:port}, exactly kube-proxy's {@code String()}: it is hashed into iptables
   * chain names, so it must not change.
   */
  @Override
  public String toString() {
    return namespace + "/" + name + ":" + port;
  }
}
