package io.capstan.runtime.scheduler;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.capstan.runtime.scheduler.explain.ExplainAnnotations;
import io.capstan.runtime.scheduler.explain.ExplainRecord;
import io.capstan.spi.api.KubeJson;
import io.capstan.spi.client.ApiClient;
import io.capstan.spi.client.ConflictException;
import io.capstan.spi.client.NotFoundException;
import io.capstan.spi.client.PatchType;
import io.capstan.spi.clock.Clock;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventSource;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodStatus;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduler's writes besides the binding, done asynchronously on the executor so they never
 * hold up a scheduling cycle: Kubernetes' {@code Scheduled} and {@code FailedScheduling} events, the
 * {@code PodScheduled=False} condition (and nominatedNodeName) through {@code pods/status}, and the
 * explain annotations.
 */
final class SchedulerReporter {

  private static final Logger log = LoggerFactory.getLogger(SchedulerReporter.class);

  private final ApiClient client;
  private final Clock clock;
  private final java.util.concurrent.Executor executor;
  private final EventQueue events; // null: events off
  private final AtomicLong eventSeq = new AtomicLong();

  SchedulerReporter(ApiClient client, Clock clock, java.util.concurrent.Executor executor, boolean events) {
    this.client = requireNonNull(client, "client");
    this.clock = requireNonNull(clock, "clock");
    this.executor = requireNonNull(executor, "executor");
    this.events = events ? new EventQueue(executor, EventQueue.CAPACITY) : null;
  }

  void scheduled(Pod pod, String node, String profile, Optional<ExplainRecord> explain) {
    explain.ifPresent(r -> executor.execute(() -> annotate(pod, r)));
    event(pod, profile, "Normal", "Scheduled", "Binding",
        "Successfully assigned " + pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName() + " to " + node);
  }

  /** @param reason {@code Unschedulable} or {@code SchedulerError}, as the PodScheduled condition's reason */
  void failed(Pod pod, String profile, String reason, String message, Optional<String> nominatedNode,
      Optional<ExplainRecord> explain) {
    executor.execute(() -> {
      explain.ifPresent(r -> annotate(pod, r));
      condition(pod, reason, message, nominatedNode);
    });
    event(pod, profile, "Warning", "FailedScheduling", "Scheduling", message);
  }

  /** Scheduler events dropped because the event queue was full. */
  long droppedEvents() {
    return events == null ? 0 : events.dropped();
  }

  private void annotate(Pod pod, ExplainRecord record) {
    ObjectNode patch = KubeJson.mapper().createObjectNode();
    ObjectNode annotations = patch.putObject("metadata").putObject("annotations");
    Map<String, String> values = ExplainAnnotations.of(record);
    values.forEach(annotations::put);
    if (record.selectedNode().isEmpty()) {
      annotations.putNull(ExplainAnnotations.SELECTED_NODE);
    }
    try {
      client.resources(Pod.class).patch(pod.getMetadata().getNamespace(), pod.getMetadata().getName(), PatchType.MERGE,
          patch.toString());
    } catch (NotFoundException e) {
      // deleted meanwhile
    } catch (RuntimeException e) {
      log.warn("cannot write the explain annotations of pod {}/{}: {}", pod.getMetadata().getNamespace(),
          pod.getMetadata().getName(), e.toString());
    }
  }

  /** Records an event: queued, written by the event queue's single writer (dropped when it is full). */
  void event(Pod pod, String profile, String type, String reason, String action, String message) {
    if (events != null) {
      events.submit(() -> writeEvent(pod, profile, type, reason, action, message));
    }
  }

  private void writeEvent(Pod pod, String profile, String type, String reason, String action, String message) {
    String now = DateTimeFormatter.ISO_INSTANT.format(clock.now().truncatedTo(ChronoUnit.SECONDS));
    String micro = DateTimeFormatter.ISO_INSTANT.format(clock.now().truncatedTo(ChronoUnit.MICROS));
    // plain setters rather than fabric8's builders: one event per scheduled pod, and in a CPU
    // profile the builders (a fluent copy of every nested object) were a fifth of an event's cost
    ObjectMeta meta = new ObjectMeta();
    meta.setName(pod.getMetadata().getName() + "." + Long.toHexString(clock.now().toEpochMilli() * 1000
        + (eventSeq.incrementAndGet() % 1000)));
    meta.setNamespace(pod.getMetadata().getNamespace());
    ObjectReference involved = new ObjectReference();
    involved.setApiVersion("v1");
    involved.setKind("Pod");
    involved.setNamespace(pod.getMetadata().getNamespace());
    involved.setName(pod.getMetadata().getName());
    involved.setUid(pod.getMetadata().getUid());
    involved.setResourceVersion(pod.getMetadata().getResourceVersion());
    EventSource source = new EventSource();
    source.setComponent(profile);
    Event event = new Event();
    event.setMetadata(meta);
    event.setInvolvedObject(involved);
    event.setType(type);
    event.setReason(reason);
    event.setAction(action);
    event.setMessage(message);
    event.setSource(source);
    event.setReportingComponent(profile);
    event.setReportingInstance(profile);
    event.setFirstTimestamp(now);
    event.setLastTimestamp(now);
    event.setEventTime(new io.fabric8.kubernetes.api.model.MicroTime(micro));
    event.setCount(1);
    try {
      client.resources(Event.class).createHandedOver(event);
    } catch (RuntimeException e) {
      log.debug("cannot record event {} for pod {}/{}: {}", reason, pod.getMetadata().getNamespace(),
          pod.getMetadata().getName(), e.toString());
    }
  }

  private void condition(Pod pod, String reason, String message, Optional<String> nominatedNode) {
    String ns = pod.getMetadata().getNamespace();
    String name = pod.getMetadata().getName();
    for (int attempt = 0; attempt < 5; attempt++) {
      try {
        Optional<Pod> current = client.resources(Pod.class).get(ns, name);
        if (current.isEmpty() || current.get().getSpec().getNodeName() != null
            && !current.get().getSpec().getNodeName().isEmpty()) {
          return;
        }
        Pod p = io.capstan.spi.api.DeepCopy.of(current.get());
        PodStatus status = p.getStatus() == null ? new PodStatus() : p.getStatus();
        List<PodCondition> conditions = new ArrayList<>(status.getConditions() == null ? List.of() : status.getConditions());
        PodCondition old = conditions.stream().filter(c -> "PodScheduled".equals(c.getType())).findFirst().orElse(null);
        String now = DateTimeFormatter.ISO_INSTANT.format(clock.now().truncatedTo(ChronoUnit.SECONDS));
        PodCondition c = new PodCondition();
        c.setType("PodScheduled");
        c.setStatus("False");
        c.setReason(reason);
        c.setMessage(message);
        c.setLastTransitionTime(old != null && "False".equals(old.getStatus()) && old.getLastTransitionTime() != null
            ? old.getLastTransitionTime() : now);
        conditions.removeIf(x -> "PodScheduled".equals(x.getType()));
        conditions.add(c);
        status.setConditions(conditions);
        nominatedNode.ifPresent(status::setNominatedNodeName);
        if (status.getPhase() == null) {
          status.setPhase("Pending");
        }
        p.setStatus(status);
        client.resources(Pod.class).updateStatus(p);
        return;
      } catch (ConflictException e) {
        continue;
      } catch (NotFoundException e) {
        return;
      } catch (RuntimeException e) {
        log.warn("cannot set PodScheduled=False on pod {}/{}: {}", ns, name, e.toString());
        return;
      }
    }
  }
}
