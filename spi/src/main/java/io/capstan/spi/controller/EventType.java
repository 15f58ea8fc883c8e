package io.capstan.spi.controller;

/** The {@code type} of a Kubernetes Event. */
public enum EventType {
  NORMAL("Normal"),
  WARNING("Warning");

  private final String kubernetesName;

  EventType(String kubernetesName) {
    this.kubernetesName = kubernetesName;
  }

  /** The value written to the Event's {@code type} field. */
  public String kubernetesName() {
    return kubernetesName;
  }
}
