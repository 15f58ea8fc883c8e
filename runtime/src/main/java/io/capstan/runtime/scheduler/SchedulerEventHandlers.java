package io.capstan.runtime.scheduler;

import io.capstan.runtime.scheduler.cache.SchedulerCache;
import io.capstan.runtime.scheduler.queue.SchedulingQueue;
import io.capstan.spi.client.InformerFactory;
import io.capstan.spi.client.ResourceEventHandler;
import io.capstan.spi.scheduler.ClusterEvent.Action;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.Objects;
import java.util.Optional;

/**
 * Routes informer events as Kubernetes' {@code eventhandlers.go} does: assigned pods and nodes go to
 * the cache (and wake unschedulable pods through cluster events); unassigned pods of a known profile
 * go to the queue; terminated pods free their node.
 */
final class SchedulerEventHandlers {

  private final Scheduler scheduler;
  private final SchedulerCache cache;
  private final SchedulingQueue queue;

  SchedulerEventHandlers(Scheduler scheduler, SchedulerCache cache, SchedulingQueue queue) {
    this.scheduler = scheduler;
    this.cache = cache;
    this.queue = queue;
  }

  void register(InformerFactory informers) {
    informers.sharedInformer(Node.class).addEventHandler(new ResourceEventHandler<>() {
      @Override
      public void onAdd(Node node) {
        cache.addNode(node);
        queue.onClusterEvent("nodes", Action.ADD, Optional.empty(), Optional.of(node));
      }

      @Override
      public void onUpdate(Node old, Node node) {
        cache.addNode(node);
        Action action = nodeAction(old, node);
        if (action != null) {
          queue.onClusterEvent("nodes", action, Optional.of(old), Optional.of(node));
        }
      }

      @Override
      public void onDelete(Node node, boolean unknown) {
        cache.removeNode(node.getMetadata().getName());
      }
    });
    informers.sharedInformer(Pod.class).addEventHandler(new ResourceEventHandler<>() {
      @Override
      public void onAdd(Pod pod) {
        if (assigned(pod)) {
          if (!terminated(pod)) {
            cache.addPod(pod);
            queue.onClusterEvent("pods", Action.ADD, Optional.empty(), Optional.of(pod));
          }
        } else if (scheduler.responsibleFor(pod) && pod.getMetadata().getDeletionTimestamp() == null) {
          queue.add(pod);
        }
      }

      @Override
      public void onUpdate(Pod old, Pod pod) {
        String uid = pod.getMetadata().getUid();
        if (assigned(pod)) {
          if (!assigned(old)) {
            queue.delete(uid);
          }
          if (terminated(pod)) {
            cache.removePod(uid);
            queue.onClusterEvent("pods", Action.DELETE, Optional.of(old), Optional.empty());
          } else {
            cache.addPod(pod);
            if (!Objects.equals(old.getMetadata().getLabels(), pod.getMetadata().getLabels())) {
              queue.onClusterEvent("pods", Action.UPDATE_POD_LABEL, Optional.of(old), Optional.of(pod));
            }
          }
        } else if (scheduler.responsibleFor(pod)) {
          if (pod.getMetadata().getDeletionTimestamp() != null) {
            queue.delete(uid);
          } else if (specOrLabelsChanged(old, pod)) {
            queue.update(pod);
          }
        }
      }

      @Override
      public void onDelete(Pod pod, boolean unknown) {
        String uid = pod.getMetadata().getUid();
        queue.delete(uid);
        if (assigned(pod)) {
          cache.removePod(uid);
          queue.onClusterEvent("pods", Action.DELETE, Optional.of(pod), Optional.empty());
        } else {
          cache.forgetPod(uid);
          scheduler.profileFor(pod).flatMap(f -> f.handle().waitingPod(uid))
              .ifPresent(w -> w.reject("", "pod " + pod.getMetadata().getName() + " was deleted"));
        }
      }
    });
  }

  static boolean assigned(Pod pod) {
    return pod.getSpec() != null && pod.getSpec().getNodeName() != null && !pod.getSpec().getNodeName().isEmpty();
  }

  static boolean terminated(Pod pod) {
    String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
    return "Succeeded".equals(phase) || "Failed".equals(phase);
  }

  /** A status-only change (our own PodScheduled condition, say) does not make a pod schedulable. */
  private static boolean specOrLabelsChanged(Pod old, Pod pod) {
    return !Objects.equals(old.getSpec(), pod.getSpec())
        || !Objects.equals(old.getMetadata().getLabels(), pod.getMetadata().getLabels());
  }

  private static Action nodeAction(Node old, Node node) {
    var o = old.getStatus();
    var n = node.getStatus();
    if (!Objects.equals(o == null ? null : o.getAllocatable(), n == null ? null : n.getAllocatable())) {
      return Action.UPDATE_NODE_ALLOCATABLE;
    }
    if (!Objects.equals(old.getMetadata().getLabels(), node.getMetadata().getLabels())) {
      return Action.UPDATE_NODE_LABEL;
    }
    if (!Objects.equals(old.getSpec() == null ? null : old.getSpec().getTaints(),
        node.getSpec() == null ? null : node.getSpec().getTaints())
        || !Objects.equals(old.getSpec() == null ? null : old.getSpec().getUnschedulable(),
        node.getSpec() == null ? null : node.getSpec().getUnschedulable())) {
      return Action.UPDATE_NODE_TAINT;
    }
    if (!Objects.equals(o == null ? null : o.getConditions(), n == null ? null : n.getConditions())) {
      return Action.UPDATE_NODE_CONDITION;
    }
    return null;
  }
}
