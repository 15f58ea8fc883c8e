package io.capstan.spi.scheduler;

import io.fabric8.kubernetes.api.model.Pod;

/**
 * Binds the pod to the node (Kubernetes' Bind; the default {@code DefaultBinder} creates the
 * {@code pods/binding} subresource through {@link FrameworkHandle#bind}).
 *
 * <p>Called on a binding thread after PreBind; may block on the API call. Bind plugins run in order
 * and the first that does not return SKIP handles the pod: SKIP means "not mine, ask the next";
 * ERROR or a rejection unreserves and requeues the pod.
 */
public interface BindPlugin extends SchedulerPlugin {

  Status bind(CycleState state, Pod pod, String nodeName);
}
