package io.capstan.spi.proxy;

/** A Service's {@code spec.sessionAffinity}. */
public enum SessionAffinity {
  NONE,
  /** Requests from one client IP go to the same endpoint until the affinity timeout passes. */
  CLIENT_IP
}
