package io.capstan.spi.scheduler;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.Set;

/**
 * A pod held by one or more {@link PermitPlugin}s that returned WAIT. Implemented by the framework;
 * thread-safe, so a plugin may allow or reject from any thread (an informer callback, a timer).
 */
public interface WaitingPod {

  Pod pod();

  /** The node the pod was reserved on. */
  String nodeName();

  /** The plugins that still have to allow the pod. */
  Set<String> pendingPlugins();

  /**
   * Records that {@code pluginName} allows the pod; once every pending plugin has, the binding
   * cycle proceeds. Ignored if the plugin is not pending.
   */
  void allow(String pluginName);

  /** Rejects the pod: it is unreserved and requeued with {@code message} as the reason. */
  void reject(String pluginName, String message);
}
