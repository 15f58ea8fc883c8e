package io.capstan.spi.dns;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A named or unnamed port of a Service (the Service's {@code port}) or of an endpoint (the
 * target port number the Endpoints object lists).
 *
 * @param name the port's name, {@code ""} when unnamed (unnamed ports get no SRV records)
 * @param protocol {@code TCP}, {@code UDP} or {@code SCTP}
 * @param port 1-65535
 */
public record DnsPort(String name, String protocol, int port) {

  public DnsPort {
    requireNonNull(name, "name");
    requireNonNull(protocol, "protocol");
    if (!List.of("TCP", "UDP", "SCTP").contains(protocol)) {
      throw new IllegalArgumentException("port protocol must be TCP, UDP or SCTP, got " + protocol);
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be 1-65535, got " + port);
    }
  }

  /** A named TCP port. */
  public static DnsPort tcp(String name, int port) {
    return new DnsPort(name, "TCP", port);
  }
}
