package io.capstan.runtime.apiserver.resource;

import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * Kind-specific work of the write path that is neither strategy nor admission: what
 * kube-apiserver's registries do before validation, such as giving a Service its ClusterIP. Runs
 * after the strategy and before admission; returns what undoes it when the write then fails.
 */
public interface WriteHooks {

  /** No extra work for any kind. */
  WriteHooks NONE = new WriteHooks() { };

  /** Before a new object is admitted. */
  default Runnable beforeCreate(ApiRequest request, HasMetadata object) {
    return () -> { };
  }

  /** Before a spec update of {@code object} (replacing {@code old}) is admitted; may run again on a retry. */
  default Runnable beforeUpdate(ApiRequest request, HasMetadata object, HasMetadata old) {
    return () -> { };
  }
}
