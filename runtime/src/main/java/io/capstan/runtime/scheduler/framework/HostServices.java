package io.capstan.runtime.scheduler.framework;

import io.capstan.spi.scheduler.PodInfo;
import io.capstan.spi.scheduler.Status;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Optional;

/**
 * What a profile's handle needs from the scheduler that runs it (queue, informers, API client);
 * attached by the scheduler once it exists, since handles are built before it. The default answers
 * "nothing" for reads and fails writes, as a framework without a scheduler (in tests) has none.
 */
public interface HostServices {

  HostServices NONE = new HostServices() {};

  /** Pods nominated to the node, not yet bound. */
  default List<PodInfo> nominatedPodsForNode(String nodeName) {
    return List.of();
  }

  /** True when no pod is nominated anywhere (the filter phase's fast path). */
  default boolean noNominations() {
    return true;
  }

  default <T extends HasMetadata> List<T> listObjects(Class<T> type, Optional<String> namespace) {
    throw new UnsupportedOperationException("this scheduler host does not cache " + type.getSimpleName());
  }

  /** Marks the victim a disruption target, deletes it gracefully and records {@code Preempted}. */
  default Status evict(String profileName, Pod victim, Pod preemptor) {
    return Status.error("this scheduler host cannot evict pods");
  }

  default Status clearNominatedNodeName(Pod pod) {
    return Status.error("this scheduler host cannot clear nominations");
  }
}
