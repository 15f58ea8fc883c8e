package io.capstan.runtime.controllers;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.client.ApiClient;
import io.capstan.spi.client.NotFoundException;
import io.capstan.spi.client.PatchType;
import io.capstan.spi.clock.Clock;
import io.capstan.spi.clock.TaskExecutor;
import io.capstan.spi.controller.EventRecorder;
import io.capstan.spi.controller.EventType;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes core/v1 Events in the background, correlated as client-go's recorder does (see
 * {@link EventCorrelator}): a repeat patches the stored Event's {@code count} and
 * {@code lastTimestamp}. {@link #event} only updates memory and schedules a flush on the executor;
 * it never blocks and never throws. Beyond 1,000 events waiting to be written, new ones are dropped
 * (client-go drops under pressure too).
 */
public final class ClusterEventRecorder implements EventRecorder {

  private static final Logger LOG = LoggerFactory.getLogger(ClusterEventRecorder.class);
  private static final int MAX_PENDING = 1000;

  /** One Event as it is (to be) stored. */
  private static final class Entry {
    final String namespace;
    final String name;
    Event event;
    boolean stored;

    Entry(String namespace, String name, Event event) {
      this.namespace = namespace;
      this.name = name;
      this.event = event;
    }
  }

  private final ApiClient client;
  private final Clock clock;
  private final TaskExecutor executor;
  private final String component;
  private final String instance;
  private final EventCorrelator correlator = new EventCorrelator();
  private final Map<EventCorrelator.Key, Entry> entries = EventCorrelator.lru();
  private final Set<Entry> pending = new LinkedHashSet<>();
  private boolean flushScheduled;
  private long sequence;

  /**
   * @param component the Event's {@code source.component} and {@code reportingComponent}
   *     ({@code deployment-controller})
   * @param instance the {@code reportingInstance}: the process identity
   */
  public ClusterEventRecorder(ApiClient client, Clock clock, TaskExecutor executor, String component,
      String instance) {
    this.client = requireNonNull(client, "client");
    this.clock = requireNonNull(clock, "clock");
    this.executor = requireNonNull(executor, "executor");
    this.component = requireNonNull(component, "component");
    this.instance = requireNonNull(instance, "instance");
  }

  @Override
  public void event(HasMetadata regarding, EventType type, String reason, String message) {
    try {
      record(regarding, type, reason, message);
    } catch (RuntimeException e) {
      LOG.warn("event {} about {} not recorded: {}", reason, describe(regarding), e.toString());
    }
  }

  private void record(HasMetadata regarding, EventType type, String reason, String message) {
    requireNonNull(regarding, "regarding");
    requireNonNull(type, "type");
    requireNonNull(reason, "reason");
    requireNonNull(message, "message");
    String objectNamespace = regarding.getMetadata().getNamespace() == null ? "" : regarding.getMetadata().getNamespace();
    String objectName = regarding.getMetadata().getName();
    String uid = regarding.getMetadata().getUid() == null ? "" : regarding.getMetadata().getUid();
    String kind = regarding.getKind() != null ? regarding.getKind() : HasMetadata.getKind(regarding.getClass());
    String apiVersion = regarding.getApiVersion() != null ? regarding.getApiVersion()
        : HasMetadata.getApiVersion(regarding.getClass());
    Instant now = clock.now();
    String stamp = DateTimeFormatter.ISO_INSTANT.format(now.truncatedTo(ChronoUnit.SECONDS));
    synchronized (this) {
      EventCorrelator.Decision decision = correlator.correlate(uid, kind + "/" + objectNamespace + "/" + objectName,
          type.kubernetesName(), reason, message, now);
      Entry entry = entries.get(decision.key());
      if (entry != null) {
        Event previous = entry.event;
        int count = previous.getCount() == null ? 1 : previous.getCount();
        entry.event = new EventBuilder(previous).withCount(count + 1).withLastTimestamp(stamp)
            .withMessage(decision.message()).build();
      } else {
        if (pending.size() >= MAX_PENDING) {
          LOG.debug("event {} about {} dropped: {} events waiting to be written", reason, objectName, pending.size());
          return;
        }
        String namespace = objectNamespace.isEmpty() ? "default" : objectNamespace;
        String name = objectName + "." + Long.toHexString(now.toEpochMilli() * 1_000_000L + (sequence++ % 1_000_000L));
        Event event = new EventBuilder()
            .withNewMetadata().withNamespace(namespace).withName(name).endMetadata()
            .withNewInvolvedObject().withKind(kind).withApiVersion(apiVersion).withName(objectName)
            .withNamespace(objectNamespace.isEmpty() ? null : objectNamespace).withUid(uid.isEmpty() ? null : uid)
            .withResourceVersion(regarding.getMetadata().getResourceVersion()).endInvolvedObject()
            .withType(type.kubernetesName()).withReason(reason).withMessage(decision.message())
            .withCount(1).withFirstTimestamp(stamp).withLastTimestamp(stamp)
            .withNewSource().withComponent(component).endSource()
            .withReportingComponent(component).withReportingInstance(instance)
            .build();
        entry = new Entry(namespace, name, event);
        entries.put(decision.key(), entry);
      }
      pending.add(entry);
      if (!flushScheduled) {
        flushScheduled = true;
        executor.execute(this::flush);
      }
    }
  }

  /**
   * Writes what is pending, until nothing is: one flush at a time (a second one running beside it
   * could create an Event this one is still creating, fail with AlreadyExists and lose the count).
   */
  private void flush() {
    while (true) {
      java.util.Collection<Entry> batch;
      synchronized (this) {
        if (pending.isEmpty()) {
          flushScheduled = false;
          return;
        }
        batch = new java.util.LinkedHashSet<>(pending); // an entry repeated before the flush is written once
        pending.clear();
      }
      batch.forEach(this::write);
    }
  }

  private void write(Entry entry) {
    Event event;
    boolean stored;
    synchronized (this) {
      event = entry.event;
      stored = entry.stored;
    }
    try {
      if (stored) {
        String patch = "{\"count\":" + event.getCount() + ",\"lastTimestamp\":\"" + event.getLastTimestamp()
            + "\",\"message\":" + io.capstan.spi.api.KubeJson.mapper().writeValueAsString(event.getMessage()) + "}";
        try {
          client.resources(Event.class).patch(entry.namespace, entry.name, PatchType.MERGE, patch);
        } catch (NotFoundException gone) {
          client.resources(Event.class).create(event);
        }
      } else {
        client.resources(Event.class).create(event);
        synchronized (this) {
          entry.stored = true;
        }
      }
    } catch (com.fasterxml.jackson.core.JsonProcessingException | RuntimeException e) {
      LOG.debug("event {} about {} not written: {}", event.getReason(), event.getInvolvedObject().getName(), e.toString());
    }
  }

  private static String describe(HasMetadata object) {
    return object == null || object.getMetadata() == null ? "(nothing)" : object.getMetadata().getName();
  }
}
