package io.capstan.runtime.scheduler.queue;

import io.capstan.spi.scheduler.PodInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which pods are nominated to which node after preemption (Kubernetes' {@code nominator}): the node
 * they should get once their victims are gone. Thread-safe.
 */
public final class Nominator {

  private final Map<String, List<PodInfo>> byNode = new HashMap<>();
  private final Map<String, String> nodeOf = new HashMap<>();

  public synchronized void add(PodInfo pod, String nodeName) {
    delete(pod.uid());
    nodeOf.put(pod.uid(), nodeName);
    byNode.computeIfAbsent(nodeName, k -> new ArrayList<>()).add(pod);
  }

  public synchronized void delete(String uid) {
    String node = nodeOf.remove(uid);
    if (node != null) {
      List<PodInfo> list = byNode.get(node);
      list.removeIf(p -> p.uid().equals(uid));
      if (list.isEmpty()) {
        byNode.remove(node);
      }
    }
  }

  public synchronized List<PodInfo> nominatedPodsFor(String nodeName) {
    List<PodInfo> list = byNode.get(nodeName);
    return list == null ? List.of() : List.copyOf(list);
  }

  public synchronized Optional<String> nominatedNode(String uid) {
    return Optional.ofNullable(nodeOf.get(uid));
  }

  public synchronized boolean isEmpty() {
    return nodeOf.isEmpty();
  }
}
