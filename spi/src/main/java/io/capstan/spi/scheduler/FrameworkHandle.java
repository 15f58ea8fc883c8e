package io.capstan.spi.scheduler;

import io.capstan.spi.clock.Clock;
import io.fabric8.kubernetes.api.model.HasMetadata;
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

  // ---- Capabilities added for DefaultPreemption and the default plugins (issue 6). Defaults throw
  // UnsupportedOperationException (or answer "nothing" where that is always safe) so existing hosts
  // keep compiling; the scheduler host implements them. Plugins degrade gracefully when a
  // capability is missing.

  /**
   * Runs this profile's Filter plugins, in the profile's order and stopping at the first
   * non-success, for {@code pod} on {@code nodeInfo} with {@code state} (Kubernetes'
   * {@code RunFilterPluginsWithNominatedPods}): the pods nominated to that node with a priority
   * at least the pod's are taken into account as if running there (added through each plugin's
   * {@link PreFilterExtensions#addPod} on a copy of the state) before the filters run. Plugins
   * whose PreFilter skipped ({@link CycleState#skipFilterPlugins()}) are not run.
   *
   * <p>Called by PostFilter plugins on {@linkplain CycleState#copy() copies} of the cycle state and
   * on a {@link NodeInfo} they built with pods removed; thread-safe, may be called concurrently for
   * different nodes.
   *
   * @return SUCCESS, or the first failing plugin's status (attributed with {@link Status#withPlugin})
   */
  default Status runFilterPlugins(CycleState state, Pod pod, NodeInfo nodeInfo) {
    throw new UnsupportedOperationException("this scheduler host cannot run filter plugins");
  }

  /**
   * Calls {@link PreFilterExtensions#removePod} of every PreFilter plugin of this profile that has
   * extensions and did not skip this cycle (Kubernetes' {@code RunPreFilterExtensionRemovePod}),
   * in order, stopping at the first non-success.
   */
  default Status runPreFilterExtensionRemovePod(CycleState state, Pod podToSchedule,
      PodInfo podToRemove, NodeInfo nodeInfo) {
    throw new UnsupportedOperationException("this scheduler host cannot run PreFilter extensions");
  }

  /** Like {@link #runPreFilterExtensionRemovePod}, for {@link PreFilterExtensions#addPod}. */
  default Status runPreFilterExtensionAddPod(CycleState state, Pod podToSchedule, PodInfo podToAdd,
      NodeInfo nodeInfo) {
    throw new UnsupportedOperationException("this scheduler host cannot run PreFilter extensions");
  }

  /**
   * Objects of one kind from the scheduler's informer caches, read-only (Kubernetes' listers).
   * The host serves at least {@code Namespace} (InterPodAffinity's namespaceSelector), {@code
   * Service}, {@code ReplicationController}, {@code ReplicaSet}, {@code StatefulSet} (PodTopologySpread's
   * default constraints) and {@code policy/v1 PodDisruptionBudget} (DefaultPreemption).
   *
   * @param namespace the namespace, or empty for all namespaces (and for cluster-scoped kinds)
   * @throws UnsupportedOperationException if the host does not cache this kind
   */
  default <T extends HasMetadata> List<T> listObjects(Class<T> type, Optional<String> namespace) {
    throw new UnsupportedOperationException("this scheduler host does not cache " + type.getSimpleName());
  }

  /**
   * Preempts {@code victim} on behalf of {@code preemptor} as Kubernetes' preemption does: if the
   * victim is held at Permit it is rejected there; otherwise its status gets the condition {@code
   * DisruptionTarget=True} (reason {@code PreemptionByScheduler}, message {@code "<profile>:
   * preempting to accommodate a higher priority pod"}), it is deleted through the API (graceful,
   * its own grace period) and a {@code Preempted} event is recorded on it. Blocks until the API
   * server answers.
   *
   * @return SUCCESS (a victim already gone counts as success) or ERROR with the API's message
   */
  default Status preemptPod(Pod victim, Pod preemptor) {
    throw new UnsupportedOperationException("this scheduler host cannot evict pods");
  }

  /**
   * The pods nominated to {@code nodeName} ({@code status.nominatedNodeName}) that are not bound
   * yet, as the scheduling queue's nominator knows them. The default knows none.
   */
  default List<PodInfo> nominatedPodsForNode(String nodeName) {
    return List.of();
  }

  /**
   * Clears {@code status.nominatedNodeName} of {@code pod} through the API and in the nominator
   * (preemption does this for lower-priority pods nominated to the node it frees up).
   *
   * @return SUCCESS or ERROR with the API's message
   */
  default Status clearNominatedNodeName(Pod pod) {
    throw new UnsupportedOperationException("this scheduler host cannot clear nominations");
  }
}
