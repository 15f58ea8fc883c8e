package io.capstan.spi.scheduler;

import io.capstan.spi.clock.Clock;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Optional;

/**
 * What the framework offers the plugins of one profile (Kubernetes' {@code framework.Handle}).
 * Plugins get it by injection ({@code @Inject FrameworkHandle handle}); every method is
 * thread-safe.
 */
public interface FrameworkHandle {

  /** The profile's {@code schedulerName}, e.g. {@code default-scheduler}. */
  String profileName();

  /**
   * The snapshot of the current cycle. Stable between the start of a scheduling cycle and the next
   * one; read it inside extension points, never cache it across cycles.
   */
  NodeInfoLister snapshot();

  /** The scheduler's clock: virtual in simulations, so read time only here. */
  Clock clock();

  /** How many threads filter and score nodes in parallel ({@code parallelism}, 16 by default). */
  int parallelism();

  /**
   * Binds {@code pod} to {@code nodeName} through the API server's {@code pods/binding}
   * subresource. Blocks until the API server answers; call it from the binding cycle only.
   *
   * @return SUCCESS, or ERROR with the API server's message (a conflict included)
   */
  Status bind(Pod pod, String nodeName);

  /** The pod held at Permit with this UID, if any. */
  Optional<WaitingPod> waitingPod(String podUid);

  /** Every pod currently held at Permit. */
  List<WaitingPod> waitingPods();

  /**
   * The arguments bound for a plugin of this profile from the profile's {@code pluginConfig}
   * (the same object its factory's module received), so a plugin can read another's settings,
   * as DefaultPreemption reads the fit plugin's.
   *
   * @return empty if the plugin is not enabled in this profile
   * @throws ClassCastException if its arguments are not a {@code type}
   */
  <A> Optional<A> pluginArgs(String pluginName, Class<A> type);
}
