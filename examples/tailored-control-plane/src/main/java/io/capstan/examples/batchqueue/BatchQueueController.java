package io.capstan.examples.batchqueue;

import io.capstan.spi.api.KubeJson;
import io.capstan.spi.api.ObjectKey;
import io.capstan.spi.client.ConflictException;
import io.capstan.spi.client.NotFoundException;
import io.capstan.spi.controller.Controller;
import io.capstan.spi.controller.ControllerContext;
import io.capstan.spi.controller.ControllerSetup;
import io.capstan.spi.controller.EventMappers;
import io.capstan.spi.controller.Result;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The controller of {@link BatchQueue}: level-based, like the built-in controllers. For a queue it
 * counts its pods (released and unfinished, still gated, finished), removes the scheduling gate
 * from the highest-priority waiting pods until {@code maxActive} are active, and writes the counts
 * to the queue's status. It is woken by changes of the queue and of any pod labelled with its name,
 * and reads both from the shared informers' caches, never by listing the API.
 */
public final class BatchQueueController implements Controller {

  public static final String NAME = "batchqueue";
  private static final Logger LOG = LoggerFactory.getLogger(BatchQueueController.class);

  /** Waiting pods in release order: higher priority first, then older, then by name. */
  static final Comparator<Pod> RELEASE_ORDER = Comparator.comparingInt(BatchQueueController::priority).reversed()
      .thenComparing(p -> p.getMetadata().getCreationTimestamp(), Comparator.nullsLast(Comparator.naturalOrder()))
      .thenComparing(p -> p.getMetadata().getName());

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Class<BatchQueue> primaryType() {
    return BatchQueue.class;
  }

  @Override
  public void setup(ControllerSetup setup) {
    setup.watch(BatchQueue.class, EventMappers.self());
    // A pod wakes the queue its label names: a new pod may be released, a finished one frees a slot.
    setup.watch(Pod.class, pod -> queueOf(pod).map(queue -> Set.of(ObjectKey.of(pod.getMetadata().getNamespace(), queue)))
        .orElse(Set.of()));
  }

  @Override
  public Result reconcile(ObjectKey key, ControllerContext ctx) {
    Optional<BatchQueue> found = ctx.lister(BatchQueue.class).get(key.namespace(), key.name());
    if (found.isEmpty()) {
      return Result.done(); // deleted: its pods stay gated until they join another queue or are deleted
    }
    BatchQueue queue = found.get();
    List<Pod> pods = ctx.lister(Pod.class).list(key.namespace(), pod -> queueOf(pod).filter(key.name()::equals).isPresent());
    List<Pod> waiting = new ArrayList<>();
    int active = 0;
    int finished = 0;
    for (Pod pod : pods) {
      if (isFinished(pod)) {
        finished++;
      } else if (isGated(pod)) {
        waiting.add(pod);
      } else if (pod.getMetadata().getDeletionTimestamp() == null) {
        active++;
      }
    }
    waiting.sort(RELEASE_ORDER);
    int maxActive = queue.getSpec() == null || queue.getSpec().getMaxActive() == null ? 1 : queue.getSpec().getMaxActive();
    int released = 0;
    for (Pod pod : waiting.subList(0, Math.max(0, Math.min(waiting.size(), maxActive - active)))) {
      try {
        release(pod, ctx);
        released++;
      } catch (ConflictException | NotFoundException changed) {
        return Result.requeue(); // the pod changed under us: count again from the informers' next view
      }
    }
    BatchQueue.Status status = new BatchQueue.Status();
    status.setActive(active + released);
    status.setWaiting(waiting.size() - released);
    status.setFinished(finished);
    if (!status.sameAs(queue.getStatus())) {
      BatchQueue updated = copy(queue, BatchQueue.class);
      updated.setStatus(status);
      try {
        ctx.client().resources(BatchQueue.class).updateStatus(updated);
      } catch (ConflictException stale) {
        return Result.requeue();
      }
    }
    return Result.done();
  }

  /** Removes the queue's scheduling gate (and only it) from a copy of the cached pod and writes it. */
  private static void release(Pod cached, ControllerContext ctx) {
    Pod pod = copy(cached, Pod.class);
    pod.getSpec().getSchedulingGates().removeIf(gate -> BatchQueue.GATE.equals(gate.getName()));
    ctx.client().resources(Pod.class).update(pod);
    LOG.info("released pod {}/{} (priority {})", pod.getMetadata().getNamespace(), pod.getMetadata().getName(), priority(pod));
  }

  static Optional<String> queueOf(Pod pod) {
    Map<String, String> labels = pod.getMetadata().getLabels();
    return Optional.ofNullable(labels == null ? null : labels.get(BatchQueue.QUEUE_LABEL));
  }

  static boolean isGated(Pod pod) {
    return pod.getSpec() != null && pod.getSpec().getSchedulingGates() != null
        && pod.getSpec().getSchedulingGates().stream().anyMatch(gate -> BatchQueue.GATE.equals(gate.getName()));
  }

  static boolean isFinished(Pod pod) {
    String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
    return "Succeeded".equals(phase) || "Failed".equals(phase);
  }

  static int priority(Pod pod) {
    Map<String, String> annotations = pod.getMetadata().getAnnotations();
    String value = annotations == null ? null : annotations.get(BatchQueue.PRIORITY_ANNOTATION);
    try {
      return value == null ? 0 : Integer.parseInt(value.trim());
    } catch (NumberFormatException notANumber) {
      return 0;
    }
  }

  /** Objects from the informers' caches are shared: change a copy. */
  private static <T> T copy(T object, Class<T> type) {
    return KubeJson.mapper().convertValue(object, type);
  }
}
