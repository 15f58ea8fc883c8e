package io.capstan.spi.auth;

/** An authorizer's verdict. */
public enum Decision {
  /** The request is allowed; the chain stops. */
  ALLOW,
  /** The request is forbidden; the chain stops. */
  DENY,
  /** This authorizer has no rule about the request; ask the next one. */
  NO_OPINION
}
