package io.capstan.spi.admission;

/** The operation being admitted, as in Kubernetes admission. */
public enum AdmissionOperation {
  CREATE,
  UPDATE,
  DELETE,
  /** A connect subresource: {@code pods/exec}, {@code pods/attach}, {@code pods/portforward}. */
  CONNECT
}
