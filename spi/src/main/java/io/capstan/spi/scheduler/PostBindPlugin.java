package io.capstan.spi.scheduler;

import io.fabric8.kubernetes.api.model.Pod;

/**
 * Informational clean-up after a successful bind (Kubernetes' PostBind). Called on the binding
 * thread; cannot fail (log instead) and should return quickly.
 */
public interface PostBindPlugin extends SchedulerPlugin {

  void postBind(CycleState state, Pod pod, String nodeName);
}
