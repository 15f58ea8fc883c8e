package io.capstan.spi.client;

/** What happens to the dependents (objects whose ownerReferences name it) of a deleted object. */
public enum PropagationPolicy {
  /** Dependents are kept; the garbage collector removes the owner reference from them. */
  ORPHAN("Orphan"),
  /** The object goes at once; the garbage collector deletes dependents afterwards. */
  BACKGROUND("Background"),
  /**
   * The object stays (with a deletionTimestamp and the {@code foregroundDeletion} finalizer)
   * until the garbage collector has deleted every blocking dependent.
   */
  FOREGROUND("Foreground");

  private final String kubernetesName;

  PropagationPolicy(String kubernetesName) {
    this.kubernetesName = kubernetesName;
  }

  /** The value of {@code DeleteOptions.propagationPolicy} in the Kubernetes API. */
  public String kubernetesName() {
    return kubernetesName;
  }
}
